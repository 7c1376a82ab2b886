/*
** test_generate.c — planning the next migration: which files, in which
** order, the journal entry and the snapshot chain; stopping to ask about a
** possible rename, or with nothing to do; and the planned files written into
** a folder that then loads as consistent. (File contents against drizzle-kit
** are proven in tests/migrate/generate_e2e.test.mjs.)
*/
#include "drizzle_lsp/generate.h"

#include <stdlib.h>

#include "drizzle_lsp/project.h"

#include "dz_test.h"
#include "scratch_fixture.h"

/* Scratch folders are $DZ_BUILD_DIR/tmp/test_generate/<name>. */
static const char *scratch(dz_arena *a, const char *name) { return scratch_named(a, "test_generate", name); }

/* users(id integer primary key, <col> text) */
static dz_schema *users_with(dz_arena *a, const char *col) {
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *t = dz_schema_add_table(s, "users");
  dz_column *id = dz_table_add_column(s, t, "id");
  id->type = "integer";
  id->primary_key = id->not_null = true;
  dz_table_add_column(s, t, col)->type = "text";
  return s;
}

/* A config whose out folder is <dir>/drizzle, read as drizzle-kit would. */
static dz_config *config_in(dz_arena *a, const char *dir) {
  const char *text = "{\"dialect\": \"sqlite\", \"schema\": \"./schema.ts\", \"out\": \"./drizzle\"}";
  dz_config *cfg = NULL;
  dz_error err;
  if (dz_config_parse(dz_arena_printf(a, "%s/drizzle.config.json", dir), text, strlen(text), a, &cfg, &err) != DZ_OK)
    DZ_FAIL("config: %s", err.message);
  return cfg;
}

static dz_migrations *load(dz_arena *a, const dz_config *cfg) {
  dz_migrations *ms = NULL;
  dz_error err;
  if (dz_migrations_load(dz_config_out_dir(cfg, a), DZ_DIALECT_SQLITE, a, &ms, &err) != DZ_OK)
    DZ_FAIL("load: %s", err.message);
  return ms;
}

static dz_generate_options options(const char *name) {
  dz_generate_options o;
  memset(&o, 0, sizeof o);
  o.name = name;
  o.now_ms = 1700000000000LL;
  return o;
}

static dz_generate_plan *plan(dz_arena *a, const dz_config *cfg, dz_schema *cur, const dz_generate_options *o) {
  dz_generate_plan *p = NULL;
  dz_error err;
  if (dz_generate_plan_migration(cfg, load(a, cfg), cur, o, a, &p, &err) != DZ_OK) DZ_FAIL("plan: %s", err.message);
  return p;
}

static void land(const dz_generate_plan *p) {
  dz_error err;
  if (!p || dz_generate_write(p, &err) != DZ_OK) DZ_FAIL("write: %s", p ? err.message : "no plan");
}

DZ_TEST(first_migration_files_and_order) {
  dz_arena *a = dz_arena_new();
  const char *root = scratch(a, "first"), *dir = dz_arena_printf(a, "%s/drizzle", root);
  dz_config *cfg = config_in(a, root);
  dz_generate_options o = options("init");
  dz_generate_plan *p = plan(a, cfg, users_with(a, "name"), &o);
  if (!p) return;
  DZ_CHECK_STR(p->tag, "0000_init");
  DZ_CHECK_INT(p->files.len, 4);
  if (p->files.len != 4) return;
  dz_file_write *f = p->files.items;
  DZ_CHECK_STR(f[0].path, dz_arena_printf(a, "%s/0000_init.sql", dir));
  DZ_CHECK_STR(f[1].path, dz_arena_printf(a, "%s/meta/0000_snapshot.json", dir));
  DZ_CHECK_STR(f[2].path, dz_arena_printf(a, "%s/0000_init.down.sql", dir));
  DZ_CHECK_STR(f[3].path, dz_arena_printf(a, "%s/meta/_journal.json", dir));
  DZ_CHECK(!f[0].replace && !f[1].replace && !f[2].replace && f[3].replace);
  DZ_CHECK_STR(p->next->prev_id, DZ_ORIGIN_UUID);
  DZ_CHECK_CONTAINS(f[0].data, "CREATE TABLE `users`");
  DZ_CHECK_CONTAINS(f[3].data, "\"tag\": \"0000_init\"");
  DZ_CHECK_CONTAINS(f[3].data, "\"when\": 1700000000000");
  land(p);
  dz_migrations *ms = load(a, cfg);
  DZ_CHECK_INT(ms->items.len, 1);
  DZ_CHECK_STR(dz_migrations_last_snapshot(ms)->id, p->next->id);
  dz_arena_free(a);
}

