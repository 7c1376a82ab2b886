/*
** rules_constraints.c — the index and constraint rules (indexes, unique
** constraints, foreign keys, composite primary keys, checks) on tables that
** already exist (rules.h, docs/rules.md).
*/
#include "rules_build.h"

static char *join_columns(dz_arena *a, const dz_strvec *cols) {
  return dz_rules_join(a, cols, ", ");
}

/* The one column a single-column element is about, for the finding's column. */
static const char *sole_column(const dz_strvec *cols) {
  return cols->len == 1 ? cols->items[0] : NULL;
}

static dz_finding *push(const dz_rules_ctx *x, const dz_change *c, const char *rule, dz_risk risk,
                        const char *column, dz_span new_span, const char *message) {
  const dz_table *t = c->new_table ? c->new_table : c->old_table;
  dz_location loc = dz_location_of(x->next, new_span);
  if (!loc.file) loc = dz_table_location(x->next, c->new_table);
  dz_finding *f = dz_finding_push(x->out, x->a, rule, risk, t->name, column, loc, "%s", message);
  f->change = c;
  return f;
}

static void unique_created(const dz_rules_ctx *x, const dz_change *c, const char *what,
                           const char *name, const dz_strvec *cols, dz_span span) {
  const char *t = c->new_table->name;
  dz_finding *f = push(x, c, "unique-created", DZ_RISK_CAREFUL, sole_column(cols), span,
                       dz_arena_printf(x->a, "%s %s on %s (%s): the migration fails if existing "
                                       "rows hold duplicate values", what, name, t,
                                       join_columns(x->a, cols)));
  f->hint = "Find and resolve duplicates before migrating "
            "(SELECT ... GROUP BY ... HAVING count(*) > 1)";
}

static void index_created(const dz_rules_ctx *x, const dz_change *c) {
  const dz_index *ix = c->new_index;
  const char *what = c->old_index ? "changed" : "new";
  if (ix->unique) {
    unique_created(x, c, dz_arena_printf(x->a, "%s unique index", what), ix->name, &ix->columns,
                   ix->span);
    return;
  }
  push(x, c, "index-created", DZ_RISK_CAREFUL, sole_column(&ix->columns), ix->span,
       dz_arena_printf(x->a, "%s index %s on existing table %s (%s): building it reads every "
                       "row and blocks writes meanwhile", what, ix->name, c->new_table->name,
                       join_columns(x->a, &ix->columns)));
}

static void index_dropped(const dz_rules_ctx *x, const dz_change *c) {
  const dz_index *ix = c->old_index;
  if (c->new_index) return; /* the drop half of a changed index: its create reports it */
  const char *t = c->new_table ? c->new_table->name : c->old_table->name;
  if (ix->unique)
    push(x, c, "unique-dropped", DZ_RISK_CAREFUL, sole_column(&ix->columns), dz_span_none(),
         dz_arena_printf(x->a, "unique index %s on %s (%s) is dropped: duplicates become "
                         "possible, and upserts (ON CONFLICT) that target it fail", ix->name, t,
                         join_columns(x->a, &ix->columns)));
  else
    push(x, c, "index-dropped", DZ_RISK_SAFE, sole_column(&ix->columns), dz_span_none(),
         dz_arena_printf(x->a, "index %s on %s is dropped: queries that used it get slower",
                         ix->name, t));
}

static void foreign_key_change(const dz_rules_ctx *x, const dz_change *c) {
  const dz_foreign_key *fk = c->new_fk ? c->new_fk : c->old_fk;
  const char *t = c->new_table ? c->new_table->name : c->old_table->name;
  const char *cols = join_columns(x->a, &fk->columns_from);
  const char *col = sole_column(&fk->columns_from);
  dz_span span = c->new_fk ? c->new_fk->span : dz_span_none();
  dz_finding *f;
  if (c->kind == DZ_CHANGE_FOREIGN_KEY_CREATE) {
    f = push(x, c, "foreign-key-created", DZ_RISK_CAREFUL, col, span,
             dz_arena_printf(x->a, "new foreign key %s.(%s) -> %s: existing rows whose value "
                             "has no match in %s make the migration fail", t, cols, fk->table_to,
                             fk->table_to));
    f->hint = "Delete or fix orphaned rows before migrating";
  } else if (c->kind == DZ_CHANGE_FOREIGN_KEY_ALTER) {
    f = push(x, c, "foreign-key-changed", DZ_RISK_HIGH, col, span,
             dz_arena_printf(x->a, "foreign key %s.(%s) changes (now -> %s, on delete %s): "
                             "what a delete does to rows changes, and rows that do not match "
                             "the new reference fail the migration", t, cols, fk->table_to,
                             fk->on_delete ? fk->on_delete : "no action"));
  } else {
    f = push(x, c, "foreign-key-dropped", DZ_RISK_CAREFUL, col, span,
             dz_arena_printf(x->a, "foreign key %s.(%s) -> %s is dropped: the database stops "
                             "checking it and its ON DELETE action stops", t, cols, fk->table_to));
  }
  const dz_table *parent = dz_schema_find_table(x->next, fk->table_to);
  if (parent && c->kind != DZ_CHANGE_FOREIGN_KEY_DROP)
    dz_finding_add_related(x->a, f, dz_table_location(x->next, parent), "referenced table %s",
                           parent->name);
}

