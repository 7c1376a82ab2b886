/*
** diff.h — what changed between two schema models (the last snapshot and the
** current schema), as a list of changes that rules, sqlgen and the editor all
** read. Renames are never guessed: they are applied only when the caller says
** so (dz_diff_options), and a drop and an add that could be a rename, with no
** answer given, are reported as candidates so that generate can stop and ask.
*/
#ifndef DZ_DIFF_H
#define DZ_DIFF_H

#include "drizzle_lsp/model.h"

typedef enum dz_change_kind {
  DZ_CHANGE_TABLE_CREATE,
  DZ_CHANGE_TABLE_DROP,
  DZ_CHANGE_TABLE_RENAME,
  DZ_CHANGE_COLUMN_ADD,
  DZ_CHANGE_COLUMN_DROP,
  DZ_CHANGE_COLUMN_RENAME,
  DZ_CHANGE_COLUMN_ALTER,      /* see dz_change.altered */
  DZ_CHANGE_INDEX_CREATE,
  DZ_CHANGE_INDEX_DROP,
  DZ_CHANGE_FOREIGN_KEY_CREATE,
  DZ_CHANGE_FOREIGN_KEY_DROP,
  DZ_CHANGE_FOREIGN_KEY_ALTER,
  DZ_CHANGE_PRIMARY_KEY_CREATE, /* composite primary keys */
  DZ_CHANGE_PRIMARY_KEY_DROP,
  DZ_CHANGE_PRIMARY_KEY_ALTER,
  DZ_CHANGE_UNIQUE_CREATE,
  DZ_CHANGE_UNIQUE_DROP,
  DZ_CHANGE_UNIQUE_ALTER,
  DZ_CHANGE_CHECK_CREATE,
  DZ_CHANGE_CHECK_DROP,
  DZ_CHANGE_CHECK_ALTER,
  DZ_CHANGE_VIEW_CREATE,
  DZ_CHANGE_VIEW_DROP,
  DZ_CHANGE_VIEW_ALTER
} dz_change_kind;

/* Bits of dz_change.altered for DZ_CHANGE_COLUMN_ALTER. */
enum {
  DZ_ALTER_TYPE = 1 << 0,
  DZ_ALTER_NOT_NULL = 1 << 1,
  DZ_ALTER_DEFAULT = 1 << 2,
  DZ_ALTER_PRIMARY_KEY = 1 << 3,
  DZ_ALTER_AUTOINCREMENT = 1 << 4,
  DZ_ALTER_GENERATED = 1 << 5
};

/* One change. Pointers borrow from the two models (old_* from the previous
** schema, new_* from the current one); either may be NULL where the kind has
** no such side (a created table has no old_table). Changes inside a table
** carry both old_table and new_table (old_table under its previous name).
** An index whose definition changed under the same name is an INDEX_DROP and
** then an INDEX_CREATE that both carry old_index and new_index (drizzle-kit
** orders such "altered" indexes after plain drops and creates).
**
** Order follows drizzle-kit's differ: created tables in the new schema's
** order, dropped ones in the old order, then each surviving table in the
** old schema's order with its columns in the old order (added ones in the
** new order), then views. */
typedef struct dz_change {
  dz_change_kind kind;
  const dz_table *old_table, *new_table;
  const dz_column *old_column, *new_column;
  const dz_index *old_index, *new_index;
  const dz_foreign_key *old_fk, *new_fk;
  const dz_primary_key *old_pk, *new_pk;
  const dz_unique *old_unique, *new_unique;
  const dz_check *old_check, *new_check;
  const dz_view *old_view, *new_view;
  unsigned altered;            /* DZ_ALTER_* bits for COLUMN_ALTER */
} dz_change;

/* A drop and an add that could be one rename; generate stops on these. */
typedef struct dz_rename_candidate {
  const char *table;           /* NULL for a table rename */
  const char *from, *to;
} dz_rename_candidate;

typedef struct dz_diff_options {
  /* "table.old=new" and "old=new" as given on the command line. */
  const char *const *column_renames;
  size_t n_column_renames;
  const char *const *table_renames;
  size_t n_table_renames;
} dz_diff_options;

typedef struct dz_diff {
  DZ_VEC(dz_change) changes;
  DZ_VEC(dz_rename_candidate) candidates;
} dz_diff;

/* Compare prev (NULL: an empty schema) with next. A rename option naming a
** table or column that does not exist is DZ_ERR_USAGE naming it. */
dz_result dz_diff_schemas(const dz_schema *prev, const dz_schema *next, const dz_diff_options *opt,
                          dz_arena *a, dz_diff **out, dz_error *err);

/* Record the diff's renames in next's renamed_tables / renamed_columns the
** way drizzle-kit's snapshot _meta spells them: "\"old\"" -> "\"new\"" for
** tables, "\"table\".\"old\"" -> "\"table\".\"new\"" for columns (table is
** the new table name). Strings are allocated in next's arena. */
void dz_diff_record_renames(const dz_diff *d, dz_schema *next);

/* A short stable name for a change kind ("column_add"). */
const char *dz_change_kind_name(dz_change_kind kind);

#endif /* DZ_DIFF_H */
