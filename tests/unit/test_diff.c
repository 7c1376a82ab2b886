/* test_diff.c — what the diff reports between two hand-built schema models,
** and the SQL sqlgen writes for it, as specifications. */
#include "dz_test.h"
#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/sqlgen.h"

/* users(id integer pk, name text) and posts(id, user_id -> users.id cascade). */
static dz_schema *base(dz_arena *a) {
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *u = dz_schema_add_table(s, "users");
  dz_column *id = dz_table_add_column(s, u, "id");
  id->type = "integer", id->primary_key = true, id->not_null = true;
  dz_table_add_column(s, u, "name")->type = "text";
  dz_table *p = dz_schema_add_table(s, "posts");
  dz_column *pid = dz_table_add_column(s, p, "id");
  pid->type = "integer", pid->primary_key = true, pid->not_null = true;
  dz_table_add_column(s, p, "user_id")->type = "integer";
  dz_foreign_key *fk = dz_table_add_foreign_key(s, p, "posts_user_id_users_id_fk");
  fk->table_from = "posts", fk->table_to = "users";
  dz_strvec_push(s, &fk->columns_from, "user_id");
  dz_strvec_push(s, &fk->columns_to, "id");
  fk->on_delete = "cascade", fk->on_update = "no action";
  return s;
}

static size_t count(const dz_diff *d, dz_change_kind k) {
  size_t n = 0;
  for (size_t i = 0; i < d->changes.len; i++) n += d->changes.items[i].kind == k;
  return n;
}

static const dz_change *first(const dz_diff *d, dz_change_kind k) {
  for (size_t i = 0; i < d->changes.len; i++)
    if (d->changes.items[i].kind == k) return &d->changes.items[i];
  return NULL;
}

static dz_diff *diff(dz_arena *a, dz_schema *p, dz_schema *n, const char *const *cols, size_t nc,
                     const char *const *tabs, size_t nt, dz_result want) {
  dz_diff_options o = {cols, nc, tabs, nt};
  dz_diff *d = NULL;
  dz_error err;
  dz_error_clear(&err);
  dz_result rc = dz_diff_schemas(p, n, &o, a, &d, &err);
  if (rc != want) DZ_FAIL("dz_diff_schemas gave %s (%s)", dz_result_name(rc), err.message);
  return d;
}

static dz_sql_plan *plan(dz_arena *a, const dz_diff *d, dz_schema *p, dz_schema *n) {
  dz_sql_plan *pl = NULL;
  dz_error err;
  if (dz_sqlgen_migration(d, p, n, n->dialect, a, &pl, &err) != DZ_OK)
    DZ_FAIL("dz_sqlgen_migration: %s", err.message);
  return pl;
}

DZ_TEST(identical_schemas_have_no_changes) {
  dz_arena *a = dz_arena_new();
  dz_diff *d = diff(a, base(a), base(a), NULL, 0, NULL, 0, DZ_OK);
  DZ_CHECK_INT(d->changes.len, 0);
  DZ_CHECK_INT(d->candidates.len, 0);
  dz_arena_free(a);
}

DZ_TEST(from_nothing_every_table_is_created_in_schema_order) {
  dz_arena *a = dz_arena_new();
  dz_schema *n = base(a);
  dz_diff *d = diff(a, NULL, n, NULL, 0, NULL, 0, DZ_OK);
  DZ_CHECK_INT(d->changes.len, 2);
  DZ_CHECK_STR(d->changes.items[0].new_table->name, "users");
  DZ_CHECK_STR(d->changes.items[1].new_table->name, "posts");
  dz_sql_plan *pl = plan(a, d, NULL, n);
  DZ_CHECK_INT(pl->forward.len, 2);
  DZ_CHECK_STR(pl->forward.items[0].sql,
               "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`name` text\n);\n");
  DZ_CHECK_STR(pl->forward.items[1].sql,
               "CREATE TABLE `posts` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`user_id` integer,"
               "\n\tFOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE "
               "cascade\n);\n");
  DZ_CHECK_INT(pl->rollback.len, 2);
  DZ_CHECK_STR(pl->rollback.items[0].sql, "DROP TABLE `users`;");
  dz_arena_free(a);
}

