import { foreignKey, integer, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

export const categories = sqliteTable("categories", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  parentId: integer("parent_id").references((): AnySQLiteColumn => categories.id, {
    onDelete: "cascade",
  }),
});

export const employees = sqliteTable(
  "employees",
  {
    id: integer("id").primaryKey(),
    managerId: integer("manager_id"),
    mentorId: integer("mentor_id"),
  },
  (table) => [
    foreignKey({
      columns: [table.managerId],
      foreignColumns: [table.id],
      name: "employees_manager_fk",
    }).onDelete("set null"),
    foreignKey({ columns: [table.mentorId], foreignColumns: [table.id] }),
  ],
);
