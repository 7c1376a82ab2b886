import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Names chosen to break quoting: backticks, double and single quotes, spaces, unicode,
// backslashes. drizzle-kit stores them verbatim in the snapshot (its SQL does not escape
// backticks, so that SQL would not run, but the snapshot is what is compared here).
export const weird = sqliteTable(
  "we`ird ta\"ble",
  {
    id: integer("i`d").primaryKey(),
    dq: text('col "dq"').notNull(),
    sq: text("col 'sq'"),
    space: text("has space"),
    uni: text("ünïcödé_列"),
    emoji: text("emoji_🎉"),
    back: text("back\\slash"),
    tick: text(`tpl\`tick`),
  },
  (t) => [
    index("idx `tick`").on(t.dq),
    uniqueIndex('uq "quoted"').on(t.sq, t.space),
    index("idx 'single'").on(t.uni).where(sql`${t.uni} <> ''`),
    check("chk \"emoji\"", sql`${t.emoji} is not null or ${t.back} is null`),
  ],
);

export const ref = sqliteTable("ref's", {
  id: integer("id").primaryKey(),
  weirdId: integer("weird id").references(() => weird.id),
  label: text("label").unique("uq's label"),
});

export const 表 = sqliteTable("表_テーブル", {
  列: integer("列").primaryKey(),
  naïve: text(),
});
