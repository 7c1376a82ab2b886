import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, type SQLiteColumn } from "drizzle-orm/sqlite-core";

// Column sets made by functions, spread with `...timestamps()`.
export function timestamps() {
  return {
    createdAt: integer({ mode: "timestamp" })
      .notNull()
      .default(sql`(unixepoch())`),
    updatedAt: integer({ mode: "timestamp" }),
  };
}

export const tenantColumns = () => ({
  tenantId: text().notNull(),
});

// Extra-config made by a function of the table name.
export const tenantIndexes =
  (name: string) =>
  (t: { tenantId: SQLiteColumn }) => [index(`${name}_tenant_idx`).on(t.tenantId)];

// A table factory: each call makes a table; the exported results count.
export function auditTable(name: string) {
  return sqliteTable(`${name}_audit`, {
    id: integer().primaryKey({ autoIncrement: true }),
    rowId: text().notNull(),
    change: text({ mode: "json" }).notNull(),
    ...timestamps(),
  });
}

// Exported from a file that is itself in the schema list.
export const sharedAudit = auditTable("shared");
