// An app schema as projects write it: sql<T>`` with type arguments (which
// tree-sitter-typescript misreads as comparisons), aliased and subpath operator
// imports, shared timestamp spreads, relations and type exports beside tables.
import { relations, sql, type SQL, isNull as nil, eq } from "drizzle-orm";
import { isNotNull } from "drizzle-orm/sql/expressions/conditions";
import {
  type AnySQLiteColumn, blob, index, integer, primaryKey, real, sqliteTable, text, unique, uniqueIndex,
} from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp" }).notNull().default(sql<number>`(unixepoch())`),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).$onUpdate(() => new Date()),
};

export const ROLES = ["admin", "member", "guest"] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    email: text("email").notNull(),
    role: text("role", { enum: ROLES }).$type<Role>().notNull().default("member"),
    invitedBy: text("invited_by").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    avatar: blob("avatar", { mode: "buffer" }),
    balance: real("balance").default(0.0),
    meta: text("meta", { mode: "json" }).$type<{ a: number }>().default(sql`'{}'`),
    deletedAt: integer("deleted_at", { mode: "timestamp" }),
    ...timestamps,
  },
  (table) => ({
    emailIdx: uniqueIndex("users_email_idx").on(sql`lower(${table.email})`),
    liveIdx: index("users_live_idx").on(table.role).where(nil(table.deletedAt)),
  }),
);

export const groups = sqliteTable("groups", {
  id: integer("id", { mode: "number" }).primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  slug: text("slug").generatedAlwaysAs((): SQL => sql<string>`lower(${groups.name})`, { mode: "stored" }),
});

const auditIndexes = (t: { createdAt: AnySQLiteColumn }, name: string) => [index(`${name}_created_idx`).on(t.createdAt)];

export const memberships = sqliteTable(
  "memberships",
  {
    userId: text("user_id").notNull().references(() => users.id, { onDelete: "cascade", onUpdate: "no action" }),
    groupId: integer("group_id").notNull().references(() => groups.id, { onDelete: "cascade" }),
    note: text("note"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.groupId] }),
    unique("memberships_note_uq").on(t.groupId, t.note),
    index("memberships_note_idx").on(t.note).where(isNotNull(t.note)),
    index("memberships_user_group_idx").on(t.userId).where(eq(t.groupId, 1)),
    ...auditIndexes(t, "memberships"),
  ],
);

export const usersRelations = relations(users, ({ many }) => ({ memberships: many(memberships) }));
export type User = typeof users.$inferSelect;

// Type arguments on sql in every place: union types, nested generics, arrow bodies with parameters.
export const typedSql = sqliteTable(
  "typed_sql",
  {
    id: integer("id").primaryKey(),
    a: integer("a").default(sql<number | null>`(1 + 1)`),
    b: text("b").default(sql<Array<string>>`'[]'`),
    c: integer("c").generatedAlwaysAs((): SQL => sql<number>`${typedSql.a} * 2`),
  },
  (t) => [
    index("typed_sql_expr_idx").on(sql<string>`lower(${t.b})`),
    index("typed_sql_where_idx").on(t.a).where(sql<boolean>`${t.a} > 0`),
  ],
);
