import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const tzoo = sqliteTable("from_zoo", {
  id: integer("id").primaryKey(),
});
