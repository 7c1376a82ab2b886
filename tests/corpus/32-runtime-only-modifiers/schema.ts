import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

type Meta = { source: string };

// $type, $defaultFn, $default, $onUpdate and $onUpdateFn are runtime-only: they change nothing
// in the snapshot (no default, no notNull).
export const records = sqliteTable("records", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  code: text("code").$default(() => "x"),
  meta: text("meta", { mode: "json" }).$type<Meta>(),
  brand: text("brand").$type<"a" | "b">().notNull(),
  createdAt: integer("created_at", { mode: "timestamp" })
    .notNull()
    .$defaultFn(() => new Date()),
  updatedAt: integer("updated_at", { mode: "timestamp" }).$onUpdate(() => new Date()),
  touchedAt: integer("touched_at", { mode: "timestamp" })
    .default(sql`(unixepoch())`)
    .$onUpdateFn(() => new Date()),
  counter: integer("counter").default(0).$type<number>(),
});
