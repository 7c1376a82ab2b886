/*
** verify.h — proving a migrations folder on a real SQLite database: each
** migration is replayed, in order, on an in-memory database the way
** drizzle-orm's migrator runs it (foreign keys enforced, inside a
** transaction, one statement per "--> statement-breakpoint" piece for
** SQLite's better-sqlite3 driver), and the
** resulting schema must equal that migration's snapshot. A rollback
** (<tag>.down.sql), when there is one, is applied next and must give back
** the previous snapshot's schema; the migration is then applied again so the
** replay goes on. A migration whose snapshot file is missing (migrations.h
** allows that before the last entry) is applied but not compared, and
** neither its rollback nor the next one's (whose "before" is that missing
** snapshot) can be checked.
*/
#ifndef DZ_VERIFY_H
#define DZ_VERIFY_H

#include <sqlite3.h>

#include "drizzle_lsp/migrations.h"

typedef enum dz_verify_status {
  DZ_VERIFY_OK,
  DZ_VERIFY_FAILED,
  DZ_VERIFY_SKIPPED,   /* an earlier migration's SQL failed, so this one was not run */
  DZ_VERIFY_UNCOMPARED /* applied, but it has no snapshot to compare with */
} dz_verify_status;

typedef struct dz_verify_step {
  const dz_migration *migration;
  dz_verify_status status;
  bool rollback_checked;  /* it has a .down.sql, and that was proven too */
  const char *rollback_unchecked; /* it has a .down.sql that could not be
                                     checked: why, one line; else NULL */
  const char *reason;     /* NULL when ok: what failed or why it was not
                             run or compared, one line */
  dz_strvec details;      /* the schema differences behind reason, one per line */
} dz_verify_step;

typedef struct dz_verify_report {
  DZ_VEC(dz_verify_step) steps;  /* one per migration, in journal order */
  size_t failures;
} dz_verify_report;

/* Replay ms on a fresh in-memory database. The report lives in a. Returns
** DZ_OK when the replay could be run (the report says whether it passed);
** DZ_ERR_SQLITE when no database could be opened. */
dz_result dz_verify_migrations(const dz_migrations *ms, dz_arena *a, dz_verify_report **out,
                               dz_error *err);

/* Run one migration file's text on db the way drizzle-orm's migrator does:
** split on breakpoints, each piece one statement (for DZ_DIALECT_TURSO, any
** number, and libSQL's ALTER COLUMN done as libSQL does it), all in one
** transaction (rolled back on failure). On failure (DZ_ERR_VERIFY), *failure (in a) says
** which statement failed and SQLite's message. */
dz_result dz_verify_apply(sqlite3 *db, const char *sql, dz_dialect dialect, dz_arena *a,
                          const char **failure);

/* dz_verify_apply's statements without its transaction, for a caller that
** holds one around several files (rollback undoes several migrations all or
** nothing). On failure (DZ_ERR_VERIFY) *failure is as above, and the caller
** rolls its transaction back. */
dz_result dz_verify_run(sqlite3 *db, const char *sql, dz_dialect dialect, dz_arena *a, const char **failure);

/* libSQL's `ALTER TABLE t ALTER COLUMN c TO <definition>` (libsql_alter.c):
** when piece is one, *handled is set and the column's definition in t's
** CREATE TABLE text is replaced, rows untouched, as libSQL does; otherwise
** nothing happens. On failure (DZ_ERR_VERIFY) *failure says why, in a. */
dz_result dz_libsql_alter_column(sqlite3 *db, const char *piece, dz_arena *a, bool *handled,
                                 const char **failure);

#endif /* DZ_VERIFY_H */
