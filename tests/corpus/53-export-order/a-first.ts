import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

// Within a file, tables come in export-name order (not source order, not table-name order).
export const zoo = sqliteTable("a_table", { id: integer("id").primaryKey() });
export const Zebra = sqliteTable("b_table", { id: integer("id").primaryKey() });
export const apple = sqliteTable("c_table", { id: integer("id").primaryKey() });
export const _private = sqliteTable("d_table", { id: integer("id").primaryKey() });
export const $dollar = sqliteTable("e_table", { id: integer("id").primaryKey() });
export const Apple2 = sqliteTable("f_table", { id: integer("id").primaryKey() });
