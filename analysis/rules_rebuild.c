/*
** rules_rebuild.c — which changes make a migration rebuild a table (create
** "__new_<table>", copy the rows, drop the old table, rename), following
** drizzle-kit 0.31's SQLite and libSQL statement combiners: SQLite cannot
** alter a column or a constraint in place, libSQL can alter a column that is
** neither a primary key nor part of a foreign key.
*/
#include "rules_build.h"

#include <string.h>

static const dz_table *change_table(const dz_change *c) {
  return c->new_table ? c->new_table : c->old_table;
}

static bool column_in_foreign_key(const dz_table *t, const char *column) {
  for (size_t i = 0; i < t->foreign_keys.len; i++) {
    const dz_foreign_key *fk = t->foreign_keys.items[i];
    for (size_t j = 0; j < fk->columns_from.len; j++)
      if (strcmp(fk->columns_from.items[j], column) == 0) return true;
  }
  return false;
}

/* Is `column` of table t added by this diff? */
static bool column_added(const dz_diff *d, const dz_table *t, const char *column) {
  for (size_t i = 0; i < d->changes.len; i++) {
    const dz_change *c = &d->changes.items[i];
    if (c->kind == DZ_CHANGE_COLUMN_ADD && c->new_table == t && c->new_column &&
        strcmp(c->new_column->name, column) == 0)
      return true;
  }
  return false;
}

static bool alter_rebuilds(const dz_change *c, dz_dialect dialect) {
  unsigned in_place = DZ_ALTER_TYPE | DZ_ALTER_NOT_NULL | DZ_ALTER_DEFAULT;
  unsigned always = DZ_ALTER_PRIMARY_KEY | DZ_ALTER_AUTOINCREMENT;
  if (c->altered & always) return true;
  if (!(c->altered & in_place)) return false; /* generated: drop and add */
  if (dialect != DZ_DIALECT_TURSO) return true;
  const dz_column *col = c->new_column;
  return col && (col->primary_key || column_in_foreign_key(c->new_table, col->name));
}

static bool fk_create_rebuilds(const dz_diff *d, const dz_change *c, dz_dialect dialect) {
  const dz_foreign_key *fk = c->new_fk;
  if (!fk) return true;
  bool single = fk->columns_from.len == 1;
  if (dialect == DZ_DIALECT_TURSO) return !single;
  /* SQLite: a one-column reference on a column added in the same migration
  ** goes into its ADD COLUMN ... REFERENCES clause. */
  return !(single && column_added(d, c->new_table, fk->columns_from.items[0]));
}

bool dz_rules_change_rebuilds(const dz_diff *d, const dz_change *c, dz_dialect dialect) {
  switch (c->kind) {
    case DZ_CHANGE_COLUMN_ALTER: return alter_rebuilds(c, dialect);
    case DZ_CHANGE_COLUMN_ADD: return c->new_column && c->new_column->primary_key;
    case DZ_CHANGE_FOREIGN_KEY_CREATE: return fk_create_rebuilds(d, c, dialect);
    case DZ_CHANGE_FOREIGN_KEY_DROP:
    case DZ_CHANGE_FOREIGN_KEY_ALTER:
    case DZ_CHANGE_PRIMARY_KEY_CREATE:
    case DZ_CHANGE_PRIMARY_KEY_DROP:
    case DZ_CHANGE_PRIMARY_KEY_ALTER:
    case DZ_CHANGE_CHECK_CREATE:
    case DZ_CHANGE_CHECK_DROP:
    case DZ_CHANGE_CHECK_ALTER: return true;
    case DZ_CHANGE_UNIQUE_CREATE:
    case DZ_CHANGE_UNIQUE_DROP:
    case DZ_CHANGE_UNIQUE_ALTER: return dialect != DZ_DIALECT_TURSO;
    default: return false;
  }
}

/* What a change does, for a rebuild reason ("users.age: type changed"). */
static const char *change_phrase(const dz_change *c) {
  switch (c->kind) {
    case DZ_CHANGE_COLUMN_ALTER:
      if (c->altered & DZ_ALTER_PRIMARY_KEY) return "primary key changed";
      if (c->altered & DZ_ALTER_TYPE) return "type changed";
      if (c->altered & DZ_ALTER_NOT_NULL) return "NOT NULL changed";
      if (c->altered & DZ_ALTER_AUTOINCREMENT) return "autoincrement changed";
      return "default changed";
    case DZ_CHANGE_COLUMN_ADD: return "added as primary key";
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
  const dz_table *t = change_table(c);
  const dz_column *col = c->new_column ? c->new_column : c->old_column;
  if (col) return dz_arena_printf(a, "%s.%s: %s", t->name, col->name, change_phrase(c));
  return dz_arena_printf(a, "%s: %s", t->name, change_phrase(c));
}

bool dz_rules_table_rebuilt(const dz_diff *diff, const dz_table *table, dz_dialect dialect,
                            dz_arena *a, dz_strvec *reasons) {
  bool rebuilt = false;
  for (size_t i = 0; i < diff->changes.len; i++) {
    const dz_change *c = &diff->changes.items[i];
    if (c->new_table != table || c->kind == DZ_CHANGE_TABLE_CREATE) continue;
    if (!dz_rules_change_rebuilds(diff, c, dialect)) continue;
    rebuilt = true;
    if (!reasons) break;
    dz_vec_push(a, reasons, reason_of(c, a));
  }
  return rebuilt;
}
