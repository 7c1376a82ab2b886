import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  sqliteView,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./_shared";
import { users } from "./auth";
import { organizations } from "./org";

export const projects = sqliteTable(
  "projects",
  {
    id: id(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text(),
    archived: integer({ mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex("projects_org_name_idx").on(t.organizationId, sql`lower(${t.name})`)],
);

export const dashboards = sqliteTable(
  "dashboards",
  {
    id: id(),
    projectId: text()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text().notNull(),
    layout: text({ mode: "json" }).$type<{ columns: number }>().default({ columns: 12 }),
    isPublic: integer({ mode: "boolean" }).notNull().default(false),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("dashboards_project_idx").on(t.projectId)],
);

export const widgets = sqliteTable(
  "widgets",
  {
    id: id(),
    dashboardId: text().notNull(),
    kind: text({ enum: ["chart", "table", "metric", "text"] }).notNull(),
    query: text(),
    position: integer().notNull().default(0),
    width: integer().notNull().default(4),
    refreshSeconds: integer().default(300),
  },
  (t) => [
    foreignKey({ columns: [t.dashboardId], foreignColumns: [dashboards.id], name: "widgets_dashboard_fk" }).onDelete(
      "cascade",
    ),
    index("widgets_dashboard_position_idx").on(t.dashboardId, t.position),
  ],
);

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: id(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    hashedKey: text().notNull().unique(),
    prefix: text({ length: 8 }).notNull(),
    lastUsedAt: integer({ mode: "timestamp" }),
    revokedAt: integer({ mode: "timestamp" }),
    ...timestamps,
  },
  (t) => [index("api_keys_org_idx").on(t.organizationId).where(sql`${t.revokedAt} is null`)],
);

export const usageDaily = sqliteTable(
  "usage_daily",
  {
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    day: text().notNull(),
    events: integer().notNull().default(0),
    computeSeconds: real().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.day] })],
);

export const activeProjects = sqliteView("active_projects", {
  id: text().primaryKey(),
  name: text().notNull(),
  organizationId: text(),
}).as(sql`select id, name, organization_id as organizationId from projects where archived = 0`);
