// Constants shaped with Array and String methods, as checks and enum lists are
// often built: map, filter, join, slice, concat, includes, toLowerCase,
// toUpperCase, trim.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const STATUSES = ["todo", "doing", "done"] as const;
const PRIORITIES = [1, 2, 3];

export const tasks = sqliteTable(
  "tasks",
  {
    id: integer("id").primaryKey(),
    status: text("status", { enum: STATUSES }).notNull(),
    priority: integer("priority").notNull(),
  },
  (t) => {
    return [
      check("tasks_status_check", sql.raw(`"status" in (${STATUSES.map((s) => `'${s}'`).join(", ")})`)),
      check("tasks_priority_check", sql`${t.priority} in ${sql.raw(`(${PRIORITIES.join(",")})`)}`),
      index("tasks_status_idx").on(t.status),
    ];
  },
);

const TABLE = "Audit_Log";
const LEVELS = ["debug", "info", "warn", "error"];
const SERIOUS = LEVELS.slice(-2);
const ALL = LEVELS.concat(["fatal"], "trace");

export const auditLog = sqliteTable(
  TABLE.toLowerCase(),
  {
    id: integer("id").primaryKey(),
    level: text("level", { enum: ALL.filter((l) => l !== "trace") as [string, ...string[]] }).notNull(),
    code: text(" Code ".trim().toUpperCase()),
    strict: integer("strict", { mode: "boolean" }).default(LEVELS.includes("warn")),
  },
  (t) => [
    index(`${TABLE.toLowerCase()}_level_idx`).on(t.level),
    check(`${TABLE.toLowerCase()}_serious`, sql.raw(`level in (${SERIOUS.map((l, i) => `'${i}:${l}'`).join(",")})`)),
  ],
);

// Comparisons inside the callbacks: ===, !==, <, >=, %.
export const levelsEven = sqliteTable("levels_even", {
  id: integer("id").primaryKey(),
  level: text(LEVELS.filter((l, i) => i % 2 === 0 && i < 3 && l !== "x").join("_")),
  big: integer("big").default(PRIORITIES.filter((p) => p >= 2).length),
});
