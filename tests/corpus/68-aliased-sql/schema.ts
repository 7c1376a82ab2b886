// sql``.as(alias) used again inside other SQL (having, orderBy, a template):
// drizzle writes it there by its alias.
import { desc, gt, sql } from "drizzle-orm";
import { integer, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";
export const events = sqliteTable("events", { id: integer().primaryKey(), kind: text().notNull() });
const total = sql<number>`count(*)`.as("total");
export const byKind = sqliteView("by_kind").as((qb) =>
  qb.select({ kind: events.kind, total }).from(events).groupBy(events.kind).having(gt(total, 1)).orderBy(desc(total)));
export const named = sqliteView("named", { kind: text() }).as(sql`select ${events.kind}, ${total} from ${events} order by ${total}`);
