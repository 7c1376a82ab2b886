import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Date values as defaults: drizzle-kit turns a Date into JSON (an ISO string in quotes),
// whatever the column's mode. The timestamps are fixed so the snapshot is stable.
export const events = sqliteTable("events", {
  id: integer("id").primaryKey(),
  startsAt: integer("starts_at", { mode: "timestamp" }).default(new Date("2024-01-01T00:00:00Z")),
  endsAt: integer("ends_at", { mode: "timestamp_ms" }).default(new Date(1700000000000)),
  label: text("label").notNull(),
  epochStart: integer("epoch_start", { mode: "timestamp" }).default(new Date(0)),
});
