import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const invoice = sqliteTable("invoice", {
  id: integer("id").primaryKey(),
});
