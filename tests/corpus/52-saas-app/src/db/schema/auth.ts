import { relations } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./_shared";

export const users = sqliteTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text(),
    avatarUrl: text(),
    emailVerified: integer({ mode: "boolean" }).notNull().default(false),
    locale: text({ length: 10 }).notNull().default("en"),
    lastLoginAt: integer({ mode: "timestamp" }),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_email_idx").on(t.email)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text({ enum: ["github", "google", "email"] }).notNull(),
    providerAccountId: text().notNull(),
    accessToken: text(),
    refreshToken: text(),
    expiresAt: integer({ mode: "timestamp" }),
  },
  (t) => [uniqueIndex("accounts_provider_idx").on(t.provider, t.providerAccountId), index("accounts_user_idx").on(t.userId)],
);

export const sessions = sqliteTable("sessions", {
  token: text().primaryKey(),
  userId: text()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: integer({ mode: "timestamp" }).notNull(),
  userAgent: text(),
  ip: text(),
});

export const verificationTokens = sqliteTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const usersRelations = relations(users, ({ many }) => ({
  accounts: many(accounts),
  sessions: many(sessions),
}));

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
