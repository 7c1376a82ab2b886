/*
** verify.c — replaying a migrations folder on an in-memory SQLite database
** and holding each step against its snapshot (verify.h).
*/
#include "drizzle_lsp/verify.h"

#include <string.h>

#include "drizzle_lsp/introspect.h"
#include "drizzle_lsp/schema_compare.h"

/* The first line of a statement, shortened, to show which one failed. */
static const char *excerpt(dz_arena *a, const char *sql) {
  while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r') sql++;
  size_t n = strcspn(sql, "\r\n");
  if (n > 72) return dz_arena_printf(a, "%.69s...", sql);
  return dz_arena_strndup(a, sql, n);
}

/* Run one breakpoint piece, which must hold one statement (besides comments)
** for SQLite: drizzle-orm's better-sqlite3 migrator prepares each piece as
** one statement. libSQL's (Turso) runs every statement of a piece. */
static dz_result run_piece(sqlite3 *db, const char *piece, size_t number, dz_dialect dialect, dz_arena *a,
                           const char **failure) {
  bool handled = false;
  if (dialect == DZ_DIALECT_TURSO) {
    const char *why = NULL;
    if (dz_libsql_alter_column(db, piece, a, &handled, &why) != DZ_OK) {
      *failure = dz_arena_printf(a, "statement %zu (%s): %s", number, excerpt(a, piece), why);
      return DZ_ERR_VERIFY;
    }
  }
  if (handled) return DZ_OK;
  int count = 0;
  for (const char *tail = piece; *tail;) {
    sqlite3_stmt *st = NULL;
    const char *next = NULL;
    if (sqlite3_prepare_v2(db, tail, -1, &st, &next) != SQLITE_OK) {
      *failure = dz_arena_printf(a, "statement %zu (%s): %s", number, excerpt(a, tail), sqlite3_errmsg(db));
      return DZ_ERR_VERIFY;
    }
    if (!st) break; /* only blanks and comments were left */
    if (++count > 1 && dialect != DZ_DIALECT_TURSO) {
      sqlite3_finalize(st);
      *failure = dz_arena_printf(a,
                                 "statement %zu holds more than one SQL statement (the second: %s); "
                                 "drizzle-orm's better-sqlite3 migrator runs one per \"--> statement-breakpoint\" "
                                 "piece and fails here (libSQL's runs them all): keep breakpoints on",
                                 number, excerpt(a, tail));
      return DZ_ERR_VERIFY;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {}
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
      *failure = dz_arena_printf(a, "statement %zu (%s): %s", number, excerpt(a, tail), sqlite3_errmsg(db));
      return DZ_ERR_VERIFY;
    }
    tail = next;
  }
  return DZ_OK;
}

dz_result dz_verify_run(sqlite3 *db, const char *sql, dz_dialect dialect, dz_arena *a, const char **failure) {
  dz_strvec pieces = {0};
  dz_migration_split(sql, a, &pieces);
  dz_result rc = DZ_OK;
  for (size_t i = 0; i < pieces.len && rc == DZ_OK; i++) rc = run_piece(db, pieces.items[i], i + 1, dialect, a, failure);
  return rc;
}

