/*
** test_generate.c — planning the next migration: which files, in which
** order, the journal entry and the snapshot chain; stopping to ask about a
** possible rename, or with nothing to do; and the planned files written into
** a folder that then loads as consistent. (File contents against drizzle-kit
** are proven in tests/migrate/generate_e2e.test.mjs.)
*/
#include "drizzle_lsp/generate.h"

#include <stdlib.h>

#include "dz_test.h"

static const char *scratch(dz_arena *a, const char *name) {
  const char *build = getenv("DZ_BUILD_DIR");
  char *dir = dz_arena_printf(a, "%s/tmp/unit_generate/%s", build ? build : "/tmp", name);
  if (system(dz_arena_printf(a, "rm -rf '%s' && mkdir -p '%s'", dir, dir)) != 0) DZ_FAIL("cannot make %s", dir);
  return dir;
}

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

static dz_migrations *load(dz_arena *a, const char *dir) {
  dz_migrations *ms = NULL;
  dz_error err;
  if (dz_migrations_load(dir, DZ_DIALECT_SQLITE, a, &ms, &err) != DZ_OK) DZ_FAIL("load: %s", err.message);
  return ms;
}

static dz_generate_options options(const char *name, const dz_diff_options *renames) {
  dz_generate_options o = {name, "index", true, DZ_DIALECT_SQLITE, renames, 1700000000000LL};
  return o;
}

static dz_generate_plan *plan(dz_arena *a, const dz_migrations *ms, const dz_schema *cur, const dz_generate_options *o) {
  dz_generate_plan *p = NULL;
  dz_error err;
  if (dz_generate_prepare(ms, cur, o, a, &p, &err) != DZ_OK) DZ_FAIL("prepare: %s", err.message);
  return p;
}

/* Write p's files; a folder with the first migration of users(name). */
static void land(const dz_generate_plan *p) {
  dz_error err;
  if (dz_write_files(p->files, p->n_files, &err) != DZ_OK) DZ_FAIL("write: %s", err.message);
}

DZ_TEST(first_migration_files_and_order) {
  dz_arena *a = dz_arena_new();
  const char *dir = dz_arena_printf(a, "%s/drizzle", scratch(a, "first"));
  dz_generate_options o = options("init", NULL);
  dz_generate_plan *p = plan(a, load(a, dir), users_with(a, "name"), &o);
  if (!p) return;
  DZ_CHECK_INT(p->outcome, DZ_GENERATE_WRITE);
  DZ_CHECK_STR(p->tag, "0000_init");
  DZ_CHECK_INT(p->n_files, 4);
  DZ_CHECK_STR(p->files[0].path, dz_arena_printf(a, "%s/0000_init.sql", dir));
  DZ_CHECK_STR(p->files[1].path, dz_arena_printf(a, "%s/meta/0000_snapshot.json", dir));
  DZ_CHECK_STR(p->files[2].path, dz_arena_printf(a, "%s/0000_init.down.sql", dir));
  DZ_CHECK_STR(p->files[3].path, dz_arena_printf(a, "%s/meta/_journal.json", dir));
  DZ_CHECK(!p->files[0].replace && !p->files[1].replace && !p->files[2].replace && p->files[3].replace);
  DZ_CHECK_STR(p->snapshot->prev_id, DZ_ORIGIN_UUID);
  DZ_CHECK_CONTAINS(p->files[0].data, "CREATE TABLE `users`");
  DZ_CHECK_CONTAINS(p->files[3].data, "\"tag\": \"0000_init\"");
  DZ_CHECK_CONTAINS(p->files[3].data, "\"when\": 1700000000000");
  land(p);
  dz_migrations *ms = load(a, dir);
  DZ_CHECK_INT(ms->items.len, 1);
  DZ_CHECK_STR(dz_migrations_last_snapshot(ms)->id, p->snapshot->id);
  dz_arena_free(a);
}

