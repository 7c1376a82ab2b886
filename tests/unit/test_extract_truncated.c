/* test_extract_truncated.c — a schema file cut at 20 pseudo-random points
** (a file mid-edit) still yields every table that lies wholly before the cut,
** extracted exactly as from the whole file, and never crashes or leaks. */
#include <stdlib.h>

#include "dz_test.h"
#include "drizzle_lsp/extract.h"

static const char schema[] =
    "import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey, foreignKey, check } from 'drizzle-orm/sqlite-core';\n"
    "import { sql } from 'drizzle-orm';\n"
    "\n"
    "const timestamps = {\n"
    "  createdAt: integer('created_at', { mode: 'timestamp' }).notNull().default(sql`(unixepoch())`),\n"
    "  updatedAt: integer('updated_at', { mode: 'timestamp' }).$onUpdate(() => new Date()),\n"
    "};\n"
    "const ROLES = ['owner', 'member', 'guest'] as const;\n"
    "\n"
    "export const users = sqliteTable('users', {\n"
    "  id: integer().primaryKey({ autoIncrement: true }),\n"
    "  email: text().notNull().unique(),\n"
    "  name: text('display_name'),\n"
    "  role: text({ enum: ROLES }).notNull().default('member'),\n"
    "  settings: text({ mode: 'json' }).default({ theme: 'dark', beta: false }),\n"
    "  ...timestamps,\n"
    "}, (t) => [index('users_name_idx').on(t.name)]);\n"
    "\n"
    "export const teams = sqliteTable('teams', {\n"
    "  id: integer().primaryKey(),\n"
    "  slug: text().notNull(),\n"
    "  ownerId: integer('owner_id').notNull().references(() => users.id, { onDelete: 'cascade' }),\n"
    "  ...timestamps,\n"
    "}, (t) => ({ slugIdx: uniqueIndex('teams_slug').on(t.slug) }));\n"
    "\n"
    "export const memberships = sqliteTable('memberships', {\n"
    "  teamId: integer('team_id').notNull(),\n"
    "  userId: integer('user_id').notNull(),\n"
    "  weight: real().default(1.5),\n"
    "}, (t) => [\n"
    "  primaryKey({ columns: [t.teamId, t.userId] }),\n"
    "  foreignKey({ columns: [t.teamId], foreignColumns: [teams.id] }).onDelete('cascade'),\n"
    "  foreignKey({ columns: [t.userId], foreignColumns: [users.id] }),\n"
    "  check('weight_positive', sql`${t.weight} > 0`),\n"
    "]);\n"
    "\n"
    "export const posts = sqliteTable('posts', {\n"
    "  id: integer().primaryKey({ autoIncrement: true }),\n"
    "  teamId: integer('team_id').references(() => teams.id),\n"
    "  parentId: integer('parent_id').references((): any => posts.id, { onDelete: 'set null' }),\n"
    "  title: text({ length: 200 }).notNull(),\n"
    "  body: text().default(\"it's empty\"),\n"
    "  published: integer({ mode: 'boolean' }).notNull().default(false),\n"
    "  slug: text().generatedAlwaysAs((): any => sql`lower(${posts.title})`, { mode: 'stored' }),\n"
    "  ...timestamps,\n"
    "}, (t) => [\n"
    "  index('posts_team_idx').on(t.teamId, sql`lower(${t.title})`).where(sql`${t.published} = 1`),\n"
    "]);\n"
    "\n"
    "export const comments = sqliteTable('comments', {\n"
    "  id: integer().primaryKey(),\n"
    "  postId: integer('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),\n"
    "  authorId: integer('author_id').references(() => users.id),\n"
    "  text: text().notNull(),\n"
    "});\n"
    "\n"
    "export const audit = sqliteTable('audit_log', {\n"
    "  id: integer().primaryKey(),\n"
    "  at: integer({ mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch() * 1000)`),\n"
    "  actor: integer().references(() => users.id),\n"
    "  payload: text({ mode: 'json' }),\n"
    "});\n";

