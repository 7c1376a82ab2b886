import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

// In a sub-folder: loaded only because index.ts re-exports it.
export const extras = sqliteTable("extras", {
  id: integer("id").primaryKey(),
});
