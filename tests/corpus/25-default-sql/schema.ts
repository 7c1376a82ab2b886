import { sql } from "drizzle-orm";
import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

const DEFAULT_ZONE = "UTC";
const FACTOR = 1000;

// A bound parameter inside a default (sql`${"x"}`) is refused by drizzle-kit
// ("we don't support params for `sql` default values"), and so is an identifier
// (sql.identifier or a column), so only sql.raw interpolations are used here.
export const clocks = sqliteTable("clocks", {
  id: integer("id").primaryKey(),
  nowText: text("now_text").default(sql`CURRENT_TIMESTAMP`),
  nowDate: text("now_date").notNull().default(sql`(CURRENT_DATE)`),
  epoch: integer("epoch").default(sql`(unixepoch())`),
  epochMs: integer("epoch_ms").default(sql`(unixepoch() * ${sql.raw(String(FACTOR))})`),
  iso: text("iso").default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  zone: text("zone").default(sql`${sql.raw(`'${DEFAULT_ZONE}'`)}`),
  uuidish: text("uuidish").default(sql`(lower(hex(randomblob(16))))`),
  random: real("random").default(sql`(abs(random()) % 100)`),
  literal: text("literal").default(sql`'it''s'`),
  multiLine: text("multi_line").default(sql`(
    coalesce(null, 'x')
  )`),
});
