import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

// SQL keywords as table, column and index names.
export const order = sqliteTable("order", {
  id: integer("id").primaryKey(),
  select: text("select").notNull(),
  from: text("from"),
  where: text("where"),
  limit: integer("limit").default(10),
  default: text("default").default("default"),
});

export const group = sqliteTable(
  "group",
  {
    key: text("key").notNull(),
    index: integer("index").notNull(),
    table: text("table"),
    orderId: integer("order").references(() => order.id),
  },
  (t) => [primaryKey({ columns: [t.key, t.index] }), index("index").on(t.table), index("group_order").on(t.orderId)],
);

export const values = sqliteTable("values", {
  null: text("null"),
  true: integer("true", { mode: "boolean" }),
  primary: text("primary").primaryKey(),
  check: text(),
  unique: text().unique(),
});
