/*
** sqlgen_dialect.h — the one interface between the dialect-neutral SQL driver
** (sqlgen.c) and a dialect's statement writer (sqlgen_sqlite.c for SQLite and
** Turso/libSQL; PostgreSQL would add its own). Private to analysis/.
*/
#ifndef DZ_SQLGEN_DIALECT_H
#define DZ_SQLGEN_DIALECT_H

#include "drizzle_lsp/sqlgen.h"

typedef struct dz_sqlgen_ctx {
  const dz_diff *diff;
  const dz_schema *prev, *next; /* prev may be NULL (empty) */
  dz_dialect dialect;
  /* Rollback: correctness first (rebuild where a column would otherwise land
  ** in another position), no need to match drizzle-kit's statements. */
  bool strict;
  dz_arena *a;
  dz_sql_stmts *out;
  /* Writer's notes while it writes (start empty): tables the plan rebuilds
  ** (with their causes), and indexes it creates later than drizzle-kit would. */
  dz_sql_rebuilds rebuilds;
  DZ_VEC(const dz_index *) deferred;
  /* While a rebuild is written: the changes its statements serve. */
  const dz_change *const *cover;
  size_t n_cover;
} dz_sqlgen_ctx;

typedef struct dz_sql_dialect {
  const char *name;
  /* Append the statements for ctx->diff to ctx->out. */
  dz_result (*statements)(dz_sqlgen_ctx *ctx, dz_error *err);
} dz_sql_dialect;

/* SQLite and Turso/libSQL (one writer, two flavours). */
const dz_sql_dialect *dz_sql_dialect_sqlite(void);

/* The rebuild of table (new name) in v, or NULL. */
const dz_sql_rebuild *dz_sql_rebuilds_find(const dz_sql_rebuilds *v, const char *table);

/* Append one statement (sql copied into ctx->a); it serves change, or the
** rebuild's changes while ctx->cover is set. */
void dz_sqlgen_emit(dz_sqlgen_ctx *ctx, const dz_change *change, const char *sql,
                    const char *deviation);

#endif /* DZ_SQLGEN_DIALECT_H */
