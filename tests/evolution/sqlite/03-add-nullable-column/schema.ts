import { sqliteTable, sqliteView, integer, text, real, index, uniqueIndex, unique, primaryKey, check } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email"),
  bio: text("bio"),
});

export const posts = sqliteTable("posts", {
  id: integer("id").primaryKey(),
  userId: integer("user_id").references(() => users.id),
  title: text("title").notNull(),
  body: text("body"),
});

export const kv = sqliteTable("kv", {
  k: text("k").primaryKey(),
  v: text("v").notNull(),
  note: text("note"),
});

export const tags = sqliteTable("tags", {
  id: integer("id").primaryKey(),
  label: text("label"),
  weight: integer("weight"),
  ownerId: integer("owner_id"),
});
