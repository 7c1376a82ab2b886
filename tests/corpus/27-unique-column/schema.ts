import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const accounts = sqliteTable("accounts", {
  id: integer("id").primaryKey(),
  email: text("email").notNull().unique(),
  handle: text("handle").unique("accounts_handle_key"),
  apiKey: text("api_key").unique(),
  slug: text().unique(),
  external: text("external_ref").notNull().unique("ext_ref_uq"),
});