static void primary_key_change(const dz_rules_ctx *x, const dz_change *c) {
  const dz_primary_key *pk = c->new_pk ? c->new_pk : c->old_pk;
  const char *t = c->new_table ? c->new_table->name : c->old_table->name;
  dz_span span = c->new_pk ? c->new_pk->span : dz_span_none();
  push(x, c, "primary-key-changed", DZ_RISK_HIGH, NULL, span,
       dz_arena_printf(x->a, "composite primary key of %s (%s) %s: rows are identified "
                       "differently, and references and upserts that rely on it break", t,
                       join_columns(x->a, &pk->columns),
                       c->kind == DZ_CHANGE_PRIMARY_KEY_CREATE ? "is added"
                       : c->kind == DZ_CHANGE_PRIMARY_KEY_DROP ? "is dropped" : "changes"));
}

/* drizzle-kit 0.31 lists no SQLite statement for a unique constraint of the
** snapshot (it records unique() as a unique index), and a rebuilt table is
** written without unique constraints: only a rebuild for another reason
** touches one, and then only to drop it. Say what the database will hold. */
static const char *unique_unwritten(const dz_rules_ctx *x, const dz_change *c) {
  bool rebuilt = c->new_table && dz_sql_plan_rebuild_of(x->plan, c->new_table->name);
  if (c->kind == DZ_CHANGE_UNIQUE_DROP && rebuilt) return NULL;
  if (c->kind == DZ_CHANGE_UNIQUE_DROP)
    return "the migration writes no statement for it (nor does drizzle-kit), so the database "
           "keeps enforcing it until the table is rebuilt";
  return rebuilt ? "the migration rebuilds the table without it (as drizzle-kit does), so the "
                   "database drops it and does not enforce it"
                 : "the migration writes no statement for it (nor does drizzle-kit), so the "
                   "database does not enforce it";
}

static void unique_change(const dz_rules_ctx *x, const dz_change *c) {
  const dz_unique *u = c->new_unique ? c->new_unique : c->old_unique;
  const char *t = c->new_table ? c->new_table->name : c->old_table->name;
  const char *unwritten = unique_unwritten(x, c);
  if (!unwritten) {
    push(x, c, "unique-dropped", DZ_RISK_CAREFUL, sole_column(&u->columns), dz_span_none(),
         dz_arena_printf(x->a, "unique constraint %s on %s (%s) is dropped: duplicates become "
                         "possible, and upserts (ON CONFLICT) that target it fail", u->name, t,
                         join_columns(x->a, &u->columns)));
    return;
  }
  bool dropped = c->kind == DZ_CHANGE_UNIQUE_DROP;
  dz_finding *f = push(x, c, dropped ? "unique-dropped" : "unique-created", DZ_RISK_CAREFUL,
                       sole_column(&u->columns), dropped ? dz_span_none() : u->span,
                       dz_arena_printf(x->a, "unique constraint %s on %s (%s) %s the snapshot: %s",
                                       u->name, t, join_columns(x->a, &u->columns),
                                       dropped ? "leaves" : c->old_unique ? "changes in" : "enters",
                                       unwritten));
  /* Such a constraint comes from an older drizzle-kit or a hand edit. */
  f->hint = dropped ? "Nothing to do if it may stay enforced (a unique index from unique() on "
                      "the same columns enforces the same); it goes away when a later change "
                      "rebuilds the table"
                    : "Declare it with unique() or .unique() in the schema: drizzle-kit 0.31 "
                      "records that as a unique index, which the migration creates";
}

static void check_change(const dz_rules_ctx *x, const dz_change *c) {
  const char *t = c->new_table ? c->new_table->name : c->old_table->name;
  if (c->kind == DZ_CHANGE_CHECK_DROP) {
    push(x, c, "check-dropped", DZ_RISK_SAFE, NULL, dz_span_none(),
         dz_arena_printf(x->a, "check %s on %s is dropped: the database stops enforcing %s",
                         c->old_check->name, t, c->old_check->value));
    return;
  }
  const dz_check *ck = c->new_check;
  dz_finding *f = push(x, c, c->old_check ? "check-changed" : "check-created", DZ_RISK_CAREFUL,
                       NULL, ck->span,
                       dz_arena_printf(x->a, "%s check %s on %s (%s): existing rows that "
                                       "violate it make the migration fail",
                                       c->old_check ? "changed" : "new", ck->name, t, ck->value));
  f->hint = "Fix violating rows before migrating";
}

void dz_rules_constraint_change(const dz_rules_ctx *x, const dz_change *c) {
  switch (c->kind) {
    case DZ_CHANGE_INDEX_CREATE: index_created(x, c); break;
    case DZ_CHANGE_INDEX_DROP: index_dropped(x, c); break;
    case DZ_CHANGE_FOREIGN_KEY_CREATE:
    case DZ_CHANGE_FOREIGN_KEY_DROP:
    case DZ_CHANGE_FOREIGN_KEY_ALTER: foreign_key_change(x, c); break;
    case DZ_CHANGE_PRIMARY_KEY_CREATE:
    case DZ_CHANGE_PRIMARY_KEY_DROP:
    case DZ_CHANGE_PRIMARY_KEY_ALTER: primary_key_change(x, c); break;
    case DZ_CHANGE_UNIQUE_CREATE:
    case DZ_CHANGE_UNIQUE_DROP:
    case DZ_CHANGE_UNIQUE_ALTER: unique_change(x, c); break;
    default: check_change(x, c); break;
  }
}
