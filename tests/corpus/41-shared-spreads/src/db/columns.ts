import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

// Shared column sets spread into many tables (not tables themselves: nothing to export).
export const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`),
  updatedAt: integer("updated_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`)
    .$onUpdate(() => new Date()),
};

export const softDelete = {
  deletedAt: integer("deleted_at", { mode: "timestamp" }),
};

export const idColumn = {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
};