DZ_TEST(next_migration_chains_and_keeps_when_growing) {
  dz_arena *a = dz_arena_new();
  dz_config *cfg = config_in(a, scratch(a, "next"));
  dz_generate_options o = options("init");
  o.now_ms = 1900000000000LL; /* the first migration came from a clock ahead */
  land(plan(a, cfg, users_with(a, "name"), &o));
  dz_schema *cur = users_with(a, "name");
  dz_table_add_column(cur, cur->tables.items[0], "email")->type = "text";
  o = options(NULL);
  const char *last_id = dz_migrations_last_snapshot(load(a, cfg))->id;
  dz_generate_plan *p = plan(a, cfg, cur, &o);
  if (!p || p->files.len != 4) return;
  DZ_CHECK(strncmp(p->tag, "0001_", 5) == 0);
  DZ_CHECK_STR(p->next->prev_id, last_id);
  DZ_CHECK_CONTAINS(p->files.items[3].data, "\"when\": 1900000000001");
  land(p);
  DZ_CHECK_INT(load(a, cfg)->items.len, 2);
  dz_arena_free(a);
}

DZ_TEST(possible_rename_asks_and_either_answer_is_taken) {
  dz_arena *a = dz_arena_new();
  dz_config *cfg = config_in(a, scratch(a, "rename"));
  dz_generate_options o = options("init");
  land(plan(a, cfg, users_with(a, "name"), &o));
  dz_generate_plan *p = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_generate_plan_migration(cfg, load(a, cfg), users_with(a, "full_name"), &o, a, &p, &err),
               DZ_ERR_AMBIGUOUS);
  DZ_CHECK_CONTAINS(err.message, "--rename 'users.name=full_name'");
  DZ_CHECK_CONTAINS(err.message, "--no-rename 'users.name=full_name'");
  const char *answer[] = {"users.name=full_name"};
  o.renames = (dz_diff_options){answer, 1, NULL, 0};
  p = plan(a, cfg, users_with(a, "full_name"), &o);
  if (!p || p->files.len != 4) return;
  DZ_CHECK_CONTAINS(p->files.items[0].data, "RENAME COLUMN");
  DZ_CHECK_CONTAINS(p->files.items[1].data, "\"\\\"users\\\".\\\"name\\\"\": \"\\\"users\\\".\\\"full_name\\\"\"");
  o = options("init");
  o.column_not_renames = answer;
  o.n_column_not_renames = 1;
  p = plan(a, cfg, users_with(a, "full_name"), &o);
  if (!p || p->files.len != 4) return;
  DZ_CHECK_CONTAINS(p->files.items[0].data, "DROP COLUMN `name`");
  DZ_CHECK_CONTAINS(p->files.items[0].data, "ADD `full_name`");
  dz_arena_free(a);
}

DZ_TEST(same_schema_has_nothing_to_write) {
  dz_arena *a = dz_arena_new();
  dz_config *cfg = config_in(a, scratch(a, "same"));
  dz_generate_options o = options("init");
  land(plan(a, cfg, users_with(a, "name"), &o));
  dz_generate_plan *p = plan(a, cfg, users_with(a, "name"), &o);
  if (!p) return;
  DZ_CHECK_INT(p->diff->changes.len, 0);
  DZ_CHECK_INT(p->files.len, 0);
  dz_arena_free(a);
}

DZ_TEST(unusable_name_is_a_usage_error) {
  dz_arena *a = dz_arena_new();
  dz_config *cfg = config_in(a, scratch(a, "badname"));
  dz_generate_options o = options("../..");
  dz_generate_plan *p = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_generate_plan_migration(cfg, load(a, cfg), users_with(a, "x"), &o, a, &p, &err), DZ_ERR_USAGE);
  DZ_CHECK_CONTAINS(err.message, "../..");
  o = options("../../etc");
  p = plan(a, cfg, users_with(a, "x"), &o);
  if (p) DZ_CHECK_STR(p->tag, "0000_etc");
  dz_arena_free(a);
}

DZ_TEST_MAIN
