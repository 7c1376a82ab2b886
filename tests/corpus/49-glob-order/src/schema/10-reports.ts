import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const t10_reports = sqliteTable("from_10_reports", {
  id: integer("id").primaryKey(),
});
