import { integer } from "drizzle-orm/sqlite-core";

export function idColumn() {
  return integer("id").primaryKey({ autoIncrement: true });
}
