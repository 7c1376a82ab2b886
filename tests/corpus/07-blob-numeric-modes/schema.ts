import { blob, numeric, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const files = sqliteTable("files", {
  id: text("id").primaryKey(),
  raw: blob("raw", { mode: "buffer" }),
  meta: blob("meta", { mode: "json" }).$type<{ size: number }>(),
  big: blob("big", { mode: "bigint" }),
  plain: blob("plain"),
  amount: numeric("amount"),
  amountNum: numeric("amount_num", { mode: "number" }),
  amountBig: numeric("amount_big", { mode: "bigint" }).notNull(),
  amountStr: numeric("amount_str", { mode: "string" }).default("0.00"),
});
