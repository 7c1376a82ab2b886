import { foreignKey, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import * as u from "./users";
import { users as people } from "./users";

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey(),
    authorId: integer("author_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    editorId: integer("editor_id").references(() => u.users.id),
    reviewerId: integer("reviewer_id"),
    title: text("title").notNull(),
  },
  (t) => [
    foreignKey({ name: "posts_reviewer_fk", columns: [t.reviewerId], foreignColumns: [people.id] }).onUpdate("cascade"),
  ],
);
