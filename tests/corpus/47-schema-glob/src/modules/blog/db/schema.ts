import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../auth/schema";

export const articles = sqliteTable("blog_articles", {
  id: integer("id").primaryKey(),
  authorId: integer("author_id").references(() => users.id),
  title: text("title").notNull(),
});
