import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { auditTable, tenantColumns, tenantIndexes, timestamps } from "./columns";

export const documents = sqliteTable(
  "documents",
  {
    id: integer().primaryKey(),
    ...tenantColumns(),
    title: text().notNull(),
    ...timestamps(),
  },
  tenantIndexes("documents"),
);

export const folders = sqliteTable(
  "folders",
  {
    id: integer().primaryKey(),
    ...tenantColumns(),
    name: text().notNull(),
  },
  (t) => [...tenantIndexes("folders")(t)],
);

export const documentsAudit = auditTable("documents");
export const foldersAudit = auditTable("folders");
