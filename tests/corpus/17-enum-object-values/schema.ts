import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const OrderStatus = {
  Pending: "pending",
  Paid: "paid",
  Shipped: "shipped",
  Cancelled: "cancelled",
} as const;

const Currency = { EUR: "EUR", USD: "USD" } as const;

export const orders = sqliteTable("orders", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  status: text("status", {
    enum: Object.values(OrderStatus) as [string, ...string[]],
  })
    .notNull()
    .default(OrderStatus.Pending),
  currency: text("currency", { enum: Object.values(Currency) as [string, ...string[]] }),
});
