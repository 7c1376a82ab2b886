/*
** impact.h — what the pending changes would do to the rows of a development
** database: real figures on findings (rows a drop discards, NULLs that block
** a NOT NULL, duplicates that block a UNIQUE, orphans that block a foreign
** key, rows that violate a check), and a timed dry run of the migration's SQL
** on an in-memory copy, inside a transaction with foreign keys on, as
** drizzle-orm's migrator runs it.
**
** The database is only ever opened read-only (SQLITE_OPEN_READONLY,
** mode=ro); it is never written. The database is expected to be at the last
** snapshot's schema; where a table or column a query needs is missing, the
** finding says so in figures_note instead of carrying a figure.
*/
#ifndef DZ_IMPACT_H
#define DZ_IMPACT_H

#include "drizzle_lsp/rules.h"

/* Measure every finding of f that has a figure to measure, adding dz_figure
** entries (or a figures_note) allocated in a. next is the current schema
** (for the foreign keys that reference a rebuilt table). A database that
** cannot be opened or read is DZ_ERR_SQLITE naming the path; a query that
** fails on one finding leaves a note on that finding and goes on. */
dz_result dz_impact_measure(const char *db_path, const dz_schema *next, dz_findings *f,
                            dz_arena *a, dz_error *err);

/* A table that has fewer rows after the dry run than before (a cascade
** delete, a rebuild that lost rows); dropped tables are not listed. */
typedef struct dz_row_loss {
  const char *table;
  int64_t before, after;
} dz_row_loss;

typedef struct dz_dry_run {
  bool ok;                 /* every statement ran and COMMIT succeeded */
  double ms;               /* wall time from BEGIN to COMMIT (or the failure) */
  size_t executed;         /* statements run, counting a failing one */
  size_t total;            /* statements given */
  const char *failed_sql;  /* the statement that failed (or "COMMIT"), NULL when ok */
  const char *error;       /* SQLite's message for it, NULL when ok */
  int64_t fk_violations;   /* rows PRAGMA foreign_key_check reports after COMMIT */
  DZ_VEC(dz_row_loss) losses;
} dz_dry_run;

/* Copy the database at db_path into memory (sqlite3_backup), then apply
** stmts[0..n) there the way drizzle-orm's SQLite migrator does: foreign keys
** on, BEGIN, each statement, COMMIT (ROLLBACK on failure). The result is
** written to *out, strings in a. A failing statement is a result
** (out->ok false), not an error; only a database that cannot be opened or
** copied is DZ_ERR_SQLITE naming the path. */
dz_result dz_impact_dry_run(const char *db_path, const char *const *stmts, size_t n, dz_arena *a,
                            dz_dry_run *out, dz_error *err);

#endif /* DZ_IMPACT_H */
