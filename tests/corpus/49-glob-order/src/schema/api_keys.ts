import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const tapi_keys = sqliteTable("from_api_keys", {
  id: integer("id").primaryKey(),
});
