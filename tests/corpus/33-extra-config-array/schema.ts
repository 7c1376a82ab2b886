import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const messages = sqliteTable(
  "messages",
  {
    id: integer("id").primaryKey(),
    channelId: integer("channel_id").notNull(),
    authorId: integer("author_id").notNull(),
    body: text("body").notNull(),
    deletedAt: integer("deleted_at", { mode: "timestamp" }),
    threadKey: text("thread_key"),
  },
  (t) => [
    index("messages_channel_idx").on(t.channelId),
    index("messages_channel_author_idx").on(t.channelId, t.authorId),
    index("messages_live_idx").on(t.channelId).where(sql`${t.deletedAt} is null`),
    uniqueIndex("messages_thread_key_uq").on(t.threadKey).where(sql`thread_key IS NOT NULL AND deleted_at IS NULL`),
    uniqueIndex("messages_author_body_uq").on(t.authorId, t.body),
  ],
);

// The callback may also have a block body.
export const channels = sqliteTable(
  "channels",
  {
    id: integer("id").primaryKey(),
    name: text("name").notNull(),
  },
  (table) => {
    return [uniqueIndex("channels_name_uq").on(table.name)];
  },
);
