import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

export const tapi_tokens = sqliteTable("from_api_tokens", {
  id: integer("id").primaryKey(),
});
