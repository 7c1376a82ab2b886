/*
** test_schema_check.c — names that clash or point nowhere: duplicate tables
** and columns (reported by extraction, which folds them like drizzle-kit),
** and references to unknown tables and columns (dz_schema_check).
*/
#include "dz_test.h"
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/schema_check.h"

typedef struct checked {
  dz_arena *a;
  dz_schema *s;
  dz_diag_list diags;
} checked;

static checked check_source(const char *src) {
  checked c = {dz_arena_new(), NULL, {0}};
  dz_source_file f = {"/virtual/schema.ts", src, strlen(src)};
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE, NULL};
  dz_error err;
  if (dz_extract_schema(&f, 1, &opt, c.a, &c.s, &c.diags, &err) != DZ_OK)
    DZ_FAIL("extract failed: %s", err.message);
  else
    dz_schema_check(c.s, c.a, &c.diags);
  return c;
}

static const dz_diag *find(const checked *c, const char *code) {
  for (size_t i = 0; i < c->diags.len; i++)
    if (strcmp(c->diags.items[i].code, code) == 0) return &c->diags.items[i];
  return NULL;
}

#define HEAD "import { sqliteTable, text, index } from \"drizzle-orm/sqlite-core\";\n"

DZ_TEST(two_keys_with_one_column_name_are_a_duplicate_column_at_the_later_one) {
  const char *src = HEAD "export const users = sqliteTable(\"users\", {\n"
                         "  email: text(\"email\"),\n  mail: text(\"email\").notNull(),\n});\n";
  checked c = check_source(src);
  const dz_diag *d = find(&c, "duplicate-column");
  DZ_CHECK(d != NULL);
  if (d) {
    DZ_CHECK_INT(d->severity, DZ_SEV_WARNING);
    DZ_CHECK_INT(d->span.start_byte, (long long)(strstr(src, "\n  mail:") + 3 - src));
    DZ_CHECK(strstr(d->message, "email") && strstr(d->message, "mail"));
  }
  DZ_CHECK_INT(c.s->tables.items[0]->columns.len, 1); /* drizzle-kit keeps one */
  dz_arena_free(c.a);
}

DZ_TEST(the_same_key_twice_from_a_spread_is_not_a_duplicate) {
  checked c = check_source(HEAD "const base = { email: text(\"email\") };\n"
                                "export const users = sqliteTable(\"users\", {\n"
                                "  ...base,\n  email: text(\"email\").notNull(),\n});\n");
  DZ_CHECK(find(&c, "duplicate-column") == NULL);
  dz_arena_free(c.a);
}

DZ_TEST(two_exports_with_one_table_name_are_a_duplicate_table) {
  checked c = check_source(HEAD "export const a = sqliteTable(\"t\", { id: text(\"id\") });\n"
                                "export const b = sqliteTable(\"t\", { id: text(\"id\") });\n");
  const dz_diag *d = find(&c, "duplicate-table");
  DZ_CHECK(d != NULL);
  if (d) DZ_CHECK(strstr(d->message, "as a and b") != NULL);
  dz_arena_free(c.a);
}

DZ_TEST(a_foreign_key_to_a_table_that_is_not_exported_is_an_unknown_table) {
  checked c = check_source(HEAD "const ghosts = sqliteTable(\"ghosts\", { id: text(\"id\") });\n"
                                "export const users = sqliteTable(\"users\", {\n"
                                "  ghostId: text(\"ghost_id\").references(() => ghosts.id),\n});\n");
  const dz_diag *d = find(&c, "unknown-table");
  DZ_CHECK(d != NULL);
  if (d) DZ_CHECK(strstr(d->message, "\"ghosts\"") != NULL);
  dz_arena_free(c.a);
}

DZ_TEST(indexes_and_foreign_keys_over_missing_columns_are_unknown_columns) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *t = dz_schema_add_table(s, "t");
  dz_table_add_column(s, t, "id");
  dz_index *ix = dz_table_add_index(s, t, "t_nope_idx");
  dz_strvec_push(s, &ix->columns, "nope");
  dz_vec_push(a, &ix->expression, false);
  dz_index *expr = dz_table_add_index(s, t, "t_expr_idx");
  dz_strvec_push(s, &expr->columns, "lower(\"id\")");
  dz_vec_push(a, &expr->expression, true);
  dz_foreign_key *fk = dz_table_add_foreign_key(s, t, "t_id_t_missing_fk");
  fk->table_from = "t";
  fk->table_to = "t";
  dz_strvec_push(s, &fk->columns_from, "id");
  dz_strvec_push(s, &fk->columns_to, "missing");
  dz_diag_list diags = {0};
  dz_schema_check(s, a, &diags);
  DZ_CHECK_INT(diags.len, 2); /* the expression index is fine */
  if (diags.len == 2) {
    DZ_CHECK(strstr(diags.items[0].message, "\"nope\"") != NULL);
    DZ_CHECK(strstr(diags.items[1].message, "\"missing\"") != NULL);
    DZ_CHECK_STR(diags.items[1].code, "unknown-column");
  }
  dz_arena_free(a);
}

DZ_TEST_MAIN
