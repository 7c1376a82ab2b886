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

/* The finding a statement of change c belongs to; NULL for housekeeping. */
static dz_finding *owner_of(const dz_findings *fs, const dz_diff *diff, dz_dialect dialect,
                            const dz_change *c) {
  const dz_table *t = c ? (c->new_table ? c->new_table : c->old_table) : NULL;
  if (!t) return NULL;
  bool rebuilds = dz_rules_change_rebuilds(diff, c, dialect);
  for (size_t i = 0; rebuilds && i < fs->items.len; i++)
    if (is_rebuild(fs->items.items[i]) && strcmp(fs->items.items[i]->table, t->name) == 0)
      return fs->items.items[i];
  for (size_t i = 0; i < fs->items.len; i++)
    if (fs->items.items[i]->change == c) return fs->items.items[i];
  for (size_t i = 0; i < fs->items.len; i++)
    if (strcmp(fs->items.items[i]->table, t->name) == 0) return fs->items.items[i];
  return NULL;
}

void dz_findings_attach_sql(dz_findings *f, const dz_diff *diff, const dz_sql_plan *plan,
                            dz_arena *a, dz_strvec *shown) {
  const char *said = NULL;
  for (size_t i = 0; i < plan->forward.len; i++) {
    const dz_sql_stmt *s = &plan->forward.items[i];
    bool repeat = s->deviation && said && strcmp(said, s->deviation) == 0;
    const char *text = s->deviation && !repeat
                           ? dz_arena_printf(a, "-- drizzle-lsp: %s\n%s", s->deviation, s->sql)
                           : s->sql;
    said = s->deviation;
    if (shown) dz_vec_push(a, shown, text);
    dz_finding *owner = owner_of(f, diff, plan->dialect, s->change);
    if (owner) dz_vec_push(a, &owner->sql, text);
  }
}
