import { sqliteTable, text } from "drizzle-orm/sqlite-core";

export default sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value"),
});
