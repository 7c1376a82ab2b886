import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name"),
    data: text("data", { mode: "json" }),
  },
  (t) => [
    uniqueIndex("users_email_lower_uq").on(sql`lower(${t.email})`),
    index("users_name_nocase_idx").on(sql`${t.name} COLLATE NOCASE`),
    index("users_mixed_idx").on(t.id, sql`json_extract(${t.data}, '$.plan')`),
    index("users_raw_expr_idx").on(sql`substr(email, 1, 3)`),
  ],
);
