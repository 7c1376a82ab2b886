/*
** impact_sql.c — read-only SQLite helpers for impact measurement
** (impact_sql.h). Every query on the development database goes through
** here, so the read-only open and the one-statement rule hold everywhere.
*/
#include "impact_sql.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* A query that runs longer than this is stopped: a figure is not worth a
** hung editor or CI job. */
#define DZ_SQL_QUERY_SECONDS 20.0

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int past_deadline(void *deadline) {
  return now_seconds() > *(const double *)deadline;
}

/* "file:" + path with the characters a URI gives meaning to escaped. */
static char *readonly_uri(const char *path) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  sqlite3_str_appendall(s, "file:");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p == 0x7f)
      sqlite3_str_appendf(s, "%%%02X", *p);
    else
      sqlite3_str_appendchar(s, 1, (char)*p);
  }
  sqlite3_str_appendall(s, "?mode=ro");
  return sqlite3_str_finish(s);
}

dz_result dz_sql_open_readonly(const char *path, sqlite3 **out, dz_error *err) {
  *out = NULL;
  char *uri = readonly_uri(path);
  if (!uri) return dz_error_set(err, DZ_ERR_NOMEM, "out of memory opening %s", path);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  sqlite3_free(uri);
  /* Opening is lazy: read the schema now so a non-database fails here. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    dz_result r = dz_error_set(err, DZ_ERR_SQLITE, "%s: cannot open the database read-only: %s",
                               path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close(db);
    return r;
  }
  *out = db;
  return DZ_OK;
}

dz_result dz_sql_count(sqlite3 *db, char *sql, int64_t *out, dz_error *err) {
  if (!sql) return dz_error_set(err, DZ_ERR_NOMEM, "out of memory building a query");
  sqlite3_stmt *st = NULL;
  const char *tail = NULL;
  dz_result r = DZ_OK;
  *out = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, &tail) != SQLITE_OK) {
    r = dz_error_set(err, DZ_ERR_SQLITE, "%s", sqlite3_errmsg(db));
  } else if (!st || (tail && tail[strspn(tail, " \t\r\n;")])) {
    r = dz_error_set(err, DZ_ERR_SQLITE, "the query is not exactly one statement");
  } else {
    double deadline = now_seconds() + DZ_SQL_QUERY_SECONDS;
    sqlite3_progress_handler(db, 10000, past_deadline, &deadline);
    int rc = sqlite3_step(st);
    sqlite3_progress_handler(db, 0, NULL, NULL);
    if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_INTERRUPT)
      r = dz_error_set(err, DZ_ERR_SQLITE, "the query took longer than %.0f s",
                       DZ_SQL_QUERY_SECONDS);
    else if (rc != SQLITE_DONE) r = dz_error_set(err, DZ_ERR_SQLITE, "%s", sqlite3_errmsg(db));
  }
  sqlite3_finalize(st);
  sqlite3_free(sql);
  return r;
}

bool dz_sql_table_exists(sqlite3 *db, const char *table) {
  int64_t n = 0;
  char *sql = sqlite3_mprintf("SELECT count(*) FROM sqlite_master WHERE type = 'table' "
                              "AND name = %Q "
                              "COLLATE NOCASE",
                              table);
  return dz_sql_count(db, sql, &n, NULL) == DZ_OK && n > 0;
}

bool dz_sql_column_exists(sqlite3 *db, const char *table, const char *column) {
  int64_t n = 0;
  char *sql = sqlite3_mprintf("SELECT count(*) FROM pragma_table_info(%Q) "
                              "WHERE name = %Q COLLATE NOCASE",
                              table,
                              column);
  return dz_sql_count(db, sql, &n, NULL) == DZ_OK && n > 0;
}
