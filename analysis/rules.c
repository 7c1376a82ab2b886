/*
** rules.c — changes in, findings out (rules.h): the driver, the table and
** view rules, and rename candidates. Column
** rules are in rules_columns.c, index and constraint rules in
** rules_constraints.c. Each rule id has a section in docs/rules.md.
*/
#include "rules_build.h"

#include <string.h>

bool dz_rules_table_is_new(const dz_rules_ctx *x, const dz_table *t) {
  for (size_t i = 0; i < x->diff->changes.len; i++) {
    const dz_change *c = &x->diff->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_CREATE && c->new_table == t) return true;
  }
  return false;
}

static bool table_is_dropped(const dz_rules_ctx *x, const dz_table *t) {
  for (size_t i = 0; i < x->diff->changes.len; i++) {
    const dz_change *c = &x->diff->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_DROP && c->old_table == t) return true;
  }
  return false;
}

const dz_rename_candidate *dz_rules_candidate(const dz_rules_ctx *x, const char *table,
                                              const char *from) {
  for (size_t i = 0; i < x->diff->candidates.len; i++) {
    const dz_rename_candidate *rc = &x->diff->candidates.items[i];
    if ((rc->table == NULL) != (table == NULL)) continue;
    if (table && strcmp(rc->table, table) != 0) continue;
    if (strcmp(rc->from, from) == 0) return rc;
  }
  return NULL;
}

void dz_rules_add_rename_fix(const dz_rules_ctx *x, dz_finding *f, const dz_rename_candidate *rc) {
  if (!rc) return;
  dz_fix *fix;
  if (rc->table) {
    const dz_table *t = dz_schema_find_table(x->next, rc->table);
    const dz_column *col = t ? dz_table_find_column(t, rc->to) : NULL;
    dz_location loc = col ? dz_location_of(x->next, col->span) : dz_location_none();
    fix = dz_finding_add_fix(x->a, f, DZ_FIX_RENAME_COLUMN, loc, "Treat as a rename: %s.%s -> %s",
                             rc->table, rc->from, rc->to);
    fix->table = rc->table;
    fix->argument = dz_arena_printf(x->a, "--rename %s.%s=%s", rc->table, rc->from, rc->to);
  } else {
    const dz_table *t = dz_schema_find_table(x->next, rc->to);
    fix = dz_finding_add_fix(x->a, f, DZ_FIX_RENAME_TABLE, dz_table_location(x->next, t),
                             "Treat as a rename: table %s -> %s", rc->from, rc->to);
    fix->table = rc->to;
    fix->argument = dz_arena_printf(x->a, "--rename-table %s=%s", rc->from, rc->to);
  }
  fix->column = NULL;
  fix->from = rc->from;
  fix->to = rc->to;
}

/* ---- tables and views ---------------------------------------------------- */

static void index_on_new_table(const dz_rules_ctx *x, const dz_table *t, const dz_index *ix) {
  dz_finding_push(x->out, x->a, "index-on-new-table", DZ_RISK_SAFE, t->name, NULL,
                  dz_location_of(x->next, ix->span), "%sindex %s on new table %s",
                  ix->unique ? "unique " : "", ix->name, t->name);
}

static void table_created(const dz_rules_ctx *x, const dz_change *c) {
  const dz_table *t = c->new_table;
  dz_finding *f = dz_finding_push(x->out, x->a, "table-created", DZ_RISK_SAFE, t->name, NULL,
                                  dz_table_location(x->next, t), "new table %s (%zu columns)",
                                  t->name, t->columns.len);
  f->change = c;
  for (size_t i = 0; i < t->indexes.len; i++) index_on_new_table(x, t, t->indexes.items[i]);
}

static void table_dropped(const dz_rules_ctx *x, const dz_change *c) {
  const dz_table *t = c->old_table;
  dz_finding *f = dz_finding_push(
      x->out, x->a, "table-dropped", DZ_RISK_HIGH, t->name, NULL, dz_location_none(),
      "table %s is dropped: all its rows are deleted, and running code that still uses it fails",
      t->name);
  f->change = c;
  f->hint = "Deploy code that no longer uses the table first, and copy any data you need";
  dz_rules_add_rename_fix(x, f, dz_rules_candidate(x, NULL, t->name));
}

static void table_renamed(const dz_rules_ctx *x, const dz_change *c) {
  dz_finding *f = dz_finding_push(
      x->out, x->a, "table-renamed", DZ_RISK_HIGH, c->new_table->name, NULL,
      dz_table_location(x->next, c->new_table),
      "table %s is renamed to %s: running code that still uses %s fails until it is deployed",
      c->old_table->name, c->new_table->name, c->old_table->name);
  f->change = c;
  f->hint = "Deploy code that reads both names, or migrate during a maintenance window";
}

