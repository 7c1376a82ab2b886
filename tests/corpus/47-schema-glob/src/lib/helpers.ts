import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

// Not matched by the glob: not part of the schema.
export const ignored = sqliteTable("ignored", { id: integer("id").primaryKey() });
