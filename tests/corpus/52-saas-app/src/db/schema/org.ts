import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";
import { id, PLAN, ROLE, timestamps } from "./_shared";
import { users } from "./auth";

export const organizations = sqliteTable(
  "organizations",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    plan: text({ enum: PLAN }).notNull().default("free"),
    seats: integer().notNull().default(1),
    trialEndsAt: integer({ mode: "timestamp" }),
    settings: text({ mode: "json" })
      .$type<{ sso: boolean; domains: string[] }>()
      .notNull()
      .default({ sso: false, domains: [] }),
    ...timestamps,
  },
  (t) => [check("organizations_seats_check", sql`${t.seats} >= 1`)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: id(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: ROLE }).notNull().default("member"),
    ...timestamps,
  },
  (t) => [unique().on(t.organizationId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = sqliteTable(
  "invitations",
  {
    id: id(),
    organizationId: text()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text({ enum: ROLE }).notNull().default("member"),
    invitedById: text().references(() => users.id, { onDelete: "set null" }),
    acceptedAt: integer({ mode: "timestamp" }),
    expiresAt: integer({ mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("invitations_pending_idx")
      .on(t.organizationId, t.email)
      .where(sql`${t.acceptedAt} is null`),
  ],
);

export const organizationsRelations = relations(organizations, ({ many }) => ({
  memberships: many(memberships),
  invitations: many(invitations),
}));
