import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { people } from "./people";

export const pets = sqliteTable("pets", {
  id: integer("id").primaryKey(),
  ownerId: integer("owner_id").references(() => people.id),
  species: text("species"),
});
