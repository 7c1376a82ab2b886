import { sql } from "drizzle-orm";
import { integer, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
});

export const activeUsers = sqliteView("active_users", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
}).as(sql`select "id", "name" from "users" where "active" = 1`);

export const userCount = sqliteView("user_count", {
  total: integer("total").notNull(),
}).as(sql`select count(*) as total from ${users}`);

// A view that exists in the database but is not managed by drizzle-kit.
export const legacyReport = sqliteView("legacy_report", {
  id: integer("id"),
  label: text("label").default("n/a"),
  // A view column default is not quote-escaped (unlike a table column's).
  note: text("note").default("it's"),
}).existing();
