import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Listed first in the config's schema array, so its tables come first.
export const middle = sqliteTable("m_table", {
  id: integer("id").primaryKey(),
  note: text("note"),
});
export const alpha = sqliteTable("z_table", { id: integer("id").primaryKey() });
