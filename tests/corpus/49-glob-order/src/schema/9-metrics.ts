import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const t9_metrics = sqliteTable("from_9_metrics", {
  id: integer("id").primaryKey(),
});
