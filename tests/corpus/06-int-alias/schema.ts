import { int, sqliteTable, text } from "drizzle-orm/sqlite-core";

// `int` is drizzle-orm's alias of `integer`; both write INTEGER.
export const counters = sqliteTable("counters", {
  id: int().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  hits: int("hits").notNull().default(0),
  enabled: int({ mode: "boolean" }).default(true),
  lastSeen: int("last_seen", { mode: "timestamp_ms" }),
});
