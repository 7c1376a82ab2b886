import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const workspace = sqliteTable("workspace", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull().unique(),
});
