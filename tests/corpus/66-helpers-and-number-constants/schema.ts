// Column helper functions and a timestamps wrapper, a conditional spread of
// indexes, Number.MAX_SAFE_INTEGER and ** in defaults.
import { sql, getTableColumns } from "drizzle-orm";
import { integer, sqliteTable, text, index, uniqueIndex, check } from "drizzle-orm/sqlite-core";

const PREFIX = "app";
const id = () => text("id").primaryKey().$defaultFn(() => crypto.randomUUID());
const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch() * 1000)`);
function withTimestamps<T extends object>(cols: T) {
  return { ...cols, createdAt: createdAt(), updatedAt: integer("updated_at", { mode: "timestamp_ms" }) };
}

export const notes = sqliteTable(`${PREFIX}_notes`, withTimestamps({
  id: id(),
  body: text("body").notNull().default(""),
  pinned: integer("pinned", { mode: "boolean" }).notNull().default(false),
  position: integer("position").notNull().default(-1),
  ratio: integer("ratio").default(Number.MAX_SAFE_INTEGER),
  big: integer("big").default(2 ** 31),
  neg: integer("neg").default(-(5)),
}), (t) => [
  index(`${PREFIX}_notes_pinned_idx`).on(t.pinned, t.createdAt),
  ...(PREFIX === "app" ? [uniqueIndex(`${PREFIX}_notes_body_uq`).on(t.body)] : []),
  check("notes_position", sql`${t.position} >= -1`),
]);

export const noteTags = sqliteTable("note_tags", {
  noteId: text("note_id").notNull().references(() => notes.id, { onDelete: "cascade" }),
  tag: text("tag").notNull(),
}, (t) => ({
  byTag: index("note_tags_tag_idx").on(t.tag),
  uq: uniqueIndex("note_tags_uq").on(t.noteId, t.tag),
}));
