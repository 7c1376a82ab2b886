import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { idColumn, softDelete, timestamps } from "../columns";

const audit = { ...timestamps, ...softDelete };

export const notes = sqliteTable("notes", {
  ...idColumn,
  title: text("title").notNull(),
  ...timestamps,
});

export const folders = sqliteTable("folders", {
  ...idColumn,
  name: text("name").notNull(),
  position: integer("position").notNull().default(0),
  ...audit,
});

// A later key overrides a spread one, keeping the spread's position.
export const pinned = sqliteTable("pinned", {
  ...idColumn,
  ...timestamps,
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  noteId: text("note_id")
    .notNull()
    .references(() => notes.id),
});
