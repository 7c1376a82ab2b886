import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const a = sqliteTable("pk_autoincrement", {
  id: integer("id").primaryKey({ autoIncrement: true }),
});

export const b = sqliteTable("pk_on_conflict", {
  id: integer("id").primaryKey({ onConflict: "replace" }),
  name: text("name"),
});

export const c = sqliteTable("pk_both", {
  id: integer("id").primaryKey({ autoIncrement: true, onConflict: "ignore" }),
});

export const d = sqliteTable("pk_text", {
  code: text("code").primaryKey(),
});

export const e = sqliteTable("pk_no_autoincrement", {
  id: integer("id").primaryKey({ autoIncrement: false }),
  other: integer("other").notNull(),
});
