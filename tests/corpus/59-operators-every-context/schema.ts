import {
  and, asc, between, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, like, lt, lte, ne, not,
  notBetween, notIlike, notInArray, notLike, or, sql,
} from "drizzle-orm";
import * as orm from "drizzle-orm";
import { check, index, integer, numeric, real, sqliteTable, sqliteView, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ACTIVE, LIMITS, STATUSES, Tier } from "./consts";

const MIN_QTY = 3;
const optional = undefined;

// Index where: every comparison, with values from literals, consts, enums and imports.
export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey(),
    status: text("status", { enum: STATUSES }).notNull(),
    tier: text("tier").notNull().default(Tier.Free),
    qty: integer("qty").notNull(),
    price: real("price"),
    note: text("note"),
    paid: integer("paid", { mode: "boolean" }),
    deletedAt: integer("deleted_at", { mode: "timestamp" }),
  },
  (t) => [
    index("orders_eq_idx").on(t.status).where(eq(t.status, ACTIVE)),
    index("orders_ne_idx").on(t.tier).where(ne(t.tier, Tier.Pro)),
    index("orders_gt_idx").on(t.qty).where(gt(t.qty, MIN_QTY)),
    index("orders_gte_idx").on(t.qty).where(gte(t.qty, LIMITS.min)),
    index("orders_lt_idx").on(t.qty).where(lt(t.qty, LIMITS.max)),
    index("orders_lte_idx").on(t.price).where(lte(t.price, 9.5)),
    index("orders_and_idx").on(t.status).where(and(isNull(t.deletedAt), optional, eq(t.paid, true))),
    index("orders_and1_idx").on(t.status).where(and(isNotNull(t.note))),
    index("orders_or_idx").on(t.status).where(or(eq(t.status, "paused"), not(eq(t.status, "closed")))),
    index("orders_in_idx").on(t.status).where(inArray(t.status, [ACTIVE, "paused"])),
    index("orders_notin_idx").on(t.status).where(notInArray(t.status, [STATUSES[2]])),
    index("orders_between_idx").on(t.qty).where(between(t.qty, LIMITS.min, LIMITS.max)),
    index("orders_notbetween_idx").on(t.qty).where(notBetween(t.qty, 0, 10)),
    index("orders_like_idx").on(t.note).where(like(t.note, "%urgent%")),
    index("orders_notlike_idx").on(t.note).where(notLike(t.note, "x%")),
    index("orders_ns_idx").on(t.note).where(orm.isNotNull(t.note)),
    index("orders_cols_idx").on(t.qty).where(gt(t.qty, t.price)),
    index("orders_sql_left_idx").on(t.note).where(eq(sql`lower(${t.note})`, "a")),
    index("orders_desc_idx").on(desc(t.qty), asc(t.status)),
    index("orders_in_empty_idx").on(t.qty).where(inArray(t.qty, [])),
    index("orders_notin_empty_idx").on(t.qty).where(notInArray(t.qty, [])),
    uniqueIndex("orders_tmpl_idx").on(t.id).where(sql`${isNull(t.deletedAt)} and ${t.qty} > ${LIMITS.min}`),
  ],
);

// Checks: the same operators, rendered with "table"."column" and bound values as ?.
export const items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey(),
    kind: text("kind").notNull(),
    size: integer("size").notNull(),
    name: text("name"),
  },
  (t) => [
    check("items_kind", inArray(t.kind, ["a", "b"])),
    check("items_size", and(gte(t.size, 0), lte(t.size, LIMITS.max))!),
    check("items_between", between(t.size, 0, 1000)),
    check("items_name", or(isNull(t.name), not(like(t.name, "")))!),
    check("items_ilike", notIlike(t.kind, "z%")),
    check("items_sql", sql`${t.size} % 2 = 0 or ${ne(t.kind, "odd")}`),
    check("items_raw", sql.raw(`"size" < 10000`)),
  ],
);

// Generated columns: operators inside sql`` (columns unqualified, values as ?).
export const totals = sqliteTable("totals", {
  id: integer("id").primaryKey(),
  a: integer("a").notNull(),
  b: integer("b"),
  bigA: integer("big_a").generatedAlwaysAs((): ReturnType<typeof sql> => sql`${gt(totals.a, 100)}`),
  hasB: integer("has_b").generatedAlwaysAs((): ReturnType<typeof sql> => sql`${isNotNull(totals.b)}`, { mode: "stored" }),
  either: integer("either").generatedAlwaysAs((): ReturnType<typeof sql> => or(eq(totals.a, 1), eq(totals.b, 2))!),
});

// Views: parameters are inlined, through the column's encoder.
export const paidOrders = sqliteView("paid_orders", {
  id: integer("id"),
}).as(sql`select ${orders.id} from ${orders} where ${and(eq(orders.paid, true), inArray(orders.status, [ACTIVE]), gt(orders.qty, 2))}`);

export const recentOrders = sqliteView("recent_orders", {
  id: integer("id"),
}).as(sql`select ${orders.id} from ${orders} where ${gte(orders.deletedAt, new Date("2024-01-02T03:04:05Z"))} and ${isNull(orders.note)}`);

// Encoders in inlined view parameters: timestamp_ms, json text, numeric number mode, null.
export const encoded = sqliteTable("encoded", {
  id: integer("id"),
  ok: integer("ok", { mode: "boolean" }),
  at: integer("at", { mode: "timestamp" }),
  ms: integer("ms", { mode: "timestamp_ms" }),
  j: text("j", { mode: "json" }),
  n: numeric("n", { mode: "number" }),
  name: text("name"),
});

export const encodedView = sqliteView("encoded_view", {
  id: integer("id"),
}).as(sql`select 1 from ${encoded} where ${and(eq(encoded.ok, "yes"), gte(encoded.at, new Date("2024-01-01T00:00:01.900Z")), eq(encoded.ms, new Date(5)), eq(encoded.j, { a: "it's" }), inArray(encoded.n, [1, 2]), eq(encoded.name, null))}`);