DZ_TEST(a_dropped_and_an_added_column_are_a_rename_candidate_until_told) {
  dz_arena *a = dz_arena_new();
  dz_schema *p = base(a), *n = base(a);
  n->tables.items[0]->columns.items[1]->name = "full_name";
  dz_diff *d = diff(a, p, n, NULL, 0, NULL, 0, DZ_OK);
  DZ_CHECK_INT(d->candidates.len, 1);
  DZ_CHECK_STR(d->candidates.items[0].table, "users");
  DZ_CHECK_STR(d->candidates.items[0].from, "name");
  DZ_CHECK_STR(d->candidates.items[0].to, "full_name");
  DZ_CHECK_INT(count(d, DZ_CHANGE_COLUMN_ADD), 1);
  DZ_CHECK_INT(count(d, DZ_CHANGE_COLUMN_DROP), 1);
  /* a preview still plans them as the drop and the add they are */
  dz_sql_plan *pl = plan(a, d, p, n);
  DZ_CHECK_INT(pl->forward.len, 2);
  DZ_CHECK_STR(pl->forward.items[0].sql, "ALTER TABLE `users` ADD `full_name` text;");
  DZ_CHECK_STR(pl->forward.items[1].sql, "ALTER TABLE `users` DROP COLUMN `name`;");

  const char *ren[] = {"users.name=full_name"};
  d = diff(a, p, n, ren, 1, NULL, 0, DZ_OK);
  DZ_CHECK_INT(d->candidates.len, 0);
  DZ_CHECK_INT(d->changes.len, 1);
  DZ_CHECK_INT(d->changes.items[0].kind, DZ_CHANGE_COLUMN_RENAME);
  pl = plan(a, d, p, n);
  DZ_CHECK_INT(pl->forward.len, 1);
  DZ_CHECK_STR(pl->forward.items[0].sql,
               "ALTER TABLE `users` RENAME COLUMN \"name\" TO \"full_name\";");
  DZ_CHECK_STR(pl->rollback.items[0].sql,
               "ALTER TABLE `users` RENAME COLUMN \"full_name\" TO \"name\";");
  dz_diff_record_renames(d, n);
  DZ_CHECK_INT(n->renamed_columns.len, 1);
  DZ_CHECK_STR(n->renamed_columns.items[0].from, "\"users\".\"name\"");
  DZ_CHECK_STR(n->renamed_columns.items[0].to, "\"users\".\"full_name\"");
  dz_arena_free(a);
}

DZ_TEST(a_table_rename_is_applied_only_when_given) {
  dz_arena *a = dz_arena_new();
  dz_schema *p = base(a), *n = base(a);
  n->tables.items[1]->name = "articles";
  n->tables.items[1]->foreign_keys.items[0]->table_from = "articles";
  dz_diff *d = diff(a, p, n, NULL, 0, NULL, 0, DZ_OK);
  DZ_CHECK_INT(d->candidates.len, 1);
  DZ_CHECK(d->candidates.items[0].table == NULL);
  DZ_CHECK_INT(count(d, DZ_CHANGE_TABLE_CREATE), 1);
  DZ_CHECK_INT(count(d, DZ_CHANGE_TABLE_DROP), 1);

  const char *ren[] = {"posts=articles"};
  d = diff(a, p, n, NULL, 0, ren, 1, DZ_OK);
  DZ_CHECK_INT(d->candidates.len, 0);
  DZ_CHECK_INT(count(d, DZ_CHANGE_TABLE_RENAME), 1);
  /* the foreign key's table_from changed with the table: drizzle-kit alters it */
  DZ_CHECK_INT(count(d, DZ_CHANGE_FOREIGN_KEY_ALTER), 1);
  dz_diff_record_renames(d, n);
  DZ_CHECK_STR(n->renamed_tables.items[0].from, "\"posts\"");
  DZ_CHECK_STR(n->renamed_tables.items[0].to, "\"articles\"");
  dz_sql_plan *pl = plan(a, d, p, n);
  DZ_CHECK_STR(pl->forward.items[0].sql, "ALTER TABLE `posts` RENAME TO `articles`;");
  dz_arena_free(a);
}

