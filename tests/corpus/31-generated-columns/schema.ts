import { sql } from "drizzle-orm";
import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const people = sqliteTable("people", {
  id: integer("id").primaryKey(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  fullName: text("full_name").generatedAlwaysAs(sql`first_name || ' ' || last_name`),
  fullNameStored: text("full_name_stored").generatedAlwaysAs(
    (): ReturnType<typeof sql> => sql`${people.firstName} || ' ' || ${people.lastName}`,
    { mode: "stored" },
  ),
  initials: text("initials").generatedAlwaysAs(sql`substr(first_name, 1, 1) || substr(last_name, 1, 1)`, {
    mode: "virtual",
  }),
  nameLength: integer("name_length").generatedAlwaysAs(sql`length(${sql.raw("first_name")})`, { mode: "stored" }),
  upper: text("upper").generatedAlwaysAs("upper(last_name)"),
});

export const prices = sqliteTable("prices", {
  id: integer("id").primaryKey(),
  net: real("net").notNull(),
  gross: real("gross").generatedAlwaysAs(sql`net * 1.19`, { mode: "stored" }),
  label: text("label").generatedAlwaysAs((): ReturnType<typeof sql> => sql`'€ ' || ${prices.net}`),
});
