import { blob, integer, numeric, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

// One column of every built-in SQLite column type, written with explicit names.
export const measurements = sqliteTable("measurements", {
  id: integer("id").primaryKey(),
  label: text("label").notNull(),
  value: real("value"),
  precise: numeric("precise"),
  payload: blob("payload"),
  count: integer("count").notNull(),
});
