import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "../util/columns.js";
import { users } from "./users.js";

export const posts = sqliteTable("posts", {
  id: integer("id").primaryKey(),
  authorId: integer("author_id")
    .notNull()
    .references(() => users.id),
  body: text("body").notNull(),
  createdAt,
});
