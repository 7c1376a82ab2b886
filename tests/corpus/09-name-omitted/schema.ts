import { integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// No column names and no casing in the config: the JS key is the column name, as written.
export const userAccounts = sqliteTable(
  "user_accounts",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    firstName: text().notNull(),
    last_name: text(),
    emailAddress: text({ length: 320 }).notNull().unique(),
    isAdmin: integer({ mode: "boolean" }).notNull().default(false),
    balanceUSD: real().default(0),
    createdAt: integer({ mode: "timestamp" }),
  },
  (t) => [uniqueIndex("user_accounts_name_idx").on(t.firstName, t.last_name)],
);

export const sessions = sqliteTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => userAccounts.id, { onDelete: "cascade" }),
  expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
});
