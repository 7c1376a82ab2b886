import { integer, sqliteTable, text, unique } from "drizzle-orm/sqlite-core";

// Unique constraints are stored as unique indexes in the SQLite snapshot.
export const slots = sqliteTable(
  "slots",
  {
    id: integer("id").primaryKey(),
    roomId: integer("room_id").notNull(),
    day: text("day").notNull(),
    hour: integer("hour").notNull(),
    code: text("code"),
  },
  (t) => [
    unique().on(t.roomId, t.day, t.hour),
    unique("slots_code_uq").on(t.code),
    unique("slots_day_code").on(t.day, t.code),
  ],
);
