import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// casing: "snake_case" renames only the columns written without a name.
export const organizations = sqliteTable("organizations", {
  id: integer().primaryKey({ autoIncrement: true }),
  displayName: text().notNull(),
  billingEmail: text().unique(),
  explicitName: text("ExplicitName"),
  createdAt: integer({ mode: "timestamp" }).notNull().default(sql`(unixepoch())`),
});

export const orgMembers = sqliteTable(
  "org_members",
  {
    orgId: integer()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text().notNull(),
    roleName: text().notNull().default("member"),
    invitedBy: text(),
    seatCount: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index("org_members_role_idx").on(t.roleName),
    uniqueIndex("org_members_invited_idx").on(t.invitedBy).where(sql`${t.invitedBy} is not null`),
    unique().on(t.userId, t.roleName),
    check("seat_count_positive", sql`${t.seatCount} > 0`),
    foreignKey({ columns: [t.invitedBy], foreignColumns: [t.userId] }),
  ],
);
