import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const taccounts = sqliteTable("from_accounts", {
  id: integer("id").primaryKey(),
});
