import { sql } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// drizzle-orm lets a column carry both .default() and .generatedAlwaysAs();
// drizzle-kit writes "generated" before "default" in the snapshot.
export const docs = sqliteTable("docs", {
  id: integer("id").primaryKey(),
  title: text("title").notNull(),
  slug: text("slug").default("untitled").generatedAlwaysAs(sql`lower(title)`),
  size: integer("size").generatedAlwaysAs(sql`length(title)`, { mode: "stored" }).default(0),
  stamp: integer("stamp").default(sql`(unixepoch())`).generatedAlwaysAs((): ReturnType<typeof sql> => sql`${docs.id} * 2`),
});
