// Views built with the query builder: select (all columns, fields, sql .as()
// aliases, numeric bigint casts), selectDistinct, joins, where, groupBy, having,
// orderBy, limit, offset. The view query builder has no casing (its field names
// stay as written) while where/on columns take the config's casing.
import { and, asc, desc, eq, gt, sql, count } from "drizzle-orm";
import { integer, numeric, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";
export const users = sqliteTable("users", { id: integer("id").primaryKey(), name: text("name"), retired: integer("retired", { mode: "boolean" }), age: integer() });
export const posts = sqliteTable("posts", { id: integer("id").primaryKey(), authorId: integer("author_id"), views: integer("views") });
export const v1 = sqliteView("v1").as((qb) => qb.select().from(users));
export const v2 = sqliteView("v2").as((qb) => qb.select({ id: users.id, n: users.name }).from(users).where(eq(users.retired, true)));
export const v3 = sqliteView("v3").as((qb) => qb.select({ id: users.id, total: sql<number>`count(*)`.as("total") }).from(users).innerJoin(posts, eq(posts.authorId, users.id)).groupBy(users.id).orderBy(desc(users.id)).limit(10));
export const v4 = sqliteView("v4").as((qb) => qb.selectDistinct({ a: users.age }).from(users).leftJoin(posts, eq(posts.authorId, users.id)).where(and(gt(posts.views, 100), eq(users.name, "x"))).orderBy(users.age, asc(users.name)).offset(2));
export const accounts = sqliteTable("accounts", {
  id: integer().primaryKey({ autoIncrement: true }),
  owner: integer("owner_id").notNull().references(() => users.id),
  balance: numeric({ mode: "bigint" }).notNull(),
  label: text().default("it's"),
  kind: text().notNull().default("basic"),
});
export const v5 = sqliteView("v5").as((qb) =>
  qb.select({ id: accounts.id, b: accounts.balance, l: accounts.label, up: sql`upper(${accounts.kind})`.as("up"), nested: sql`coalesce(${sql`${accounts.label}`}, ${accounts.kind})`.as("nested") }).from(accounts).where(eq(accounts.kind, "basic")).limit(0));
export const v6 = sqliteView("v6").as((qb) =>
  qb.select({ uid: users.id, aid: accounts.id, bal: accounts.balance, n: sql<number>`count(${accounts.id})`.as("n") })
    .from(users).rightJoin(accounts, eq(accounts.owner, users.id)).crossJoin(posts)
    .groupBy(users.id, accounts.id).having(gt(sql`count(*)`, 1)).orderBy(desc(sql`n`)));