DZ_TEST(rename_options_naming_missing_things_are_usage_errors) {
  dz_arena *a = dz_arena_new();
  dz_schema *p = base(a), *n = base(a);
  const char *bad_table[] = {"nope=users"};
  diff(a, p, n, NULL, 0, bad_table, 1, DZ_ERR_USAGE);
  const char *bad_col[] = {"users.nope=name"};
  diff(a, p, n, bad_col, 1, NULL, 0, DZ_ERR_USAGE);
  const char *no_eq[] = {"users.name"};
  diff(a, p, n, no_eq, 1, NULL, 0, DZ_ERR_USAGE);
  dz_arena_free(a);
}

DZ_TEST(column_alterations_are_reported_bit_by_bit) {
  dz_arena *a = dz_arena_new();
  dz_schema *p = base(a), *n = base(a);
  dz_column *c = n->tables.items[0]->columns.items[1];
  c->not_null = true;
  c->def = (dz_default){DZ_DEFAULT_SQL, "'x'"};
  c->type = "integer";
  dz_diff *d = diff(a, p, n, NULL, 0, NULL, 0, DZ_OK);
  const dz_change *ch = first(d, DZ_CHANGE_COLUMN_ALTER);
  DZ_CHECK(ch != NULL);
  if (ch) DZ_CHECK_INT(ch->altered, DZ_ALTER_TYPE | DZ_ALTER_NOT_NULL | DZ_ALTER_DEFAULT);
  /* a spacing-only type difference is no change */
  dz_schema *p2 = base(a), *n2 = base(a);
  p2->tables.items[0]->columns.items[1]->type = "numeric (10)";
  n2->tables.items[0]->columns.items[1]->type = "numeric(10)";
  DZ_CHECK_INT(diff(a, p2, n2, NULL, 0, NULL, 0, DZ_OK)->changes.len, 0);
  dz_arena_free(a);
}

DZ_TEST(a_not_null_change_rebuilds_and_keeps_dependent_rows) {
  dz_arena *a = dz_arena_new();
  dz_schema *p = base(a), *n = base(a);
  n->tables.items[0]->columns.items[1]->not_null = true;
  dz_diff *d = diff(a, p, n, NULL, 0, NULL, 0, DZ_OK);
  dz_sql_plan *pl = plan(a, d, p, n);
  char *text = dz_sql_plan_text(pl, true, DZ_SQL_FORWARD, a);
  DZ_CHECK_CONTAINS(text, "CREATE TEMP TABLE `__drizzle_lsp_keep_posts` AS SELECT * FROM `posts`;");
  DZ_CHECK_CONTAINS(text, "PRAGMA foreign_keys=OFF;--> statement-breakpoint\nCREATE TABLE `__new_users`");
  DZ_CHECK_CONTAINS(text, "INSERT INTO `__new_users`(\"id\", \"name\") SELECT \"id\", \"name\" FROM `users`;");
  DZ_CHECK_CONTAINS(text, "INSERT INTO `posts` SELECT * FROM temp.`__drizzle_lsp_keep_posts`;");
  DZ_CHECK_CONTAINS(text, "-- drizzle-lsp: keeps the rows");
  DZ_CHECK_INT(pl->rebuilds.len, 1);
  DZ_CHECK_STR(pl->rebuilds.items[0].table, "users");
  DZ_CHECK_INT(pl->rebuilds.items[0].n_causes, 1); /* the NOT NULL change, and only it */
  DZ_CHECK(pl->rebuilds.items[0].causes[0] == &d->changes.items[0]);
  DZ_CHECK(dz_sql_plan_rebuild_cause(pl, &d->changes.items[0]));
  dz_arena_free(a);
}

