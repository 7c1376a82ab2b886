/*
** impact_dryrun.c — a timed dry run of a migration on an in-memory copy of
** the development database (impact.h). The copy is made with the backup API
** from a read-only connection; the statements then run as drizzle-orm's
** SQLite migrator runs them: foreign keys on (the better-sqlite3 default),
** one transaction, so that PRAGMA foreign_keys=OFF inside it does nothing —
** exactly the case where a rebuild fails or cascades.
*/
#include "drizzle_lsp/impact.h"

#include "impact_sql.h"

#include <string.h>
#include <time.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static dz_result copy_to_memory(const char *path, sqlite3 **out, dz_error *err) {
  sqlite3 *src = NULL, *dst = NULL;
  dz_result r = dz_sql_open_readonly(path, &src, err);
  if (r != DZ_OK) return r;
  if (sqlite3_open(":memory:", &dst) != SQLITE_OK) {
    sqlite3_close(src);
    sqlite3_close(dst);
    return dz_error_set(err, DZ_ERR_NOMEM, "cannot open an in-memory database for the dry run");
  }
  sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = b ? sqlite3_backup_step(b, -1) : sqlite3_errcode(dst);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    r = dz_error_set(err, DZ_ERR_SQLITE, "%s: cannot copy the database for a dry run: %s", path,
                     sqlite3_errmsg(dst));
    sqlite3_close(dst);
    dst = NULL;
  }
  sqlite3_close(src);
  *out = dst;
  return r;
}

/* Row counts of the user's tables, read before and after. */
typedef DZ_VEC(dz_row_loss) dz_counts;

static void count_tables(sqlite3 *db, dz_arena *a, dz_counts *out, bool after) {
  sqlite3_stmt *st = NULL;
  sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                         "'sqlite\\_%' ESCAPE '\\' ORDER BY name", -1, &st, NULL);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    int64_t n = 0;
    if (dz_sql_count(db, sqlite3_mprintf("SELECT count(*) FROM \"%w\"", name), &n, NULL) != DZ_OK)
      continue;
    if (!after) {
      dz_row_loss c = {dz_arena_strdup(a, name), n, n};
      dz_vec_push(a, out, c);
      continue;
    }
    for (size_t i = 0; i < out->len; i++)
      if (strcmp(out->items[i].table, name) == 0) out->items[i].after = n;
  }
  sqlite3_finalize(st);
}

/* Run one statement (it may hold several; sqlite3_exec runs them all). */
static bool run(sqlite3 *db, const char *sql, dz_arena *a, dz_dry_run *out) {
  char *msg = NULL;
  out->executed++;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return true;
  out->failed_sql = dz_arena_strdup(a, sql);
  out->error = dz_arena_strdup(a, msg ? msg : sqlite3_errmsg(db));
  sqlite3_free(msg);
  return false;
}

static void apply(sqlite3 *db, const char *const *stmts, size_t n, dz_arena *a, dz_dry_run *out) {
  double t0 = now_ms();
  sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  bool ok = run(db, "BEGIN", a, out);
  out->executed = 0;
  for (size_t i = 0; ok && i < n; i++) ok = run(db, stmts[i], a, out);
  if (ok) {
    ok = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
      out->failed_sql = "COMMIT";
      out->error = dz_arena_strdup(a, sqlite3_errmsg(db));
    }
  }
  if (!ok && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  out->ms = now_ms() - t0;
  out->ok = ok;
}

static void keep_losses(sqlite3 *db, dz_counts *counts, dz_arena *a, dz_dry_run *out) {
  for (size_t i = 0; i < counts->len; i++) counts->items[i].after = -1;
  count_tables(db, a, counts, true);
  for (size_t i = 0; i < counts->len; i++) {
    dz_row_loss c = counts->items[i];
    if (c.after >= 0 && c.after < c.before) dz_vec_push(a, &out->losses, c);
  }
}

dz_result dz_impact_dry_run(const char *db_path, const char *const *stmts, size_t n, dz_arena *a,
                            dz_dry_run *out, dz_error *err) {
  memset(out, 0, sizeof *out);
  out->total = n;
  sqlite3 *db = NULL;
  dz_result r = copy_to_memory(db_path, &db, err);
  if (r != DZ_OK) return r;
  dz_counts counts = {0};
  count_tables(db, a, &counts, false);
  apply(db, stmts, n, a, out);
  if (out->ok) {
    keep_losses(db, &counts, a, out);
    dz_sql_count(db, sqlite3_mprintf("SELECT count(*) FROM pragma_foreign_key_check"),
                 &out->fk_violations, NULL);
  }
  sqlite3_close(db);
  return DZ_OK;
}
