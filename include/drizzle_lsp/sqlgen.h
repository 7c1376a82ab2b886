/*
** sqlgen.h — from a diff to the SQL of a migration: the forward statements
** (the ones drizzle-kit 0.31 writes, in its order and shape, except where its
** SQL loses data or fails — those statements are marked and say why), the
** rollback statements, and the data a rollback cannot bring back.
**
** Dialect-specific text lives behind one interface (analysis/sqlgen_*.c);
** SQLite and Turso/libSQL are implemented.
*/
#ifndef DZ_SQLGEN_H
#define DZ_SQLGEN_H

#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/model.h"

/* One statement of a migration file. */
typedef struct dz_sql_stmt {
  const char *sql;        /* the statement as drizzle-kit spells it, no comment */
  const char *deviation;  /* NULL when drizzle-kit writes this statement too;
                          ** otherwise why drizzle-lsp writes it differently
                          ** (also written as an SQL comment above it) */
  const dz_change *change;/* the change it came from; NULL for housekeeping
                          ** (PRAGMA, temporary copies) */
  /* Every change the statement serves: a rebuild's statements serve all the
  ** changes of its table that it absorbed (for hover: a change's SQL is every
  ** statement listing it). Empty for housekeeping outside a rebuild. */
  const dz_change *const *changes;
  size_t n_changes;
} dz_sql_stmt;

typedef DZ_VEC(dz_sql_stmt) dz_sql_stmts;

/* A table the forward SQL rebuilds (creates a copy, copies the rows, drops
** the old one, renames the copy), and the changes that make it do so. */
typedef struct dz_sql_rebuild {
  const char *table;              /* its new name */
  const dz_change *const *causes; /* each once, in the order the combiner met them */
  size_t n_causes;
} dz_sql_rebuild;

typedef DZ_VEC(dz_sql_rebuild) dz_sql_rebuilds;

typedef struct dz_sql_plan {
  dz_dialect dialect;
  dz_sql_stmts forward;
  dz_sql_stmts rollback;
  dz_strvec lost_on_rollback; /* data the migration drops, which its
                              ** rollback cannot restore */
  dz_strvec discarded_by_rollback; /* data the rollback drops (tables and
                              ** columns the migration added) */
  /* The tables the forward SQL rebuilds, in order: the combiner's own
  ** answer, which the rules report (rules.h) rather than decide again. */
  dz_sql_rebuilds rebuilds;
} dz_sql_plan;

/* Build the plan for prev -> next (prev NULL: an empty schema). diff must be
** dz_diff_schemas(prev, next, opt). Rename candidates left in diff are
** planned as the drop and the add they are: a caller that writes files
** (generate) must have asked about them first; a preview need not. Everything
** is allocated in a. */
dz_result dz_sqlgen_migration(const dz_diff *diff, const dz_schema *prev, const dz_schema *next,
                              dz_dialect dialect, dz_arena *a, dz_sql_plan **out, dz_error *err);

/* The rebuild of the table named table (its new name) in plan's forward
** SQL; NULL when the migration does not rebuild it. Borrowed from plan. */
const dz_sql_rebuild *dz_sql_plan_rebuild_of(const dz_sql_plan *plan, const char *table);

/* Is c one of the changes that make plan rebuild its table? */
bool dz_sql_plan_rebuild_cause(const dz_sql_plan *plan, const dz_change *c);

typedef enum dz_sql_direction { DZ_SQL_FORWARD, DZ_SQL_ROLLBACK } dz_sql_direction;

/* The text of the .sql (forward) or .down.sql (rollback) file: statements
** joined by "--> statement-breakpoint\n" (breakpoints) or by "\n", as
** drizzle-kit joins them, with a "-- drizzle-lsp: ..." comment line before a
** statement that deviates. The rollback starts with a comment that lists the
** data it cannot restore and the data it discards (an empty rollback is ""). Allocated in a. */
char *dz_sql_plan_text(const dz_sql_plan *plan, bool breakpoints, dz_sql_direction dir,
                       dz_arena *a);

#endif /* DZ_SQLGEN_H */
