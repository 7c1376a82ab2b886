/*
** sqlgen_sqlite.h — the SQLite/Turso statement writer's inner parts, private
** to analysis/: the plan of operations (sqlgen_sqlite.c builds and combines
** them the way drizzle-kit does) and their SQL text (sqlgen_sqlite_text.c).
*/
#ifndef DZ_SQLGEN_SQLITE_H
#define DZ_SQLGEN_SQLITE_H

#include <sqlite3.h>
#include <string.h>

#include "sqlgen_dialect.h"

static inline bool dz_streq(const char *x, const char *y) {
  if (!x || !y) return x == y;
  return strcmp(x, y) == 0;
}

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
  /* DZ_OP_RECREATE: the ops of its group that run before it, and the
  ** changes that need the rebuild. */
  dz_op **prior;
  size_t n_prior;
  DZ_VEC(const dz_change *) causes;
};

typedef DZ_VEC(dz_op *) dz_ops;

/* Append the SQL of one op to ctx->out. */
void dz_sqlite_write_op(dz_sqlgen_ctx *ctx, const dz_op *op);
void dz_sqlite_write_rebuild(dz_sqlgen_ctx *ctx, const dz_op *op);

/* One statement being written (sqlgen_sqlite_text.c): text in s, and what
** needed fixing in drizzle-kit's spelling of it. */
typedef struct dz_sqlw {
  dz_sqlgen_ctx *ctx;
  sqlite3_str *s;
  bool escaped;       /* an identifier needed escaping: drizzle-kit's text would not parse */
  bool fixed_default; /* a default's quote needed escaping (same) */
  bool repointed;     /* a rebuilt check names its table escaped: drizzle-kit's misses it */
  const char *date_note; /* Date defaults written as drizzle-orm stores them: which, how */
  const char *date_kit;  /* the first one's text as drizzle-kit writes it */
} dz_sqlw;

void dz_sqlw_begin(dz_sqlw *w, dz_sqlgen_ctx *ctx);
/* Finish and append the statement; reason (or the escaping note) marks it. */
void dz_sqlw_emit(dz_sqlw *w, const dz_change *c, const char *reason);
void dz_sqlw_bt(dz_sqlw *w, const char *name); /* `name`, backticks doubled */
void dz_sqlw_dq(dz_sqlw *w, const char *name); /* "name", quotes doubled */
void dz_sqlw_put(dz_sqlw *w, const char *text);
/* pre `name` [mid `name2`] post, as one statement. */
void dz_sqlw_simple(dz_sqlgen_ctx *ctx, const dz_change *change, const char *reason,
                    const char *pre, const char *name, const char *mid, const char *name2,
                    const char *post);
/* CREATE TABLE; rebuild_of names the table when this is its __new_ copy. */
void dz_sqlw_create_table(dz_sqlw *w, const char *name, const dz_table *t,
                          const char *rebuild_of);

/* Statements de-duplication must leave alone: the ones that save and
** restore rows around a rebuild (each rebuild needs its own). */
bool dz_sqlite_keeps_rows(const dz_sql_stmt *st);

/* True when drizzle-kit would rebuild t for a change of column c on Turso:
** the column is in a foreign key or is the primary key. */
bool dz_sqlite_turso_column_needs_rebuild(const dz_table *t, const dz_column *c);

#endif /* DZ_SQLGEN_SQLITE_H */
