import { blob, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const documents = sqliteTable("documents", {
  id: integer("id").primaryKey(),
  emptyObject: text("empty_object", { mode: "json" }).default({}),
  emptyArray: text("empty_array", { mode: "json" }).default([]),
  config: text("config", { mode: "json" })
    .notNull()
    .default({ theme: "dark", size: 12, nested: { on: true, list: [1, 2, 3] } }),
  names: text("names", { mode: "json" }).default(["alice", "bob"]),
  withNull: text("with_null", { mode: "json" }).default({ value: null }),
  blobJson: blob("blob_json", { mode: "json" }).default({ a: 1 }),
  unicodeJson: text("unicode_json", { mode: "json" }).default({ greeting: "héllo ✓" }),
  escapesJson: text("escapes_json", { mode: "json" }).default({ path: "C:\\dir", line: "a\nb" }),
});

// JSON defaults whose strings contain a quote are not escaped by drizzle-kit in the
// snapshot or the SQL (the SQL does not parse); kept in their own table.
export const quotedJson = sqliteTable("quoted_json", {
  id: integer("id").primaryKey(),
  quoted: text("quoted", { mode: "json" }).default({ title: "it's \"quoted\"" }),
  list: text("list", { mode: "json" }).default(["o'clock"]),
});
