import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("auth_users", {
  id: integer("id").primaryKey(),
  email: text("email").notNull(),
});

export const sessions = sqliteTable("auth_sessions", {
  id: text("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
});
