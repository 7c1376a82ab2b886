// Operators under casing: snake_case column names in index where, check,
// generated column and an sql`` view.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";
export const userAccounts = sqliteTable("user_accounts", {
  id: integer().primaryKey(),
  deletedAt: integer({ mode: "timestamp" }),
  loginCount: integer().notNull().default(0),
  displayName: text(),
  fullName: text().generatedAlwaysAs((): any => sql`${userAccounts.displayName} || '!'`),
}, (t) => [
  index("live_idx").on(t.displayName).where(and(isNull(t.deletedAt), gt(t.loginCount, 0))),
  check("login_check", gt(t.loginCount, -1)),
]);
export const v = sqliteView("v", { id: integer() }).as(sql`select ${userAccounts.id} from ${userAccounts} where ${eq(userAccounts.loginCount, 3)}`);
