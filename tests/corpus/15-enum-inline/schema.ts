import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// SQLite enums are TypeScript-only: the snapshot shows a plain text column.
export const tickets = sqliteTable("tickets", {
  id: integer("id").primaryKey(),
  status: text("status", { enum: ["open", "in_progress", "closed"] }).notNull().default("open"),
  priority: text("priority", { enum: ["low", "high"], length: 8 }),
  kind: text({ enum: ["bug", "feature"] }).notNull(),
});
