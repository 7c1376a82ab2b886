import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const posts = sqliteTable("posts", { id: integer("id").primaryKey() });
export const tags = sqliteTable("tags", { id: integer("id").primaryKey() });

export const postsToTags = sqliteTable(
  "posts_to_tags",
  {
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    tagId: integer("tag_id")
      .notNull()
      .references(() => tags.id),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] })],
);

export const named = sqliteTable(
  "named_pk",
  {
    a: text("a").notNull(),
    b: text("b").notNull(),
    c: text("c").notNull(),
  },
  (t) => [primaryKey({ name: "named_pk_custom", columns: [t.c, t.a, t.b] })],
);

// A composite primary key with one column folds into the column's own primaryKey flag.
export const single = sqliteTable(
  "single_pk",
  {
    code: text("code").notNull(),
    label: text("label"),
  },
  (t) => [primaryKey({ columns: [t.code] })],
);

export const singleNamed = sqliteTable(
  "single_named_pk",
  {
    id: integer("id"),
  },
  (t) => [primaryKey({ name: "ignored_name", columns: [t.id] })],
);
