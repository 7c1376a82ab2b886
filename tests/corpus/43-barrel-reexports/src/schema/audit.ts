import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const auditTrail = sqliteTable("audit_trail", {
  id: integer("id").primaryKey(),
  action: text("action").notNull(),
});

// Not re-exported by the barrel: not part of the schema.
export const auditArchive = sqliteTable("audit_archive", {
  id: integer("id").primaryKey(),
});
