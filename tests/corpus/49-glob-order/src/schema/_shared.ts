import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const t_shared = sqliteTable("from__shared", {
  id: integer("id").primaryKey(),
});