dz_result dz_verify_apply(sqlite3 *db, const char *sql, dz_dialect dialect, dz_arena *a,
                          const char **failure) {
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
    *failure = dz_arena_printf(a, "cannot begin a transaction: %s", sqlite3_errmsg(db));
    return DZ_ERR_VERIFY;
  }
  dz_result rc = dz_verify_run(db, sql, dialect, a, failure);
  if (rc == DZ_OK && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    *failure = dz_arena_printf(a, "COMMIT failed: %s", sqlite3_errmsg(db));
    rc = DZ_ERR_VERIFY;
  }
  if (rc != DZ_OK && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* Add a failure to a step: reasons join with "; ". */
static void fail(dz_verify_step *s, dz_arena *a, const char *reason) {
  s->status = DZ_VERIFY_FAILED;
  s->reason = s->reason ? dz_arena_printf(a, "%s; %s", s->reason, reason) : reason;
}

static const char *relative(const dz_migrations *ms, const char *path) {
  size_t n = strlen(ms->dir);
  return strncmp(path, ms->dir, n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

/* Does the database now hold `want`? Differences go to the step's details,
** each after `prefix` (which says when they were seen). */
static dz_result check_schema(sqlite3 *db, const dz_schema *want, const char *want_name, const char *after,
                              const char *prefix, dz_verify_step *s, dz_arena *a, dz_error *err) {
  dz_schema *got = NULL;
  dz_result rc = dz_introspect_sqlite(db, NULL, a, &got, err);
  if (rc != DZ_OK) return rc;
  dz_strvec lines = {0};
  size_t n = dz_schema_compare(got, "the database", want, want_name, a, &lines);
  if (n == 0) return DZ_OK;
  fail(s, a, dz_arena_printf(a, "the schema after %s differs from %s in %zu place%s", after, want_name, n,
                             n == 1 ? "" : "s"));
  for (size_t i = 0; i < lines.len; i++)
    dz_vec_push(a, &s->details, dz_arena_printf(a, "%s%s", prefix, lines.items[i]));
  return DZ_OK;
}

/* The rollback, proven, then the migration applied again to continue. */
static dz_result verify_rollback(sqlite3 *db, const dz_migrations *ms, size_t i, const dz_schema *prev,
                                 dz_verify_step *s, bool *stop, dz_arena *a, dz_error *err) {
  const dz_migration *m = &ms->items.items[i];
  const char *failure = NULL, *down = relative(ms, m->down_path);
  s->rollback_checked = true;
  if (dz_verify_apply(db, m->down_sql, ms->dialect, a, &failure) != DZ_OK) {
    fail(s, a, dz_arena_printf(a, "%s failed: %s", down, failure));
    return DZ_OK; /* rolled back: the database still holds this migration */
  }
  const char *prev_name = i ? relative(ms, ms->items.items[i - 1].snapshot_path) : "an empty database";
  dz_result rc = check_schema(db, prev, prev_name, down, "after the rollback: ", s, a, err);
  if (rc != DZ_OK) return rc;
  if (dz_verify_apply(db, m->sql, ms->dialect, a, &failure) != DZ_OK) {
    fail(s, a, dz_arena_printf(a, "%s failed when applied again after its rollback: %s",
                               relative(ms, m->sql_path), failure));
    *stop = true;
  }
  return DZ_OK;
}

/* Without a snapshot the migration is applied (the next ones build on it)
** but there is nothing to hold the database against. */
static void not_compared(const dz_migrations *ms, const dz_migration *m, dz_verify_step *s, dz_arena *a) {
  s->status = DZ_VERIFY_UNCOMPARED;
  s->reason = dz_arena_printf(a, "not compared: no snapshot (%s is missing)", relative(ms, m->snapshot_path));
  if (m->down_sql) s->rollback_unchecked = "its rollback is not checked either: no snapshot";
}

static dz_result verify_step(sqlite3 *db, const dz_migrations *ms, size_t i, const dz_schema *prev,
                             dz_verify_step *s, bool *stop, dz_arena *a, dz_error *err) {
  const dz_migration *m = &ms->items.items[i];
  const char *failure = NULL, *sql_name = relative(ms, m->sql_path);
  if (dz_verify_apply(db, m->sql, ms->dialect, a, &failure) != DZ_OK) {
    fail(s, a, dz_arena_printf(a, "%s failed: %s", sql_name, failure));
    *stop = true;
    return DZ_OK;
  }
  if (!m->snapshot) {
    not_compared(ms, m, s, a);
    return DZ_OK;
  }
  dz_result rc = check_schema(db, m->snapshot, relative(ms, m->snapshot_path), sql_name, "", s, a, err);
  if (rc != DZ_OK || !m->down_sql) return rc;
  if (prev) return verify_rollback(db, ms, i, prev, s, stop, a, err);
  s->rollback_unchecked = dz_arena_printf(a, "rollback not checked: the snapshot it should give back, %s, is missing",
                                          relative(ms, ms->items.items[i - 1].snapshot_path));
  return DZ_OK;
}

static dz_result replay(sqlite3 *db, const dz_migrations *ms, dz_verify_report *r, dz_arena *a, dz_error *err) {
  /* The schema before migration i: NULL after one without a snapshot. */
  const dz_schema *prev = dz_schema_new(a, DZ_DIALECT_SQLITE);
  bool stop = false;
  for (size_t i = 0; i < ms->items.len; i++) {
    dz_verify_step s;
    memset(&s, 0, sizeof s);
    s.migration = &ms->items.items[i];
    if (stop) {
      s.status = DZ_VERIFY_SKIPPED;
      s.reason = "not run: an earlier migration failed to apply";
    } else {
      dz_result rc = verify_step(db, ms, i, prev, &s, &stop, a, err);
      if (rc != DZ_OK) return rc;
    }
    if (s.status == DZ_VERIFY_FAILED) r->failures++;
    dz_vec_push(a, &r->steps, s);
    prev = s.migration->snapshot;
  }
  return DZ_OK;
}

dz_result dz_verify_migrations(const dz_migrations *ms, dz_arena *a, dz_verify_report **out, dz_error *err) {
  sqlite3 *db = NULL;
  if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    dz_result rc = dz_error_set(err, DZ_ERR_SQLITE, "cannot open an in-memory SQLite database: %s",
                                db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return rc;
  }
  /* The migrator's drivers (better-sqlite3, libSQL) enforce foreign keys. */
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  dz_verify_report *r = dz_arena_alloc(a, sizeof *r);
  dz_result rc = replay(db, ms, r, a, err);
  sqlite3_close(db);
  if (rc == DZ_OK) *out = r;
  return rc;
}
