import { sqliteTable, sqliteView, integer, text, real, index, uniqueIndex, unique, primaryKey, check } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email"),
  nameUpper: text("name_upper").generatedAlwaysAs(sql`upper(name)`, { mode: "virtual" }),
}, (t) => [
  uniqueIndex("users_email_uq").on(t.email),
]);

export const posts = sqliteTable("posts", {
  id: integer("id").primaryKey(),
  userId: integer("user_id"),
  title: text("title"),
  content: text("content"),
  status: text("status").notNull().default("new"),
  editorId: integer("editor_id").references(() => users.id),
}, (t) => [
  index("posts_new_idx").on(t.title).where(sql`${t.status} = 'new'`),
]);

export const tags = sqliteTable("labels", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  label: text("label").notNull(),
  weight: real("weight"),
  ownerId: integer("owner_id").references(() => users.id, { onDelete: "cascade" }),
});

export const invoices = sqliteTable("invoices", {
  id: integer("id").primaryKey(),
  net: real("net").notNull(),
  tax: real("tax").notNull().default(0),
  gross: real("gross").generatedAlwaysAs(sql`net + tax`, { mode: "stored" }),
});

export const teams = sqliteTable("teams", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
});

export const postTitles = sqliteView("post_titles", { id: integer("id"), title: text("title") }).as(sql`select ${posts.id}, ${posts.title} from ${posts} where ${posts.title} is not null`);
