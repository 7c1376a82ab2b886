import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// A bigint default (0n) is left out: drizzle-kit 0.31.11 crashes serializing it.
export const tasks = sqliteTable("tasks", {
  id: integer("id", { mode: "number" }).primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  done: integer("done", { mode: "boolean" }).notNull().default(false),
  pinned: integer("pinned", { mode: "boolean" }).default(true),
  archived: integer("archived", { mode: "boolean" }),
  dueAt: integer("due_at", { mode: "timestamp" }),
  remindAt: integer("remind_at", { mode: "timestamp_ms" }),
  createdAt: integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`),
  bytesUsed: integer("bytes_used", { mode: "bigint" }).notNull(),
  position: integer("position", { mode: "number" }).notNull(),
});
