import { foreignKey, integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";

// drizzle-kit renames generated FK / PK names by replacing the FIRST occurrence of each
// raw key with its cased name, so a table name that contains the key is changed instead.
export const users = sqliteTable("users", {
  userId: integer().primaryKey(),
});

export const links = sqliteTable(
  "userId_links",
  {
    userId: integer().notNull().references(() => users.userId),
    otherId: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.otherId] }),
    foreignKey({ columns: [t.otherId], foreignColumns: [users.userId] }).onDelete("set null"),
  ],
);
