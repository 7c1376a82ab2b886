import { and, eq, gt, inArray, isNotNull, isNull, ne, not, or, sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

type Prefs = Record<string, number>;
const DAY = 60 * 60 * 24;

// TypeScript expressions around values: arithmetic, casts, `satisfies`, brackets.
export const limits = sqliteTable("limits", {
  id: integer("id").primaryKey(),
  ttlSeconds: integer("ttl_seconds").notNull().default(DAY * 7),
  maxBytes: integer("max_bytes").default(1024 * 1024),
  negative: integer("negative").default(-DAY),
  ratio: real("ratio").default(1 / 4),
  tags: text("tags", { mode: "json" }).$type<string[]>().default([] as string[]),
  prefs: text("prefs", { mode: "json" }).default({ a: 1 } satisfies Prefs),
  bracketed: text("bracketed").default(("x")),
  label: text("label").notNull().default("a" + "-" + "b"),
});

// drizzle-orm operators in partial indexes and checks, as many projects write them.
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: integer("id").primaryKey(),
    status: text("status").notNull(),
    deletedAt: integer("deleted_at", { mode: "timestamp" }),
    seats: integer("seats").notNull(),
  },
  (t) => [
    index("subscriptions_live_idx").on(t.status).where(isNull(t.deletedAt)),
    uniqueIndex("subscriptions_deleted_idx").on(t.id).where(and(isNotNull(t.deletedAt), not(isNull(t.status)))),
    check("subscriptions_seats_check", or(isNull(t.deletedAt), sql`${t.seats} >= 0`)!),
  ],
);

// Operators with values: drizzle-kit writes them as bound parameters, `?`, in the
// snapshot and in its SQL (which then cannot run). Kept in their own table.
export const bound = sqliteTable(
  "bound",
  {
    id: integer("id").primaryKey(),
    status: text("status").notNull(),
    qty: integer("qty").notNull(),
  },
  (t) => [
    index("bound_active_idx").on(t.status).where(eq(t.status, "active")),
    index("bound_big_idx").on(t.qty).where(and(gt(t.qty, 5), ne(t.status, "x"))),
    check("bound_status_check", inArray(t.status, ["active", "paused"])),
  ],
);
