import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const settings = sqliteTable("app_settings", {
  id: integer("id").primaryKey(),
  key: text("key").notNull(),
});
