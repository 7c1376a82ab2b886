import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Helper functions returning column builders, some taking the column name.
const id = () => integer("id").primaryKey({ autoIncrement: true });
const createdAt = () =>
  integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`);
function boolCol(name: string, value = false) {
  return integer(name, { mode: "boolean" }).notNull().default(value);
}
const fk = (name: string, target: () => any) => integer(name).references(target, { onDelete: "cascade" });
export function money(name: string) {
  return integer(name).notNull().default(0);
}

export const wallets = sqliteTable("wallets", {
  id: id(),
  owner: text("owner").notNull(),
  balance: money("balance_cents"),
  frozen: boolCol("frozen"),
  visible: boolCol("visible", true),
  createdAt: createdAt(),
});

export const transfers = sqliteTable("transfers", {
  id: id(),
  fromWallet: fk("from_wallet", () => wallets.id),
  toWallet: fk("to_wallet", () => wallets.id),
  amount: money("amount_cents"),
  createdAt: createdAt(),
});
