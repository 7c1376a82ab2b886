import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  unique,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

export const projects = sqliteTable("projects", {
  id: integer("id").primaryKey(),
  slug: text("slug").notNull(),
});

// The older object form of extra config (deprecated but still common): keys are ignored.
export const projectMembers = sqliteTable(
  "project_members",
  {
    projectId: integer("project_id").notNull(),
    userId: integer("user_id").notNull(),
    role: text("role").notNull(),
    weight: integer("weight").notNull().default(1),
  },
  (t) => ({
    pk: primaryKey({ columns: [t.projectId, t.userId] }),
    projectFk: foreignKey({ columns: [t.projectId], foreignColumns: [projects.id] }).onDelete("cascade"),
    roleIdx: index("project_members_role_idx").on(t.role),
    oneOwner: uniqueIndex("project_members_owner_uq").on(t.projectId).where(sql`role = 'owner'`),
    uq: unique("project_members_user_role_uq").on(t.userId, t.role),
    weightCheck: check("weight_range", sql`${t.weight} between 1 and 10`),
  }),
);

// Legacy primaryKey(col, col) positional form inside the object.
export const legacyPairs = sqliteTable(
  "legacy_pairs",
  {
    left: integer("left").notNull(),
    right: integer("right").notNull(),
  },
  (t) => ({
    pk: primaryKey(t.left, t.right),
  }),
);
