import { sql } from "drizzle-orm";
import { check, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const listings = sqliteTable(
  "listings",
  {
    id: integer("id").primaryKey(),
    price: real("price").notNull(),
    discount: real("discount").notNull().default(0),
    status: text("status").notNull(),
    title: text("title").notNull(),
  },
  (t) => [
    check("price_positive", sql`${t.price} > 0`),
    check("discount_below_price", sql`${t.discount} < ${t.price}`),
    check("status_valid", sql`${t.status} IN ('draft', 'live', 'sold')`),
    check("title_not_blank", sql`length(trim(title)) > 0`),
  ],
);
