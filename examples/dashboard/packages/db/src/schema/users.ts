import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";

export const users = sqliteTable("users", {
  id: id(),
  email: text("email").notNull().unique(),
  name: text("name"),
  avatarUrl: text("avatar_url"),
  role: text("role", { enum: ["user", "admin"] }).notNull().default("user"),
  timezone: text("timezone"),
  lastSeenAt: integer("last_seen_at", { mode: "timestamp" }),
  ...timestamps,
});

export type User = typeof users.$inferSelect;
