import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

const PLANS = ["free", "pro", "enterprise"] as const;

export const members = sqliteTable("members", {
  id: integer("id").primaryKey(),
  role: text("role", { enum: ROLES }).notNull().default("member"),
  plan: text("plan", { enum: PLANS }).default("free"),
});