DZ_TEST(a_new_not_null_column_in_a_rebuild_is_copied_as_null_not_as_its_name) {
  dz_arena *a = dz_arena_new();
  dz_schema *p = base(a), *n = base(a);
  dz_table *posts = n->tables.items[1];
  dz_column *t = dz_table_add_column(n, posts, "title");
  t->type = "text", t->not_null = true;
  dz_table_add_column(n, posts, "note")->type = "text";
  posts->foreign_keys.items[0]->on_delete = "set null"; /* forces a rebuild */
  dz_diff *d = diff(a, p, n, NULL, 0, NULL, 0, DZ_OK);
  dz_sql_plan *pl = plan(a, d, p, n);
  char *text = dz_sql_plan_text(pl, false, DZ_SQL_FORWARD, a);
  DZ_CHECK_CONTAINS(text, "INSERT INTO `__new_posts`(\"id\", \"user_id\", \"title\") SELECT \"id\", "
                          "\"user_id\", NULL FROM `posts`;");
  DZ_CHECK_CONTAINS(text, "new column note is left to its default");
  /* every statement of the rebuild serves the added columns too (hover) */
  size_t serving = 0;
  for (size_t i = 0; i < pl->forward.len; i++)
    for (size_t j = 0; j < pl->forward.items[i].n_changes; j++)
      serving += pl->forward.items[i].changes[j]->kind == DZ_CHANGE_COLUMN_ADD &&
                 !strcmp(pl->forward.items[i].changes[j]->new_column->name, "title");
  DZ_CHECK(serving >= 5);
  DZ_CHECK_INT(pl->forward.items[pl->forward.len - 1].n_changes >= 1, 1);
  char *back = dz_sql_plan_text(pl, false, DZ_SQL_ROLLBACK, a);
  DZ_CHECK_CONTAINS(back, "It discards (the migration added them):\n--   the values of column posts.title\n");
  dz_arena_free(a);
}

DZ_TEST(hostile_identifiers_are_escaped_and_marked) {
  dz_arena *a = dz_arena_new();
  dz_schema *n = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *t = dz_schema_add_table(n, "we`ird\"t");
  dz_table_add_column(n, t, "c`o\"l")->type = "text";
  dz_diff *d = diff(a, NULL, n, NULL, 0, NULL, 0, DZ_OK);
  dz_sql_plan *pl = plan(a, d, NULL, n);
  DZ_CHECK_STR(pl->forward.items[0].sql, "CREATE TABLE `we``ird\"t` (\n\t`c``o\"l` text\n);\n");
  DZ_CHECK(pl->forward.items[0].deviation != NULL);
  dz_arena_free(a);
}

DZ_TEST(a_json_default_with_a_quote_is_escaped_and_marked) {
  dz_arena *a = dz_arena_new();
  dz_schema *n = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *t = dz_schema_add_table(n, "t");
  dz_column *j = dz_table_add_column(n, t, "j");
  j->type = "text", j->def = (dz_default){DZ_DEFAULT_SQL, "'{\"a\":\"it's\"}'"};
  dz_column *s = dz_table_add_column(n, t, "s");
  s->type = "text", s->def = (dz_default){DZ_DEFAULT_SQL, "'it''s'"};
  dz_sql_plan *pl = plan(a, diff(a, NULL, n, NULL, 0, NULL, 0, DZ_OK), NULL, n);
  DZ_CHECK_STR(pl->forward.items[0].sql, "CREATE TABLE `t` (\n\t`j` text DEFAULT "
                                         "'{\"a\":\"it''s\"}',\n\t`s` text DEFAULT 'it''s'\n);\n");
  DZ_CHECK_CONTAINS(pl->forward.items[0].deviation, "quote inside the default");
  dz_arena_free(a);
}

DZ_TEST(degenerate_models_do_not_crash_either_dialect) {
  dz_arena *a = dz_arena_new();
  for (int d = 0; d < 2; d++) {
    dz_schema *p = base(a), *n = base(a);
    p->dialect = n->dialect = d ? DZ_DIALECT_TURSO : DZ_DIALECT_SQLITE;
    n->tables.items[0]->columns.items[1]->type = NULL; /* a type nobody could read */
    dz_foreign_key *fk = dz_table_add_foreign_key(n, n->tables.items[1], "empty_fk");
    fk->table_from = "posts", fk->table_to = "users"; /* no columns at all */
    n->tables.items[1]->columns.items[1]->def = (dz_default){DZ_DEFAULT_SQL, NULL};
    dz_diff *df = diff(a, p, n, NULL, 0, NULL, 0, DZ_OK);
    dz_sql_plan *pl = plan(a, df, p, n);
    DZ_CHECK(pl != NULL && pl->forward.len > 0);
    if (pl) DZ_CHECK(dz_sql_plan_text(pl, true, DZ_SQL_ROLLBACK, a) != NULL);
  }
  dz_arena_free(a);
}

