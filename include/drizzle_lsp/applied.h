/*
** applied.h — which migrations a database has applied, read from the table
** drizzle-orm's SQLite migrator keeps (the config's migrations table, by
** default "__drizzle_migrations"), matched to the migrations folder's
** journal, and the problems drizzle-orm never checks.
**
** The migrator's table is (id SERIAL PRIMARY KEY, hash text NOT NULL,
** created_at numeric). SERIAL is no INTEGER to SQLite, so id stays NULL and
** rows are told apart by rowid. hash is the SHA-256 (hex) of the .sql file's
** text; created_at is the journal entry's `when`. The migrator takes the row
** with the largest created_at and applies every journal entry whose `when` is
** after it, so a row records the entry whose `when` equals its created_at,
** and an entry whose `when` is not after the newest row is never applied
** (drizzle-orm #5316, #5769); the hash is written but never compared.
*/
#ifndef DZ_APPLIED_H
#define DZ_APPLIED_H

#include <sqlite3.h>

#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/rules.h"

typedef struct dz_applied_row {
  int64_t rowid;
  const char *hash;               /* as recorded ("" for NULL) */
  const char *created_at;         /* as recorded, as text, for messages */
  bool has_when;                  /* created_at is a whole number (milliseconds) */
  int64_t when;
  const dz_migration *migration;  /* the journal entry it records; NULL when none */
} dz_applied_row;

typedef enum dz_applied_kind {
  DZ_APPLIED_SKIPPED, /* not applied, and the migrator never will: its `when` is not after the newest row's */
  DZ_APPLIED_EDITED,  /* applied, but its .sql file's SHA-256 is not the recorded one */
  DZ_APPLIED_UNKNOWN, /* a row that no journal entry accounts for */
  DZ_APPLIED_TWICE    /* a second row for an entry that already has one */
} dz_applied_kind;

typedef struct dz_applied_problem {
  dz_applied_kind kind;
  const dz_migration *migration;  /* NULL for UNKNOWN */
  const dz_applied_row *row;      /* NULL for SKIPPED */
  const char *message;            /* one line that says what is wrong and what to do */
} dz_applied_problem;

typedef struct dz_applied {
  const char *table;              /* the migrations table's name */
  bool table_exists;              /* false: the database has applied nothing yet */
  DZ_VEC(dz_applied_row) rows;    /* by created_at, then rowid: the order they were applied */
  const dz_applied_row **row_of;  /* per migration (ms->items order): its row, or NULL */
  const dz_applied_row *newest;   /* the row the migrator takes as the last one; NULL if none */
  DZ_VEC(dz_applied_problem) problems;
} dz_applied;

/* Read table from db and match its rows to ms. Everything is in a; db and ms
** are borrowed (rows and problems point into ms). A missing table is no
** error (table_exists false). A table without hash or created_at columns, or
** any failing query: DZ_ERR_SQLITE naming the table and SQLite's message. */
dz_result dz_applied_read(sqlite3 *db, const char *table, const dz_migrations *ms, dz_arena *a,
                          dz_applied **out, dz_error *err);

/* dz_applied_read on the database file db_path, opened read only. A missing
** file is DZ_ERR_NOT_FOUND naming it; one SQLite cannot open or read,
** DZ_ERR_SQLITE. This is the entry point for `check --db`. */
dz_result dz_applied_read_file(const char *db_path, const char *table, const dz_migrations *ms,
                               dz_arena *a, dz_applied **out, dz_error *err);

/* How many journal entries the migrator would apply next: those whose `when`
** is after the newest row's (all of them when nothing is applied). A
** database is at the folder's last snapshot when this is 0 and there are no
** problems. */
size_t dz_applied_pending(const dz_applied *ap, const dz_migrations *ms);

/* Is m one of those (ms->items' own element)? */
bool dz_applied_is_pending(const dz_applied *ap, const dz_migration *m);

/* One finding per problem of ap, appended to out (applied_findings.c):
** migration-skipped (high), migration-edited, migration-not-in-folder and
** migration-applied-twice (careful); docs/rules.md has each. They are about
** a migration, not a table: table and column are NULL, finding->migration
** is the entry's tag (NULL for a row no entry accounts for), and loc is the
** migration's .sql file (its first line), else <ms->dir>/meta/_journal.json.
** Allocated in a; strings borrow from ap and ms, which must outlive out. */
void dz_applied_findings(const dz_applied *ap, const dz_migrations *ms, dz_arena *a,
                         dz_findings *out);

/* The hash drizzle-orm's migrator records for m: SHA-256 hex of its .sql
** file's text, in a. */
const char *dz_migration_hash(const dz_migration *m, dz_arena *a);

#endif /* DZ_APPLIED_H */
