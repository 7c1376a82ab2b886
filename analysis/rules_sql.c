/*
** rules_sql.c — the migration's statements put with the findings they come
** from (rules.h), so that the CLI and the editor show each finding with the
** SQL it runs: a rebuild's statements with the table-rebuild finding, other
** statements with the first finding about their change (or table).
*/
#include "drizzle_lsp/rules.h"

#include <string.h>

static bool is_rebuild(const dz_finding *f) {
  return strcmp(f->rule, "table-rebuild") == 0 || strcmp(f->rule, "table-rebuild-referenced") == 0;
}

/* The finding statement s belongs to; NULL for housekeeping outside a
** rebuild. A rebuild's own housekeeping (PRAGMA, row keeping) has no change
** but serves the rebuild's changes. */
static dz_finding *owner_of(const dz_findings *fs, const dz_sql_plan *plan, const dz_sql_stmt *s) {
  const dz_change *c = s->change ? s->change : s->n_changes ? s->changes[0] : NULL;
  const dz_table *t = c ? (c->new_table ? c->new_table : c->old_table) : NULL;
  if (!t) return NULL;
  bool rebuilds = dz_sql_plan_rebuild_of(plan, t->name) &&
                  (!s->change || dz_sql_plan_rebuild_cause(plan, s->change));
  for (size_t i = 0; rebuilds && i < fs->items.len; i++)
    if (is_rebuild(fs->items.items[i]) && strcmp(fs->items.items[i]->table, t->name) == 0)
      return fs->items.items[i];
  for (size_t i = 0; i < fs->items.len; i++)
    if (fs->items.items[i]->change == c) return fs->items.items[i];
  for (size_t i = 0; i < fs->items.len; i++)
    if (strcmp(fs->items.items[i]->table, t->name) == 0) return fs->items.items[i];
  return NULL;
}

void dz_findings_attach_sql(dz_findings *f, const dz_sql_plan *plan, dz_arena *a,
                            dz_strvec *shown) {
  const char *said = NULL;
  for (size_t i = 0; i < plan->forward.len; i++) {
    const dz_sql_stmt *s = &plan->forward.items[i];
    bool repeat = s->deviation && said && strcmp(said, s->deviation) == 0;
    const char *text = s->deviation && !repeat
                           ? dz_arena_printf(a, "-- drizzle-lsp: %s\n%s", s->deviation, s->sql)
                           : s->sql;
    said = s->deviation;
    if (shown) dz_vec_push(a, shown, text);
    dz_finding *owner = owner_of(f, plan, s);
    if (owner) dz_vec_push(a, &owner->sql, text);
  }
}
