import { sqliteTable, text } from "drizzle-orm/sqlite-core";

export const contacts = sqliteTable("contacts", {
  id: text("id", { length: 36 }).primaryKey(),
  email: text("email", { length: 320 }).notNull(),
  phone: text("phone", { length: 32 }),
  code: text({ length: 2, enum: ["de", "fr", "us"] }),
  bio: text("bio", { length: 10000 }),
  zero: text("zero", { length: 0 }),
});
