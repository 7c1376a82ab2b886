/* test_rules_diff.c — the rules over changes from the real diff
** (dz_diff_schemas), so that what rules assume about the change list (new
** tables' indexes and references, changed indexes, rename candidates and
** applied renames) holds for the diff that check and the server run. */
#include "dz_test.h"
#include "rules_fixture.h"

static dz_findings *diff_and_evaluate(fx *f, const dz_diff_options *opt) {
  dz_diff *d = NULL;
  dz_error err;
  if (dz_diff_schemas(f->prev, f->next, opt, f->a, &d, &err) != DZ_OK) {
    DZ_FAIL("diff: %s", err.message);
    return NULL;
  }
  f->diff = *d;
  return fx_eval(f);
}

DZ_TEST(new_table_with_index_and_reference_is_one_table_finding_and_its_index) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *ou, *nu;
  fx_pair(f, "users", &ou, &nu);
  dz_table *p = fx_table(f, f->next, "posts");
  fx_column(f, f->next, p, "id", "integer", true)->primary_key = true;
  fx_column(f, f->next, p, "author_id", "integer", false);
  fx_fk(f, f->next, p, "author_id", "users", "cascade");
  dz_index *ix = dz_table_add_index(f->next, p, "posts_author_idx");
  dz_strvec_push(f->next, &ix->columns, "author_id");
  dz_findings *fs = diff_and_evaluate(f, NULL);
  DZ_CHECK_INT(fs ? fs->items.len : 0, 2);
  DZ_CHECK(fx_find(fs, "table-created") != NULL);
  DZ_CHECK_INT(fx_count(fs, "index-on-new-table"), 1);
  DZ_CHECK(fx_find(fs, "table-rebuild-referenced") == NULL); /* users is not rebuilt */
  fx_free(f);
}

DZ_TEST(drop_and_add_in_one_table_is_a_candidate_until_told) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *ot, *nt;
  fx_pair(f, "users", &ot, &nt);
  fx_column(f, f->prev, ot, "name", "text", false);
  fx_column(f, f->next, nt, "full_name", "text", false);
  dz_findings *fs = diff_and_evaluate(f, NULL);
  const dz_finding *rc = fx_find(fs, "rename-candidate");
  DZ_CHECK(rc != NULL);
  const dz_fix *fix = fx_fix(fx_find(fs, "column-dropped"), DZ_FIX_RENAME_COLUMN);
  DZ_CHECK_STR(fix ? fix->argument : NULL, "--rename users.name=full_name");
  fx_free(f);

  f = fx_new(DZ_DIALECT_SQLITE);
  fx_pair(f, "users", &ot, &nt);
  fx_column(f, f->prev, ot, "name", "text", false);
  fx_column(f, f->next, nt, "full_name", "text", false);
  const char *renames[] = {"users.name=full_name"};
  dz_diff_options opt = {renames, 1, NULL, 0};
  fs = diff_and_evaluate(f, &opt);
  DZ_CHECK(fx_find(fs, "column-renamed") != NULL);
  DZ_CHECK(fx_find(fs, "rename-candidate") == NULL);
  DZ_CHECK(fx_find(fs, "column-dropped") == NULL);
  fx_free(f);
}

DZ_TEST(changed_index_is_one_finding) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *ot, *nt;
  fx_pair(f, "users", &ot, &nt);
  fx_both(f, ot, nt, "email", "text");
  dz_strvec_push(f->prev, &dz_table_add_index(f->prev, ot, "users_email_idx")->columns, "email");
  dz_index *n = dz_table_add_index(f->next, nt, "users_email_idx");
  dz_strvec_push(f->next, &n->columns, "email");
  n->unique = true;
  dz_findings *fs = diff_and_evaluate(f, NULL);
  DZ_CHECK_INT(fs ? fs->items.len : 0, 1);
  DZ_CHECK(fx_find(fs, "unique-created") != NULL);
  DZ_CHECK_CONTAINS(fx_find(fs, "unique-created") ? fx_find(fs, "unique-created")->message : NULL,
                    "changed unique index");
  fx_free(f);
}

DZ_TEST(type_and_not_null_change_from_the_diff) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *ou, *nu, *op, *np;
  fx_pair(f, "users", &ou, &nu);
  fx_pair(f, "posts", &op, &np);
  fx_both(f, op, np, "author_id", "integer");
  fx_fk(f, f->prev, op, "author_id", "users", "no action");
  fx_fk(f, f->next, np, "author_id", "users", "no action");
  fx_column(f, f->prev, ou, "age", "text", false);
  fx_column(f, f->next, nu, "age", "integer", true);
  dz_findings *fs = diff_and_evaluate(f, NULL);
  DZ_CHECK(fx_find(fs, "column-type-incompatible") != NULL);
  DZ_CHECK(fx_find(fs, "column-set-not-null") != NULL);
  const dz_finding *rb = fx_find(fs, "table-rebuild-referenced");
  DZ_CHECK(rb != NULL);
  DZ_CHECK_CONTAINS(rb ? rb->message : NULL, "users.age: type changed");
  DZ_CHECK_INT(fx_count(fs, "table-rebuild"), 0);
  fx_free(f);
}

DZ_TEST(statements_go_with_their_findings) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *ou, *nu, *op, *np;
  fx_pair(f, "users", &ou, &nu);
  fx_pair(f, "posts", &op, &np);
  fx_both(f, op, np, "author_id", "integer");
  fx_fk(f, f->prev, op, "author_id", "users", "cascade");
  fx_fk(f, f->next, np, "author_id", "users", "cascade");
  fx_column(f, f->prev, ou, "age", "integer", false);
  fx_column(f, f->next, nu, "age", "real", false);
  fx_column(f, f->next, np, "title", "text", false);
  dz_findings *fs = diff_and_evaluate(f, NULL);
  const dz_sql_plan *plan = f->plan;
  if (!plan || !fs) {
    fx_free(f);
    return;
  }
  dz_strvec shown = {0};
  dz_findings_attach_sql(fs, plan, f->a, &shown);
  DZ_CHECK_INT(shown.len, plan->forward.len);
  const dz_finding *rb = fx_find(fs, "table-rebuild-referenced");
  const dz_finding *add = fx_find(fs, "column-added-nullable");
  bool has_new = false, has_alter = false;
  size_t comments = 0, attached = 0;
  for (size_t i = 0; rb && i < rb->sql.len; i++) {
    has_new |= strstr(rb->sql.items[i], "CREATE TABLE `__new_users`") != NULL;
    comments += strncmp(rb->sql.items[i], "-- drizzle-lsp:", 15) == 0;
  }
  for (size_t i = 0; add && i < add->sql.len; i++)
    has_alter |= strstr(add->sql.items[i], "ALTER TABLE `posts` ADD `title` text") != NULL;
  for (size_t i = 0; i < fs->items.len; i++) attached += fs->items.items[i]->sql.len;
  DZ_CHECK(has_new);
  DZ_CHECK(has_alter);
  DZ_CHECK(comments >= 1 && comments < rb->sql.len); /* said once per run, not per statement */
  DZ_CHECK(fx_find(fs, "column-type-compatible")->sql.len == 0);
  /* every statement has its finding: the rebuild's PRAGMAs and row keeping go with it */
  DZ_CHECK_INT(attached, shown.len);
  bool has_pragma = false;
  for (size_t i = 0; rb && i < rb->sql.len; i++)
    has_pragma |= strstr(rb->sql.items[i], "PRAGMA foreign_keys=OFF;") != NULL;
  DZ_CHECK(has_pragma);
  fx_free(f);
}

DZ_TEST_MAIN
