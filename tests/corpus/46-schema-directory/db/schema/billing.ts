import { integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { users } from "./users";

export const subscriptions = sqliteTable("subscriptions", {
  id: integer("id").primaryKey(),
  userId: integer("user_id").references(() => users.id),
  seats: integer("seats").notNull().default(1),
});
