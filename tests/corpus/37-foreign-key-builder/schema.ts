import { foreignKey, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const regions = sqliteTable(
  "regions",
  {
    country: text("country").notNull(),
    code: text("code").notNull(),
    name: text("name"),
  },
  (t) => [primaryKey({ columns: [t.country, t.code] })],
);

export const stores = sqliteTable(
  "stores",
  {
    id: integer("id").primaryKey(),
    country: text("country").notNull(),
    regionCode: text("region_code").notNull(),
    parentStore: integer("parent_store"),
  },
  (t) => [
    foreignKey({
      columns: [t.country, t.regionCode],
      foreignColumns: [regions.country, regions.code],
      name: "stores_region_fk",
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    foreignKey({ columns: [t.country, t.regionCode], foreignColumns: [regions.country, regions.code] }).onUpdate(
      "restrict",
    ),
    foreignKey({ columns: [t.parentStore], foreignColumns: [t.id] }).onDelete("no action"),
  ],
);
