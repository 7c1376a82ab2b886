import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const customers = sqliteTable("customers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
});

export const orders = sqliteTable("orders", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  customerId: integer("customer_id")
    .notNull()
    .references(() => customers.id, { onDelete: "cascade", onUpdate: "cascade" }),
  customerCode: text("customer_code").references(() => customers.code, { onDelete: "set null" }),
  approverId: integer("approver_id").references(() => customers.id, { onUpdate: "restrict" }),
  legacyId: integer("legacy_id").references(() => customers.id, { onDelete: "set default", onUpdate: "no action" }),
  plainRef: integer("plain_ref").references(() => customers.id),
});

export const orderLines = sqliteTable("order_lines", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  orderId: integer("order_id")
    .notNull()
    .references(() => orders.id, { onDelete: "restrict" }),
  qty: integer("qty").notNull().default(1),
});