/* table(id, column text DEFAULT before) on Turso, and the same with the
** column changed by alter. */
static dz_sql_plan *turso_alter(dz_arena *a, const char *table, const char *column,
                                dz_default before, void (*alter)(dz_column *)) {
  dz_schema *s[2];
  for (int k = 0; k < 2; k++) {
    s[k] = dz_schema_new(a, DZ_DIALECT_TURSO);
    dz_table *t = dz_schema_add_table(s[k], table);
    dz_column *id = dz_table_add_column(s[k], t, "id");
    id->type = "integer", id->primary_key = true, id->not_null = true;
    dz_column *c = dz_table_add_column(s[k], t, column);
    c->type = "text", c->def = before;
    if (k) alter(c);
  }
  return plan(a, diff(a, s[0], s[1], NULL, 0, NULL, 0, DZ_OK), s[0], s[1]);
}

static void default_b(dz_column *c) { c->def = (dz_default){DZ_DEFAULT_SQL, "'b'"}; }
static void no_default(dz_column *c) { c->def = (dz_default){DZ_DEFAULT_NONE, NULL}; }
static void set_not_null(dz_column *c) { c->not_null = true; }

DZ_TEST(turso_default_change_stores_the_values_before_alter_column) {
  dz_arena *a = dz_arena_new();
  const dz_default a_text = {DZ_DEFAULT_SQL, "'a'"}, zero = {DZ_DEFAULT_NUMBER, "0"};
  dz_sql_plan *pl = turso_alter(a, "users", "name", a_text, default_b);
  DZ_CHECK_INT(pl->forward.len, 2);
  DZ_CHECK_STR(pl->forward.items[0].sql, "UPDATE `users` SET \"name\" = \"name\";");
  DZ_CHECK_CONTAINS(pl->forward.items[0].deviation, "stores every row's value of the column");
  DZ_CHECK(pl->forward.items[0].change && pl->forward.items[0].change->kind == DZ_CHANGE_COLUMN_ALTER);
  DZ_CHECK_STR(pl->forward.items[1].sql,
               "ALTER TABLE `users` ALTER COLUMN \"name\" TO \"name\" text DEFAULT 'b';");
  DZ_CHECK(pl->forward.items[1].deviation == NULL);
  DZ_CHECK_CONTAINS(dz_sql_plan_text(pl, true, DZ_SQL_ROLLBACK, a), "INSERT INTO `__new_users`");
  /* a dropped default, hostile names escaped */
  pl = turso_alter(a, "we`ird\"t", "c`o\"l", a_text, no_default);
  DZ_CHECK_INT(pl->forward.len, 2);
  DZ_CHECK_STR(pl->forward.items[0].sql, "UPDATE `we``ird\"t` SET \"c`o\"\"l\" = \"c`o\"\"l\";");
  /* the same default written again: nothing to store */
  pl = turso_alter(a, "users", "name", a_text, set_not_null);
  DZ_CHECK_INT(pl->forward.len, 1);
  DZ_CHECK(pl->forward.items[0].deviation == NULL);
  /* drizzle-kit's ALTER COLUMN leaves a default of 0 out: ours keeps it, so
  ** nothing changes for the rows either */
  pl = turso_alter(a, "users", "name", zero, set_not_null);
  DZ_CHECK_INT(pl->forward.len, 1);
  DZ_CHECK_STR(pl->forward.items[0].sql,
               "ALTER TABLE `users` ALTER COLUMN \"name\" TO \"name\" text NOT NULL DEFAULT 0;");
  DZ_CHECK_CONTAINS(pl->forward.items[0].deviation, "keeps the column's DEFAULT 0");
  /* ... and a dropped default of 0 is dropped, values stored first */
  pl = turso_alter(a, "users", "name", zero, no_default);
  DZ_CHECK_INT(pl->forward.len, 2);
  DZ_CHECK_STR(pl->forward.items[1].sql, "ALTER TABLE `users` ALTER COLUMN \"name\" TO \"name\" text;");
  dz_arena_free(a);
}

DZ_TEST(change_kind_names_are_stable) {
  DZ_CHECK_STR(dz_change_kind_name(DZ_CHANGE_COLUMN_ADD), "column_add");
  DZ_CHECK_STR(dz_change_kind_name(DZ_CHANGE_VIEW_ALTER), "view_alter");
}

DZ_TEST_MAIN