/* A text rendering of everything extracted for a table, spans included. */
static char *describe(const dz_table *t) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  fprintf(f, "%s [%u,%u)\n", t->name, t->span.start_byte, t->span.end_byte);
  for (size_t i = 0; i < t->columns.len; i++) {
    const dz_column *c = t->columns.items[i];
    fprintf(f, " col %s %s pk=%d nn=%d ai=%d def=%d:%s gen=%d:%s [%u,%u)\n", c->name, c->type, c->primary_key,
            c->not_null, c->autoincrement, c->def.kind, c->def.text ? c->def.text : "", c->generated,
            c->generated_as ? c->generated_as : "", c->span.start_byte, c->span.end_byte);
  }
  for (size_t i = 0; i < t->indexes.len; i++) {
    const dz_index *x = t->indexes.items[i];
    fprintf(f, " idx %s u=%d where=%s:", x->name, x->unique, x->where ? x->where : "");
    for (size_t k = 0; k < x->columns.len; k++) fprintf(f, " %s/%d", x->columns.items[k], x->expression.items[k]);
    fputc('\n', f);
  }
  for (size_t i = 0; i < t->foreign_keys.len; i++) {
    const dz_foreign_key *k = t->foreign_keys.items[i];
    fprintf(f, " fk %s %s->%s %s %s\n", k->name, k->table_from, k->table_to, k->on_delete, k->on_update);
  }
  for (size_t i = 0; i < t->primary_keys.len; i++) fprintf(f, " pk %s\n", t->primary_keys.items[i]->name);
  for (size_t i = 0; i < t->checks.len; i++) fprintf(f, " check %s %s\n", t->checks.items[i]->name, t->checks.items[i]->value);
  fclose(f);
  return buf;
}

static dz_schema *extract(dz_arena *a, size_t len, dz_diag_list *diags) {
  dz_source_file file = {"/v/schema.ts", schema, len};
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE, NULL};
  dz_schema *s = NULL;
  dz_error err;
  if (dz_extract_schema(&file, 1, &opt, a, &s, diags, &err) != DZ_OK) DZ_FAIL("extract failed: %s", err.message);
  return s;
}

DZ_TEST(whole_schema_extracts_without_diagnostics) {
  dz_arena *a = dz_arena_new();
  dz_diag_list diags = {0};
  dz_schema *s = extract(a, sizeof schema - 1, &diags);
  DZ_CHECK_INT(s->tables.len, 6);
  DZ_CHECK_INT(diags.len, 0);
  dz_arena_free(a);
}

DZ_TEST(cut_at_twenty_points_keeps_every_table_before_the_cut) {
  unsigned seed = 20261124u;
  printf("seed %u\n", seed);
  dz_arena *full_arena = dz_arena_new();
  dz_diag_list full_diags = {0};
  dz_schema *full = extract(full_arena, sizeof schema - 1, &full_diags);
  unsigned state = seed;
  for (int round = 0; round < 20; round++) {
    state = state * 1103515245u + 12345u;
    size_t cut = (state >> 8) % (sizeof schema - 1);
    dz_arena *a = dz_arena_new();
    dz_diag_list diags = {0};
    dz_schema *s = extract(a, cut, &diags);
    size_t intact = 0;
    for (size_t i = 0; s && i < full->tables.len; i++) {
      const dz_table *want = full->tables.items[i];
      /* the statement's `;` must be inside the cut too */
      if (want->span.end_byte + 1 > cut) continue;
      intact++;
      const dz_table *got = dz_schema_find_table(s, want->name);
      if (!got) {
        DZ_FAIL("cut at %zu: table %s is missing", cut, want->name);
        continue;
      }
      char *dw = describe(want), *dg = describe(got);
      if (strcmp(dw, dg) != 0) DZ_FAIL("cut at %zu: table %s differs:\n%s---\n%s", cut, want->name, dw, dg);
      free(dw);
      free(dg);
    }
    printf("cut %2d at byte %4zu: %zu intact tables, %zu extracted, %zu diagnostics\n", round, cut, intact,
           s ? s->tables.len : 0, diags.len);
    dz_arena_free(a);
  }
  dz_arena_free(full_arena);
}

DZ_TEST_MAIN
