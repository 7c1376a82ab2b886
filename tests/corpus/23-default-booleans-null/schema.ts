import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const flags = sqliteTable("flags", {
  id: integer("id").primaryKey(),
  on: integer("on", { mode: "boolean" }).notNull().default(true),
  off: integer("off", { mode: "boolean" }).notNull().default(false),
  nullText: text("null_text").default(sql`NULL`),
  nullSql: integer("null_sql").default(sql`null`),
  plainOne: integer("plain_one").default(1),
  // A JavaScript null is an object to drizzle-kit: it becomes the text 'null'.
  jsNull: text("js_null").default(null),
  jsNullJson: text("js_null_json", { mode: "json" }).default(null),
});
