/*
** rules_columns.c — the column rules: added, dropped, renamed and altered
** columns of tables that already exist (rules.h, docs/rules.md).
*/
#include "rules_build.h"

#include "drizzle_lsp/dates.h"

#include <string.h>

#include <strings.h>

static const char *default_text(const dz_default *d) {
  return d->kind == DZ_DEFAULT_NONE ? "none" : d->text;
}

/* SQLite refuses ALTER TABLE ADD COLUMN with CURRENT_TIME/DATE/TIMESTAMP or
** a parenthesised expression as default once the table has rows. */
static bool default_is_non_constant(const dz_default *d) {
  if (d->kind != DZ_DEFAULT_SQL || !d->text) return false;
  return d->text[0] == '(' || strncasecmp(d->text, "CURRENT_", 8) == 0;
}

static dz_location column_location(const dz_rules_ctx *x, const dz_change *c) {
  if (c->new_column) {
    dz_location l = dz_location_of(x->next, c->new_column->span);
    if (l.file) return l;
  }
  return dz_table_location(x->next, c->new_table);
}

static dz_finding *column_finding(const dz_rules_ctx *x, const dz_change *c, const char *rule,
                                  dz_risk risk, const char *message) {
  const dz_column *col = c->new_column ? c->new_column : c->old_column;
  const dz_table *t = c->new_table ? c->new_table : c->old_table;
  dz_finding *f = dz_finding_push(x->out, x->a, rule, risk, t->name, col->name,
                                  column_location(x, c), "%s", message);
  f->change = c;
  return f;
}

static void add_default_fix(const dz_rules_ctx *x, dz_finding *f, const dz_change *c) {
  const char *value = dz_rules_default_suggestion(c->new_column->type);
  if (!value) return;
  dz_fix *fix = dz_finding_add_fix(x->a, f, DZ_FIX_ADD_DEFAULT, column_location(x, c),
                                   "Add a default to %s.%s", f->table, f->column);
  fix->value = value;
}

static void make_nullable_fix(const dz_rules_ctx *x, dz_finding *f, const dz_change *c) {
  dz_finding_add_fix(x->a, f, DZ_FIX_MAKE_NULLABLE, column_location(x, c),
                     "Keep %s.%s nullable (remove .notNull())", f->table, f->column);
}

static void stored_generated(const dz_rules_ctx *x, const dz_change *c, const char *t,
                             const char *col) {
  dz_finding *f = column_finding(
      x, c, "stored-generated-column", DZ_RISK_HIGH,
      dz_arena_printf(x->a, "column %s.%s becomes a STORED generated column on an existing "
                      "table: SQLite cannot add one with ALTER TABLE (\"cannot add a STORED "
                      "column\"), and drizzle-kit writes no SQL for it, so the column never "
                      "reaches the database; drizzle-lsp's migration rebuilds the table instead",
                      t, col));
  f->hint = "Generate with drizzle-lsp generate (it rebuilds the table and computes the column "
            "for every row), or use a VIRTUAL generated column";
}

/* The value existing rows get from col's default, as the migration's SQL
** writes it: a Date default on a timestamp column is the integer drizzle-orm
** stores (dates.h), not drizzle-kit's quoted text. */
static const char *default_value(const dz_rules_ctx *x, const dz_column *col) {
  double ms;
  dz_date_unit unit = dz_date_unit_of_mode(col->mode);
  if (unit == DZ_DATE_UNIT_NONE || !col->type || strcmp(col->type, "integer") != 0 ||
      !dz_date_default_ms(&col->def, &ms))
    return col->def.text;
  return dz_arena_printf(x->a, "%s (the Date %s)", dz_date_stored(x->a, ms, unit),
                         dz_iso_date(x->a, ms));
}

