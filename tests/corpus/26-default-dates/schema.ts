import { blob, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Date values as defaults: drizzle-kit turns a Date into JSON (an ISO string in quotes),
// whatever the column's mode. The timestamps are fixed so the snapshot is stable.
export const events = sqliteTable("events", {
  id: integer("id").primaryKey(),
  startsAt: integer("starts_at", { mode: "timestamp" }).default(new Date("2024-01-01T00:00:00Z")),
  endsAt: integer("ends_at", { mode: "timestamp_ms" }).default(new Date(1700000000000)),
  label: text("label").notNull(),
  epochStart: integer("epoch_start", { mode: "timestamp" }).default(new Date(0)),
  // Columns where drizzle-orm stores a Date as JSON text: the same quoted ISO string.
  doc: text("doc", { mode: "json" }).default(new Date("2024-06-30T12:34:56.789Z")),
  raw: blob("raw", { mode: "json" }).default(new Date("1969-12-31T23:59:59.999Z")),
  beforeEpoch: integer("before_epoch", { mode: "timestamp_ms" }).notNull().default(new Date(-1)),
  // Invalid Dates: JSON.stringify writes null, so drizzle-kit stores 'null'.
  tooLate: integer("too_late", { mode: "timestamp" }).default(new Date(8.64e15 + 1)),
  notANumber: integer("not_a_number", { mode: "timestamp" }).default(new Date(Number("soon"))),
  truncated: integer("truncated", { mode: "timestamp_ms" }).default(new Date(-1.5)),
});
