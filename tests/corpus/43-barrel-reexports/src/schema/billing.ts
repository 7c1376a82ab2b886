import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

export const invoices = sqliteTable("invoices", {
  id: integer("id").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id),
  total: integer("total").notNull(),
});

export const coupons = sqliteTable("coupons", {
  code: text("code").primaryKey(),
});
