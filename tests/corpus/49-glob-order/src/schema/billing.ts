import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const tbilling = sqliteTable("from_billing", {
  id: integer("id").primaryKey(),
});
