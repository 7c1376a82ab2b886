import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";
import { teams } from "./teams";
import { users } from "./users";

export const projects = sqliteTable(
  "projects",
  {
    id: id(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex("projects_team_name_idx").on(t.teamId, t.name)],
);

export const dashboards = sqliteTable("dashboards", {
  id: id(),
  projectId: text("project_id")
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" }),
  title: text("title").notNull(),
  isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
});

export const widgets = sqliteTable("widgets", {
  id: id(),
  dashboardId: text("dashboard_id")
    .notNull()
    .references(() => dashboards.id, { onDelete: "cascade" }),
  kind: text("kind", { enum: ["line", "bar", "number", "table"] }).notNull(),
  title: text("title").notNull(),
  config: text("config", { mode: "json" }).notNull().default({}),
  position: integer("position").notNull().default(0),
});
