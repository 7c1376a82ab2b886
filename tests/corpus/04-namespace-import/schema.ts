import * as s from "drizzle-orm/sqlite-core";
import * as orm from "drizzle-orm";

export const authors = s.sqliteTable("authors", {
  id: s.integer("id").primaryKey({ autoIncrement: true }),
  name: s.text("name").notNull(),
  bio: s.text("bio"),
  joined: s.integer("joined", { mode: "timestamp" }).notNull().default(orm.sql`(unixepoch())`),
});

export const books = s.sqliteTable(
  "books",
  {
    id: s.integer("id").primaryKey({ autoIncrement: true }),
    authorId: s.integer("author_id").notNull().references(() => authors.id, { onDelete: "cascade" }),
    isbn: s.text("isbn").notNull(),
    price: s.real("price"),
  },
  (table) => [s.uniqueIndex("books_isbn_idx").on(table.isbn), s.index("books_author_idx").on(table.authorId)],
);
