import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// casing: "camelCase" turns snake_case keys into camelCase column names.
export const audit_log = sqliteTable(
  "audit_log",
  {
    log_id: integer().primaryKey({ autoIncrement: true }),
    actor_id: text().notNull(),
    action_name: text().notNull(),
    target_table: text("target_table"),
    happened_at: integer({ mode: "timestamp_ms" }).notNull().default(sql`(unixepoch() * 1000)`),
    plainword: text(),
  },
  (t) => [index("audit_actor_idx").on(t.actor_id, t.happened_at)],
);

export const tag_links = sqliteTable(
  "tag_links",
  {
    tag_id: integer().notNull(),
    log_id: integer()
      .notNull()
      .references(() => audit_log.log_id),
  },
  (t) => [primaryKey({ columns: [t.tag_id, t.log_id] })],
);
