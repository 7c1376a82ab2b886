import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DEFAULT_VISIBILITY, MAX_NAME, VISIBILITY } from "../constants";

export const boards = sqliteTable("boards", {
  id: integer("id").primaryKey(),
  name: text("name", { length: MAX_NAME }).notNull(),
  visibility: text("visibility", { enum: VISIBILITY }).notNull().default(DEFAULT_VISIBILITY),
});