DZ_TEST(next_migration_chains_and_keeps_when_growing) {
  dz_arena *a = dz_arena_new();
  const char *dir = dz_arena_printf(a, "%s/drizzle", scratch(a, "next"));
  dz_generate_options o = options("init", NULL);
  o.now_ms = 1900000000000LL; /* the first migration came from a clock ahead */
  land(plan(a, load(a, dir), users_with(a, "name"), &o));
  dz_schema *cur = users_with(a, "name");
  dz_table_add_column(cur, cur->tables.items[0], "email")->type = "text";
  o = options(NULL, NULL);
  dz_migrations *ms = load(a, dir);
  dz_generate_plan *p = plan(a, ms, cur, &o);
  if (!p) return;
  DZ_CHECK_INT(p->outcome, DZ_GENERATE_WRITE);
  DZ_CHECK(strncmp(p->tag, "0001_", 5) == 0);
  DZ_CHECK_STR(p->snapshot->prev_id, dz_migrations_last_snapshot(ms)->id);
  DZ_CHECK_CONTAINS(p->files[3].data, "\"when\": 1900000000001");
  land(p);
  DZ_CHECK_INT(load(a, dir)->items.len, 2);
  dz_arena_free(a);
}

DZ_TEST(possible_rename_asks_and_answer_is_recorded) {
  dz_arena *a = dz_arena_new();
  const char *dir = dz_arena_printf(a, "%s/drizzle", scratch(a, "rename"));
  dz_generate_options o = options("init", NULL);
  land(plan(a, load(a, dir), users_with(a, "name"), &o));
  dz_migrations *ms = load(a, dir);
  dz_generate_plan *p = plan(a, ms, users_with(a, "full_name"), &o);
  if (!p) return;
  DZ_CHECK_INT(p->outcome, DZ_GENERATE_ASK);
  DZ_CHECK_INT(p->n_files, 0);
  DZ_CHECK_INT(p->diff->candidates.len, 1);
  DZ_CHECK_STR(p->diff->candidates.items[0].table, "users");
  DZ_CHECK_STR(p->diff->candidates.items[0].from, "name");
  DZ_CHECK_STR(p->diff->candidates.items[0].to, "full_name");
  const char *answer[] = {"users.name=full_name"};
  dz_diff_options renames = {answer, 1, NULL, 0};
  o = options("rename", &renames);
  p = plan(a, ms, users_with(a, "full_name"), &o);
  DZ_CHECK_INT(p->outcome, DZ_GENERATE_WRITE);
  DZ_CHECK_CONTAINS(p->files[0].data, "RENAME COLUMN");
  DZ_CHECK_CONTAINS(p->files[1].data, "\"\\\"users\\\".\\\"name\\\"\": \"\\\"users\\\".\\\"full_name\\\"\"");
  dz_arena_free(a);
}

DZ_TEST(same_schema_has_nothing_to_write) {
  dz_arena *a = dz_arena_new();
  const char *dir = dz_arena_printf(a, "%s/drizzle", scratch(a, "same"));
  dz_generate_options o = options("init", NULL);
  land(plan(a, load(a, dir), users_with(a, "name"), &o));
  dz_generate_plan *p = plan(a, load(a, dir), users_with(a, "name"), &o);
  if (!p) return;
  DZ_CHECK_INT(p->outcome, DZ_GENERATE_NO_CHANGES);
  DZ_CHECK_INT(p->n_files, 0);
  dz_arena_free(a);
}

DZ_TEST(unusable_name_is_a_usage_error) {
  dz_arena *a = dz_arena_new();
  dz_generate_options o = options("../..", NULL);
  dz_generate_plan *p = NULL;
  dz_error err;
  const char *dir = dz_arena_printf(a, "%s/drizzle", scratch(a, "badname"));
  DZ_CHECK_INT(dz_generate_prepare(load(a, dir), users_with(a, "x"), &o, a, &p, &err), DZ_ERR_USAGE);
  DZ_CHECK_CONTAINS(err.message, "../..");
  o = options("../../etc", NULL);
  p = plan(a, load(a, dir), users_with(a, "x"), &o);
  DZ_CHECK_STR(p->tag, "0000_etc");
  dz_arena_free(a);
}

DZ_TEST_MAIN
