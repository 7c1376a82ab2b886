import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const zebras = sqliteTable("zebras", {
  id: integer("id").primaryKey(),
  stripes: integer("stripes").notNull(),
});

const keepers = sqliteTable("keepers", {
  id: integer("id").primaryKey(),
  name: text("name").notNull(),
  zebraId: integer("zebra_id").references(() => zebras.id),
});

const enclosures = sqliteTable("enclosures", {
  id: integer("id").primaryKey(),
});

// Only what an export clause names counts; an alias is the export name.
export { keepers, zebras };
export { enclosures as animalHomes };
// The same table under a second name counts once, at the first export name's position.
export { keepers as aaKeepers };
