import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const places = sqliteTable("places", {
  id: integer("id").primaryKey(),
  city: text("city").notNull(),
});
