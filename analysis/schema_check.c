/*
** schema_check.c — dz_schema_check (schema_check.h): names that point
** nowhere, found on the linked model so that every file's tables are seen
** together. (Names declared twice are reported by extraction, which folds
** them the way drizzle-kit does.)
*/
#include "drizzle_lsp/schema_check.h"

#include <string.h>

static void check_index(const dz_table *t, const dz_index *ix, dz_arena *a, dz_diag_list *diags) {
  for (size_t i = 0; i < ix->columns.len; i++) {
    bool expr = i < ix->expression.len && ix->expression.items[i];
    if (!expr && !dz_table_find_column(t, ix->columns.items[i]))
      dz_diag_add(a, diags, DZ_SEV_ERROR, "unknown-column", ix->span,
                  "index \"%s\" is on column \"%s\", which table \"%s\" does not have", ix->name,
                  ix->columns.items[i], t->name);
  }
}

static void check_foreign_key(const dz_schema *s, const dz_table *t, const dz_foreign_key *fk,
                              dz_arena *a, dz_diag_list *diags) {
  for (size_t i = 0; i < fk->columns_from.len; i++)
    if (!dz_table_find_column(t, fk->columns_from.items[i]))
      dz_diag_add(a, diags, DZ_SEV_ERROR, "unknown-column", fk->span,
                  "foreign key \"%s\" is on column \"%s\", which table \"%s\" does not have",
                  fk->name, fk->columns_from.items[i], t->name);
  const dz_table *to = dz_schema_find_table(s, fk->table_to);
  if (!to) {
    dz_diag_add(a, diags, DZ_SEV_WARNING, "unknown-table", fk->span,
                "foreign key \"%s\" references table \"%s\", which is not among the schema's "
                "exported tables",
                fk->name, fk->table_to);
    return;
  }
  for (size_t i = 0; i < fk->columns_to.len; i++)
    if (!dz_table_find_column(to, fk->columns_to.items[i]))
      dz_diag_add(a, diags, DZ_SEV_ERROR, "unknown-column", fk->span,
                  "foreign key \"%s\" references column \"%s\", which table \"%s\" does not have",
                  fk->name, fk->columns_to.items[i], to->name);
}

void dz_schema_check(const dz_schema *s, dz_arena *a, dz_diag_list *diags) {
  for (size_t ti = 0; ti < s->tables.len; ti++) {
    const dz_table *t = s->tables.items[ti];
    for (size_t i = 0; i < t->indexes.len; i++) check_index(t, t->indexes.items[i], a, diags);
    for (size_t i = 0; i < t->foreign_keys.len; i++)
      check_foreign_key(s, t, t->foreign_keys.items[i], a, diags);
  }
}
