import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspace } from "../workspace";
import { monitorPeriodicity } from "./validation";

export const monitor = sqliteTable(
  "monitor",
  {
    id: integer("id").primaryKey(),
    workspaceId: integer("workspace_id").references(() => workspace.id),
    url: text("url", { length: 2048 }).notNull(),
    periodicity: text("periodicity", { enum: monitorPeriodicity }).default("10m").notNull(),
    regions: text("regions").default("").notNull(),
    createdAt: integer("created_at", { mode: "timestamp" }).default(sql`(strftime('%s', 'now'))`),
  },
  (t) => [index("monitor_workspace_idx").on(t.workspaceId)],
);
