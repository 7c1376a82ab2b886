import { sqliteTable, text } from "drizzle-orm/sqlite-core";

type Settings = { theme: "light" | "dark"; notifications: boolean };

export const preferences = sqliteTable("preferences", {
  userId: text("user_id").primaryKey(),
  settings: text("settings", { mode: "json" }).$type<Settings>().notNull(),
  tags: text("tags", { mode: "json" }).$type<string[]>().default([]),
  extra: text("extra", { mode: "json" }),
  note: text("note", { mode: "text" }),
});
