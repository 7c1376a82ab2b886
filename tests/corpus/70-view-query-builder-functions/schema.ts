// Query-builder views using drizzle-orm's selection helpers: getTableColumns
// spread into the selection, the aggregate functions (count, countDistinct,
// avg, avgDistinct, sum, sumDistinct, max, min) aliased with .as(), the
// standalone `new QueryBuilder()` passed to .as() directly, full joins and
// where operators with inlined parameters.
import { and, avg, avgDistinct, count, countDistinct, eq, getTableColumns, inArray, isNull, max, min, or, sql, sum, sumDistinct } from "drizzle-orm";
import { integer, QueryBuilder, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", { id: integer("id").primaryKey(), name: text("name"), totalViews: integer(), age: integer() });
export const posts = sqliteTable("posts", { id: integer("id").primaryKey(), authorId: integer("author_id"), title: text() });

const qb = new QueryBuilder();

export const everyUser = sqliteView("every_user").as(qb.select().from(users));
export const adults = sqliteView("adults").as(qb.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.name, "o'k"), isNull(users.age))));
export const withExtra = sqliteView("with_extra").as((q) =>
  q.select({ ...getTableColumns(users), one: sql<number>`1`.as("one") }).from(users));
export const stats = sqliteView("stats").as((q) =>
  q.select({
    id: users.id,
    rows: count().as("rows"),
    named: count(users.name).as("named"),
    names: countDistinct(users.name).as("names"),
    mean: avg(users.age).as("mean"),
    meanD: avgDistinct(users.age).as("mean_d"),
    total: sum(users.totalViews).as("total"),
    totalD: sumDistinct(users.age).as("total_d"),
    oldest: max(users.age).as("oldest"),
    youngest: min(sql`${users.age} + 1`).as("youngest"),
  }).from(users).groupBy(users.id));
export const authored = sqliteView("authored").as((q) =>
  q.select({ uid: users.id, title: posts.title, n: count(posts.id).as("n") })
    .from(users)
    .fullJoin(posts, eq(posts.authorId, users.id))
    .where(or(inArray(users.age, [1, 2, 3]), isNull(posts.title)))
    .groupBy(users.id, posts.title)
    .limit(5)
    .offset(1));