/* A NOT NULL column without a default, or one SQLite refuses to add. */
static void added_blocked(const dz_rules_ctx *x, const dz_change *c, const char *t,
                          const char *n) {
  const dz_column *col = c->new_column;
  dz_finding *f;
  if (col->not_null && col->def.kind == DZ_DEFAULT_NONE) {
    f = column_finding(x, c, "column-added-not-null-no-default", DZ_RISK_HIGH,
                       dz_arena_printf(x->a, "column %s.%s is added NOT NULL without a default: "
                                       "the migration fails on a table that has rows, and "
                                       "running code that inserts without it fails", t, n));
    f->hint = "Add a default, or add the column nullable, backfill it, then make it NOT NULL";
    add_default_fix(x, f, c);
    make_nullable_fix(x, f, c);
    return;
  }
  f = column_finding(x, c, "column-added-non-constant-default", DZ_RISK_HIGH,
                     dz_arena_printf(x->a, "column %s.%s is added with the non-constant default "
                                     "%s: SQLite refuses ALTER TABLE ADD COLUMN with it once "
                                     "the table has rows (\"Cannot add a column with "
                                     "non-constant default\")", t, n, col->def.text));
  f->hint = "Add it with a constant default (or none) and set values with an UPDATE";
}

static void column_added(const dz_rules_ctx *x, const dz_change *c) {
  const dz_column *col = c->new_column;
  const char *t = c->new_table->name, *n = col->name;
  if (col->generated == DZ_GENERATED_STORED)
    stored_generated(x, c, t, n);
  else if (col->generated == DZ_GENERATED_VIRTUAL)
    column_finding(x, c, "column-added-nullable", DZ_RISK_SAFE,
                   dz_arena_printf(x->a, "new virtual generated column %s.%s (computed as %s)", t,
                                   n, col->generated_as ? col->generated_as : "an expression"));
  else if (col->primary_key)
    column_finding(x, c, "primary-key-changed", DZ_RISK_HIGH,
                   dz_arena_printf(x->a, "column %s.%s is added as the primary key: the table "
                                   "is rebuilt and every existing row needs a unique, non-null "
                                   "value", t, n));
  else if ((col->not_null && col->def.kind == DZ_DEFAULT_NONE) ||
           default_is_non_constant(&col->def))
    added_blocked(x, c, t, n);
  else if (col->not_null)
    column_finding(x, c, "column-added-not-null-default", DZ_RISK_CAREFUL,
                   dz_arena_printf(x->a, "column %s.%s is added NOT NULL with default %s: every "
                                   "existing row gets that value", t, n, default_value(x, col)));
  else
    column_finding(x, c, "column-added-nullable", DZ_RISK_SAFE,
                   dz_arena_printf(x->a, "new nullable column %s.%s (existing rows get %s)", t, n,
                                   col->def.kind == DZ_DEFAULT_NONE ? "NULL" : default_value(x, col)));
}

static void column_dropped(const dz_rules_ctx *x, const dz_change *c) {
  const char *t = c->new_table ? c->new_table->name : c->old_table->name;
  const char *n = c->old_column->name;
  dz_finding *f = column_finding(
      x, c, "column-dropped", DZ_RISK_HIGH,
      dz_arena_printf(x->a, "column %s.%s is dropped: its values are deleted, and running "
                      "code that still reads or writes it fails", t, n));
  f->hint = "Deploy code that no longer uses the column first, and copy any data you need";
  dz_rules_add_rename_fix(x, f, dz_rules_candidate(x, t, n));
}

static void column_renamed(const dz_rules_ctx *x, const dz_change *c) {
  const char *t = c->new_table->name;
  dz_finding *f = column_finding(
      x, c, "column-renamed", DZ_RISK_HIGH,
      dz_arena_printf(x->a, "column %s.%s is renamed to %s: running code that still uses %s "
                      "fails until it is deployed", t, c->old_column->name,
                      c->new_column->name, c->old_column->name));
  f->hint = "Add the new column and keep writing both until no running code reads the old one";
}

