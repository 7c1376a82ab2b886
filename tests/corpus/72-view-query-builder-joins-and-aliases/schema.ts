// Query-builder views over joins: select() without fields over joined tables
// (every column, qualified, and no view columns), nested selections and whole
// tables as fields (flattened, no view columns), alias() for a self join and
// as the table selected from, where written with sql``.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { alias, integer, sqliteTable, sqliteView, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", { id: integer("id").primaryKey(), name: text("name").notNull(), managerId: integer("manager_id") });
export const posts = sqliteTable("posts", { id: integer("id").primaryKey(), authorId: integer("author_id"), title: text() });

const manager = alias(users, "manager");
const boss = alias(manager, "boss");

export const everything = sqliteView("everything").as((qb) =>
  qb.select().from(users).leftJoin(posts, eq(posts.authorId, users.id)));
export const nested = sqliteView("nested").as((qb) =>
  qb.select({ user: users, post: { title: posts.title, one: sql<number>`1`.as("one") }, id: users.id })
    .from(users).innerJoin(posts, eq(posts.authorId, users.id)));
export const nestedSingle = sqliteView("nested_single").as((qb) =>
  qb.select({ u: { id: users.id }, name: users.name }).from(users).where(sql`${users.name} like 'a%'`));
export const withManager = sqliteView("with_manager").as((qb) =>
  qb.select({ id: users.id, name: users.name, managerName: manager.name, bossId: boss.id })
    .from(users)
    .leftJoin(manager, eq(manager.id, users.managerId))
    .leftJoin(boss, eq(boss.id, manager.managerId))
    .where(and(isNotNull(manager.id), eq(boss.name, "o'k"))));
export const managers = sqliteView("managers").as((qb) =>
  qb.selectDistinct({ id: manager.id }).from(manager).where(isNotNull(manager.managerId)).orderBy(manager.name));
export const managersAll = sqliteView("managers_all").as((qb) => qb.select().from(manager));
