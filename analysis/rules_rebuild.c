/*
** rules_rebuild.c — the table-rebuild findings. Which tables a migration
** rebuilds (create "__new_<table>", copy the rows, drop the old table,
** rename) is the SQL combiner's answer (sqlgen.h, dz_sql_plan.rebuilds):
** the rules report it, with the changes that caused it, rather than decide
** it a second time and risk disagreeing with the SQL that runs.
*/
#include "rules_build.h"

#include <string.h>

#include "drizzle_lsp/sqlgen.h"

/* What a change does, for a rebuild reason ("users.age: type changed"). */
static const char *change_phrase(const dz_change *c) {
  switch (c->kind) {
    case DZ_CHANGE_COLUMN_ALTER:
      if (c->altered & DZ_ALTER_PRIMARY_KEY) return "primary key changed";
      if (c->altered & DZ_ALTER_TYPE) return "type changed";
      if (c->altered & DZ_ALTER_NOT_NULL) return "NOT NULL changed";
      if (c->altered & DZ_ALTER_AUTOINCREMENT) return "autoincrement changed";
      if (c->altered & DZ_ALTER_GENERATED) return "generated expression changed";
      return "default changed";
    case DZ_CHANGE_COLUMN_ADD:
      if (c->new_column->primary_key) return "added as primary key";
      if (c->new_column->generated == DZ_GENERATED_STORED) return "added as a STORED generated column";
      return "added";
    case DZ_CHANGE_FOREIGN_KEY_CREATE: return "foreign key added";
    case DZ_CHANGE_FOREIGN_KEY_DROP: return "foreign key removed";
    case DZ_CHANGE_FOREIGN_KEY_ALTER: return "foreign key changed";
    case DZ_CHANGE_PRIMARY_KEY_CREATE:
    case DZ_CHANGE_PRIMARY_KEY_DROP:
    case DZ_CHANGE_PRIMARY_KEY_ALTER: return "composite primary key changed";
    case DZ_CHANGE_UNIQUE_CREATE:
    case DZ_CHANGE_UNIQUE_DROP:
    case DZ_CHANGE_UNIQUE_ALTER: return "unique constraint changed";
    default: return "check constraint changed";
  }
}

static const char *reason_of(const dz_change *c, dz_arena *a) {
  const dz_table *t = c->new_table ? c->new_table : c->old_table;
  const dz_column *col = c->new_column ? c->new_column : c->old_column;
  if (col) return dz_arena_printf(a, "%s.%s: %s", t->name, col->name, change_phrase(c));
  return dz_arena_printf(a, "%s: %s", t->name, change_phrase(c));
}

/* Foreign keys of existing tables of next that point at t. */
static size_t add_referencing_fks(const dz_rules_ctx *x, const dz_table *t, dz_finding *f) {
  size_t n = 0;
  for (size_t i = 0; i < x->next->tables.len; i++) {
    const dz_table *child = x->next->tables.items[i];
    if (dz_rules_table_is_new(x, child)) continue;
    for (size_t j = 0; j < child->foreign_keys.len; j++) {
      const dz_foreign_key *fk = child->foreign_keys.items[j];
      if (strcmp(fk->table_to, t->name) != 0) continue;
      const char *act = fk->on_delete ? fk->on_delete : "no action";
      dz_finding_add_related(x->a, f, dz_location_of(x->next, fk->span),
                             "%s references %s (on delete %s)", child->name, t->name, act);
      n++;
    }
  }
  return n;
}

static void table_rebuild(const dz_rules_ctx *x, const dz_sql_rebuild *rb) {
  const dz_table *t = dz_schema_find_table(x->next, rb->table);
  if (!t || dz_rules_table_is_new(x, t)) return;
  dz_strvec reasons = {0};
  for (size_t i = 0; i < rb->n_causes; i++) dz_vec_push(x->a, &reasons, reason_of(rb->causes[i], x->a));
  const char *why = reasons.len ? dz_rules_join(x->a, &reasons, "; ") : "of changes inside it";
  dz_location loc = dz_table_location(x->next, t);
  dz_finding *f = dz_finding_push(x->out, x->a, "table-rebuild", DZ_RISK_CAREFUL, t->name, NULL,
                                  loc, "table %s is rebuilt (copied to a new table, old one "
                                  "dropped) because %s; it takes time and locks the table",
                                  t->name, why);
  if (add_referencing_fks(x, t, f)) {
    f->rule = "table-rebuild-referenced";
    f->risk = DZ_RISK_HIGH;
    f->message = dz_arena_printf(
        x->a, "table %s is rebuilt because %s, and other tables reference it: inside "
        "drizzle-orm's migrator transaction PRAGMA foreign_keys=OFF does nothing, so dropping "
        "the old %s fails with FOREIGN KEY constraint failed, or deletes (cascade) or nulls "
        "(set null) the referencing rows", t->name, why, t->name);
    f->hint = "Generate with drizzle-lsp generate, which keeps the referencing rows, or "
              "rebuild with foreign keys off outside the migrator";
  }
}

void dz_rules_rebuilds(const dz_rules_ctx *x) {
  for (size_t i = 0; i < x->plan->rebuilds.len; i++) table_rebuild(x, &x->plan->rebuilds.items[i]);
}
