import { sqliteTable } from "drizzle-orm/sqlite-core";

// drizzle-orm 0.36+ style: the columns object comes from a callback that gets the builders.
export const posts = sqliteTable("posts", (t) => ({
  id: t.integer().primaryKey({ autoIncrement: true }),
  title: t.text().notNull(),
  body: t.text(),
  score: t.real().default(0),
  views: t.integer("view_count").notNull().default(0),
  ratio: t.numeric(),
  attachment: t.blob({ mode: "buffer" }),
  published: t.integer({ mode: "boolean" }).notNull().default(false),
}));

export const comments = sqliteTable(
  "comments",
  (t) => ({
    id: t.integer("id").primaryKey(),
    postId: t.integer("post_id").notNull().references(() => posts.id),
    text: t.text("text", { length: 500 }).notNull(),
  }),
);