static void view_change(const dz_rules_ctx *x, const dz_change *c) {
  const dz_view *v = c->new_view ? c->new_view : c->old_view;
  dz_location loc = c->new_view ? dz_location_of(x->next, c->new_view->span) : dz_location_none();
  dz_finding *f;
  if (c->kind == DZ_CHANGE_VIEW_CREATE)
    f = dz_finding_push(x->out, x->a, "view-created", DZ_RISK_SAFE, v->name, NULL, loc,
                        "new view %s", v->name);
  else if (c->kind == DZ_CHANGE_VIEW_DROP)
    f = dz_finding_push(x->out, x->a, "view-dropped", DZ_RISK_HIGH, v->name, NULL, loc,
                        "view %s is dropped: running code that still reads it fails", v->name);
  else
    f = dz_finding_push(x->out, x->a, "view-changed", DZ_RISK_CAREFUL, v->name, NULL, loc,
                        "view %s is redefined (dropped and created): its columns or rows may "
                        "differ from what running code expects", v->name);
  f->change = c;
}

static void table_change(const dz_rules_ctx *x, const dz_change *c) {
  switch (c->kind) {
    case DZ_CHANGE_TABLE_CREATE: table_created(x, c); break;
    case DZ_CHANGE_TABLE_DROP: table_dropped(x, c); break;
    case DZ_CHANGE_TABLE_RENAME: table_renamed(x, c); break;
    default: view_change(x, c); break;
  }
}

/* Changes inside a created or dropped table are part of that table's
** finding (the diff may or may not list them). */
static bool inside_created_or_dropped(const dz_rules_ctx *x, const dz_change *c) {
  if (c->kind <= DZ_CHANGE_TABLE_RENAME || c->kind >= DZ_CHANGE_VIEW_CREATE) return false;
  if (c->new_table && dz_rules_table_is_new(x, c->new_table)) return true;
  return !c->new_table && c->old_table && table_is_dropped(x, c->old_table);
}

/* ---- rename candidates ---------------------------------------------------- */

static void rename_candidate(const dz_rules_ctx *x, const dz_rename_candidate *rc) {
  dz_finding *f;
  if (rc->table) {
    const dz_table *t = dz_schema_find_table(x->next, rc->table);
    const dz_column *col = t ? dz_table_find_column(t, rc->to) : NULL;
    f = dz_finding_push(x->out, x->a, "rename-candidate", DZ_RISK_HIGH, rc->table, rc->to,
                        col ? dz_location_of(x->next, col->span) : dz_table_location(x->next, t),
                        "column %s.%s is gone and %s.%s is new: either a rename (running code "
                        "still uses %s) or a drop that deletes its values and an add; "
                        "drizzle-lsp does not guess",
                        rc->table, rc->from, rc->table, rc->to, rc->from);
  } else {
    const dz_table *t = dz_schema_find_table(x->next, rc->to);
    f = dz_finding_push(x->out, x->a, "rename-candidate", DZ_RISK_HIGH, rc->to, NULL,
                        dz_table_location(x->next, t),
                        "table %s is gone and table %s is new: either a rename (running code "
                        "still uses %s) or a drop that deletes its rows and a create; "
                        "drizzle-lsp does not guess",
                        rc->from, rc->to, rc->from);
  }
  f->hint = "Say which it is when generating: --rename / --rename-table for a rename";
  dz_rules_add_rename_fix(x, f, rc);
}

/* ---- rebuilds ------------------------------------------------------------- */

/* ---- driver --------------------------------------------------------------- */

static void evaluate_change(const dz_rules_ctx *x, const dz_change *c) {
  if (inside_created_or_dropped(x, c)) return;
  switch (c->kind) {
    case DZ_CHANGE_TABLE_CREATE:
    case DZ_CHANGE_TABLE_DROP:
    case DZ_CHANGE_TABLE_RENAME:
    case DZ_CHANGE_VIEW_CREATE:
    case DZ_CHANGE_VIEW_DROP:
    case DZ_CHANGE_VIEW_ALTER: table_change(x, c); break;
    case DZ_CHANGE_COLUMN_ADD:
    case DZ_CHANGE_COLUMN_DROP:
    case DZ_CHANGE_COLUMN_RENAME:
    case DZ_CHANGE_COLUMN_ALTER: dz_rules_column_change(x, c); break;
    default: dz_rules_constraint_change(x, c); break;
  }
}

dz_result dz_rules_evaluate(const dz_schema *prev, const dz_schema *next, const dz_diff *diff,
                            const dz_sql_plan *plan, dz_arena *a, dz_findings **out,
                            dz_error *err) {
  if (!next || !diff || !plan || !a || !out)
    return dz_error_set(err, DZ_ERR_USAGE,
                        "rules: the schema, the diff, its SQL plan and an arena are required");
  dz_findings *list = dz_arena_alloc(a, sizeof *list);
  dz_rules_ctx x = {prev, next, diff, plan, a, list};
  for (size_t i = 0; i < diff->changes.len; i++) evaluate_change(&x, &diff->changes.items[i]);
  for (size_t i = 0; i < diff->candidates.len; i++)
    rename_candidate(&x, &diff->candidates.items[i]);
  dz_rules_rebuilds(&x);
  *out = list;
  return DZ_OK;
}
