import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Counted: an exported table.
export const visible = sqliteTable("visible", {
  id: integer("id").primaryKey(),
  secretId: integer("secret_id").references(() => hidden.id),
});

// Not counted: a table that is not exported (even though another table references it).
const hidden = sqliteTable("hidden", {
  id: integer("id").primaryKey(),
});

// Not counted: a table only reachable through an exported object.
export const tables = {
  nested: sqliteTable("nested", {
    id: integer("id").primaryKey(),
    name: text("name"),
  }),
};

// Not counted: tables inside an exported array or returned by an exported function.
export const list = [sqliteTable("in_array", { id: integer("id").primaryKey() })];
export function makeTable() {
  return sqliteTable("from_function", { id: integer("id").primaryKey() });
}
