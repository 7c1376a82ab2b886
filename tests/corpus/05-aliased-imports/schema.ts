import { sql as raw } from "drizzle-orm";
import {
  index as idx,
  integer as int,
  real as float,
  sqliteTable as table,
  text as txt,
} from "drizzle-orm/sqlite-core";

export const products = table(
  "products",
  {
    id: int("id").primaryKey(),
    sku: txt("sku").notNull().unique(),
    title: txt("title").notNull(),
    price: float("price").notNull().default(9.99),
    stock: int("stock").notNull().default(0),
    addedAt: int("added_at").default(raw`(strftime('%s', 'now'))`),
  },
  (t) => [idx("products_title_idx").on(t.title)],
);
