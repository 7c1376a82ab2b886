import { sql } from "drizzle-orm";
import { integer, text } from "drizzle-orm/sqlite-core";

// Columns every table shares. Spread into tables; nothing here is a table.
export const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

export const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`),
  updatedAt: integer("updated_at", { mode: "timestamp" })
    .notNull()
    .default(sql`(unixepoch())`)
    .$onUpdate(() => new Date()),
};

export const PLANS = ["free", "team", "business"] as const;
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
