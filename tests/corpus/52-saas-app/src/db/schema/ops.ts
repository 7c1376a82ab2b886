import { sql } from "drizzle-orm";
import { blob, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./_shared";
import { users } from "./auth";
import { organizations } from "./org";
import { projects } from "./product";

export const events = sqliteTable(
  "events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    projectId: text().references(() => projects.id, { onDelete: "set null" }),
    name: text().notNull(),
    properties: text({ mode: "json" }).$type<Record<string, unknown>>(),
    occurredAt: integer({ mode: "timestamp_ms" })
      .notNull()
      .default(sql`(cast(unixepoch('subsecond') * 1000 as integer))`),
  },
  (t) => [index("events_org_time_idx").on(t.organizationId, t.occurredAt), index("events_name_idx").on(t.name)],
);

export const auditLogs = sqliteTable("audit_logs", {
  id: integer().primaryKey({ autoIncrement: true }),
  organizationId: text().references(() => organizations.id, { onDelete: "set null" }),
  actorId: text().references(() => users.id, { onDelete: "set null" }),
  action: text().notNull(),
  target: text(),
  diff: text({ mode: "json" }),
  createdAt: timestamps.createdAt,
});

export const webhooks = sqliteTable("webhooks", {
  id: id(),
  organizationId: text()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  url: text().notNull(),
  secret: blob({ mode: "buffer" }).notNull(),
  events: text({ mode: "json" }).$type<string[]>().notNull().default(["*"]),
  enabled: integer({ mode: "boolean" }).notNull().default(true),
  failureCount: integer().notNull().default(0),
  ...timestamps,
});

export const notifications = sqliteTable(
  "notifications",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text({ enum: ["mention", "invite", "alert", "digest"] }).notNull(),
    payload: text({ mode: "json" }).notNull(),
    readAt: integer({ mode: "timestamp" }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`)],
);
