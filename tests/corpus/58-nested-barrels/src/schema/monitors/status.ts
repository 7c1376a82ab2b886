import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { monitor } from "./monitor";

export const monitorStatus = sqliteTable(
  "monitor_status",
  {
    monitorId: integer("monitor_id")
      .notNull()
      .references(() => monitor.id, { onDelete: "cascade" }),
    region: text("region").notNull(),
    status: text("status", { enum: ["active", "error", "degraded"] }).default("active").notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region] }), index("monitor_status_idx").on(t.monitorId, t.region)],
);
