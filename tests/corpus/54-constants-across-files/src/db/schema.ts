import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import * as C from "./constants";
import { DEFAULT_ROLE, DEFAULT_SETTINGS, LIMITS, PREFIX, Status, TABLES } from "./constants";

export const users = sqliteTable(
  TABLES.users,
  {
    id: integer("id").primaryKey(),
    name: text("name", { length: LIMITS.name }).notNull(),
    bio: text("bio", { length: C.LIMITS.bio }),
    role: text("role").notNull().default(DEFAULT_ROLE),
    status: text("status", { enum: [Status.Active, Status.Suspended] }).notNull().default(Status.Active),
    score: integer("score").notNull().default(C.ZERO),
    rank: integer("rank").default(C.NEGATIVE_ONE),
    tags: text("tags", { mode: "json" }).default(C.DEFAULT_TAGS),
  },
  (t) => [index(`${PREFIX}_users_name_idx`).on(t.name), index(PREFIX + "_users_role_idx").on(t.role)],
);

export const settings = sqliteTable(TABLES.settings, {
  userId: integer(`${"user"}_id`)
    .primaryKey()
    .references(() => users.id),
  prefs: text("prefs", { mode: "json" }).notNull().default(DEFAULT_SETTINGS),
  label: text("label").default(`${PREFIX}-default`),
});