static void type_changed(const dz_rules_ctx *x, const dz_change *c, const char *t, const char *n) {
  const char *from = c->old_column->type, *to = c->new_column->type;
  if (dz_type_change_compatible(from, to)) {
    column_finding(x, c, "column-type-compatible", DZ_RISK_CAREFUL,
                   dz_arena_printf(x->a, "column %s.%s changes type from %s to %s: values are "
                                   "kept, but the table is rebuilt and readers see the new "
                                   "type", t, n, from, to));
    return;
  }
  dz_finding *f = column_finding(
      x, c, "column-type-incompatible", DZ_RISK_HIGH,
      dz_arena_printf(x->a, "column %s.%s changes type from %s to %s: SQLite converts what "
                      "it can and keeps the rest as they were, so values change or no longer "
                      "match the type running code expects", t, n, from, to));
  f->hint = "Add a new column of the new type, backfill it, switch code over, then drop the old";
  dz_fix *fix = dz_finding_add_fix(x->a, f, DZ_FIX_KEEP_OLD_TYPE, column_location(x, c),
                                   "Keep %s.%s as %s", t, n, from);
  fix->value = from;
}

static void not_null_changed(const dz_rules_ctx *x, const dz_change *c, const char *t,
                             const char *n) {
  if (!c->new_column->not_null) {
    column_finding(x, c, "column-not-null-dropped", DZ_RISK_SAFE,
                   dz_arena_printf(x->a, "column %s.%s becomes nullable", t, n));
    return;
  }
  dz_finding *f = column_finding(
      x, c, "column-set-not-null", DZ_RISK_HIGH,
      dz_arena_printf(x->a, "column %s.%s becomes NOT NULL: the rebuild copies every row, "
                      "and one NULL in it makes the migration fail", t, n));
  f->hint = "Backfill the NULLs (UPDATE ... WHERE it IS NULL) in an earlier migration";
  make_nullable_fix(x, f, c);
}

static void column_altered(const dz_rules_ctx *x, const dz_change *c) {
  const char *t = c->new_table->name, *n = c->new_column->name;
  const dz_column *o = c->old_column, *nc = c->new_column;
  unsigned bits = c->altered;
  if (bits & DZ_ALTER_TYPE) type_changed(x, c, t, n);
  if (bits & DZ_ALTER_NOT_NULL) not_null_changed(x, c, t, n);
  if (bits & DZ_ALTER_DEFAULT)
    column_finding(x, c, "column-default-changed", DZ_RISK_SAFE,
                   dz_arena_printf(x->a, "default of %s.%s changes from %s to %s: only rows "
                                   "inserted from now on get it", t, n, default_text(&o->def),
                                   default_text(&nc->def)));
  if (bits & DZ_ALTER_PRIMARY_KEY)
    column_finding(x, c, "primary-key-changed", DZ_RISK_HIGH,
                   dz_arena_printf(x->a, "column %s.%s %s the primary key: rows are identified "
                                   "differently, references and upserts that rely on it break",
                                   t, n, nc->primary_key ? "becomes" : "is no longer"));
  if (bits & DZ_ALTER_AUTOINCREMENT)
    column_finding(x, c, "column-autoincrement-changed", DZ_RISK_CAREFUL,
                   dz_arena_printf(x->a, "column %s.%s %s AUTOINCREMENT: whether deleted ids "
                                   "can be reused changes", t, n,
                                   nc->autoincrement ? "gains" : "loses"));
  if ((bits & DZ_ALTER_GENERATED) && nc->generated == DZ_GENERATED_STORED)
    stored_generated(x, c, t, n);
  else if (bits & DZ_ALTER_GENERATED)
    column_finding(x, c, "column-generated-changed", DZ_RISK_CAREFUL,
                   dz_arena_printf(x->a, "generated column %s.%s changes: it is dropped and "
                                   "added again, after the table's other columns", t, n));
}

void dz_rules_column_change(const dz_rules_ctx *x, const dz_change *c) {
  switch (c->kind) {
    case DZ_CHANGE_COLUMN_ADD: column_added(x, c); break;
    case DZ_CHANGE_COLUMN_DROP: column_dropped(x, c); break;
    case DZ_CHANGE_COLUMN_RENAME: column_renamed(x, c); break;
    default: column_altered(x, c); break;
  }
}
