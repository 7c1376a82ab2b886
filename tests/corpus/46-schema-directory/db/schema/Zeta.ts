import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

// Upper case sorts before lower case in a directory listing (byte order).
export const zeta = sqliteTable("zeta", {
  id: integer("id").primaryKey(),
});
