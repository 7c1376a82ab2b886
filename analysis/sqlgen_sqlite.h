/*
** sqlgen_sqlite.h — the SQLite/Turso statement writer's inner parts, private
** to analysis/: the plan of operations (sqlgen_sqlite.c builds and combines
** them the way drizzle-kit does) and their SQL text (sqlgen_sqlite_text.c).
*/
#ifndef DZ_SQLGEN_SQLITE_H
#define DZ_SQLGEN_SQLITE_H

#include "sqlgen_dialect.h"

/* drizzle-kit's JSON statement kinds, in the order its differ lists them. */
typedef enum dz_op_kind {
  DZ_OP_CREATE_TABLE,
  DZ_OP_DROP_TABLE,
  DZ_OP_RENAME_TABLE,
  DZ_OP_RENAME_COLUMN,
  DZ_OP_DROP_REF,
  DZ_OP_DROP_CHECK,
  DZ_OP_DROP_INDEX,
  DZ_OP_DROP_PK,
  DZ_OP_ALTER_COLUMN,
  DZ_OP_ADD_PK,
  DZ_OP_ADD_COLUMN,
  DZ_OP_CREATE_INDEX,
  DZ_OP_CREATE_CHECK,
  DZ_OP_CREATE_REF,
  DZ_OP_DROP_COLUMN,
  DZ_OP_ALTER_PK,
  DZ_OP_DROP_VIEW,
  DZ_OP_CREATE_VIEW,
  DZ_OP_RECREATE
} dz_op_kind;

/* What an DZ_OP_ALTER_COLUMN does. */
typedef enum dz_alter_op {
  DZ_AL_SET_AUTOINC,
  DZ_AL_DROP_AUTOINC,
  DZ_AL_SET_TYPE,
  DZ_AL_DROP_PK,
  DZ_AL_SET_DEFAULT,
  DZ_AL_DROP_DEFAULT,
  DZ_AL_SET_NOTNULL,
  DZ_AL_DROP_NOTNULL,
  DZ_AL_SET_GENERATED,
  DZ_AL_ALTER_GENERATED,
  DZ_AL_DROP_GENERATED,
  DZ_AL_SET_PK
} dz_alter_op;

typedef struct dz_op dz_op;
struct dz_op {
  dz_op_kind kind;
  dz_alter_op alter;
  const char *table;          /* the group key: the table's new name; NULL for views */
  const dz_change *change;
  const dz_table *table_next; /* new-side table (create, recreate, index) */
  const dz_table *table_prev; /* old-side table (recreate: what is copied) */
  const dz_column *column;
  const dz_index *index;
  bool index_expressions;     /* write expression parts raw (drizzle-kit does only
                              ** outside a rebuild) */
  const dz_foreign_key *fk;   /* add column: the reference drizzle-kit inlines */
  const dz_view *view;
  const char *deviation;      /* why this op is not drizzle-kit's */
  /* DZ_OP_RECREATE: the ops of its group that run before it. */
  dz_op **prior;
  size_t n_prior;
};

typedef DZ_VEC(dz_op *) dz_ops;

/* Append the SQL of one op to ctx->out. ops is the whole combined plan (a
** rebuild looks at what ran before it). */
void dz_sqlite_write_op(dz_sqlgen_ctx *ctx, const dz_op *op);

/* Statements de-duplication must leave alone: the ones that save and
** restore rows around a rebuild (each rebuild needs its own). */
bool dz_sqlite_keeps_rows(const dz_sql_stmt *st);

/* True when drizzle-kit would rebuild t for a change of column c on Turso:
** the column is in a foreign key or is the primary key. */
bool dz_sqlite_turso_column_needs_rebuild(const dz_table *t, const dz_column *c);

#endif /* DZ_SQLGEN_SQLITE_H */
