import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "../util/columns.js";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey(),
  handle: text("handle").notNull().unique(),
  createdAt,
});
