/*
** applied.c — the migrator's table read and matched to the journal, and the
** problems drizzle-orm never checks (applied.h).
*/
#include "drizzle_lsp/applied.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/json.h"
#include "drizzle_lsp/sha256.h"

/* The migrator hashes fs.readFileSync(path).toString(): the file decoded as
** UTF-8 (each invalid sequence one U+FFFD, a BOM kept) and encoded again. */
const char *dz_migration_hash(const dz_migration *m, dz_arena *a) {
  const unsigned char *s = (const unsigned char *)m->sql;
  dz_sha256 c;
  dz_sha256_init(&c);
  for (size_t i = 0, run = 0; i < m->sql_len;) {
    bool ok;
    size_t n = dz_utf8_sequence(s + i, m->sql_len - i, &ok);
    if (!ok) {
      dz_sha256_update(&c, s + run, i - run);
      dz_sha256_update(&c, "\xEF\xBF\xBD", 3);
      run = i + n;
    }
    i += n;
    if (i == m->sql_len) dz_sha256_update(&c, s + run, i - run);
  }
  char *hex = dz_arena_alloc(a, 65);
  dz_sha256_final_hex(&c, hex);
  return hex;
}

static dz_result sqlite_fail(sqlite3 *db, const char *table, dz_error *err) {
  return dz_error_set(err, DZ_ERR_SQLITE, "cannot read the migrations table \"%s\": %s", table,
                      sqlite3_errmsg(db));
}

static dz_result table_exists(sqlite3 *db, const char *table, bool *exists, dz_error *err) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st,
                         NULL) != SQLITE_OK)
    return sqlite_fail(db, table, err);
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  int rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_fail(db, table, err);
  *exists = rc == SQLITE_ROW;
  return DZ_OK;
}

/* created_at as the migrator wrote it (journal `when`, an integer); a real
** or text value that is a whole number counts too. */
static void read_when(sqlite3_stmt *st, int col, dz_applied_row *r) {
  int type = sqlite3_column_type(st, col);
  if (type == SQLITE_INTEGER) {
    r->when = sqlite3_column_int64(st, col);
    r->has_when = true;
  } else if (type == SQLITE_FLOAT) {
    double d = sqlite3_column_double(st, col);
    r->has_when = d == (double)(int64_t)d;
    r->when = (int64_t)d;
  } else if (type == SQLITE_TEXT) {
    const char *s = (const char *)sqlite3_column_text(st, col);
    char *end = NULL;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    r->has_when = *s && end && *end == '\0' && errno == 0;
    r->when = v;
  }
}

static dz_result read_rows(sqlite3 *db, dz_applied *ap, dz_arena *a, dz_error *err) {
  char *sql = sqlite3_mprintf("SELECT rowid, hash, created_at FROM \"%w\" ORDER BY created_at, rowid", ap->table);
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  sqlite3_free(sql);
  if (rc != SQLITE_OK) return sqlite_fail(db, ap->table, err);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    dz_applied_row r;
    memset(&r, 0, sizeof r);
    r.rowid = sqlite3_column_int64(st, 0);
    const unsigned char *hash = sqlite3_column_text(st, 1), *created = sqlite3_column_text(st, 2);
    r.hash = dz_arena_strdup(a, hash ? (const char *)hash : "");
    r.created_at = dz_arena_strdup(a, created ? (const char *)created : "NULL");
    read_when(st, 2, &r);
    dz_vec_push(a, &ap->rows, r);
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? DZ_OK : sqlite_fail(db, ap->table, err);
}

static void problem(dz_applied *ap, dz_applied_kind kind, const dz_migration *m, const dz_applied_row *r,
                    const char *message, dz_arena *a) {
  dz_applied_problem p = {.kind = kind, .migration = m, .row = r, .message = message};
  dz_vec_push(a, &ap->problems, p);
}

/* A row no entry's `when` matches. If its hash is some file's, that entry's
** `when` was changed after it ran; otherwise it came from elsewhere. */
static void unknown_row(dz_applied *ap, const dz_applied_row *r, const dz_migrations *ms, const char **hashes,
                        dz_arena *a) {
  for (size_t i = 0; i < ms->items.len; i++)
    if (strcmp(hashes[i], r->hash) == 0) {
      problem(ap, DZ_APPLIED_UNKNOWN, NULL, r,
              dz_arena_printf(a,
                              "the database recorded %s.sql as applied with created_at %s, but its journal "
                              "entry's \"when\" is now %lld: the journal was edited after the migration ran, "
                              "and drizzle-orm's migrator matches by \"when\"",
                              ms->items.items[i].entry->tag, r->created_at, (long long)ms->items.items[i].entry->when),
              a);
      return;
    }
  problem(ap, DZ_APPLIED_UNKNOWN, NULL, r,
          dz_arena_printf(a,
                          "the database has an applied migration (created_at %s, hash %.12s...) that is not in "
                          "%s/meta/_journal.json: it came from another branch, or its files were removed",
                          r->created_at, r->hash, ms->dir),
          a);
}

static void match_row(dz_applied *ap, dz_applied_row *r, const dz_migrations *ms, const char **hashes,
                      dz_arena *a) {
  for (size_t i = 0; r->has_when && i < ms->items.len; i++) {
    const dz_migration *m = &ms->items.items[i];
    if (m->entry->when != r->when) continue;
    r->migration = m;
    if (ap->row_of[i]) {
      problem(ap, DZ_APPLIED_TWICE, m, r,
              dz_arena_printf(a, "%s is recorded as applied twice in \"%s\" (rowids %lld and %lld)", m->entry->tag,
                              ap->table, (long long)ap->row_of[i]->rowid, (long long)r->rowid),
              a);
      return;
    }
    ap->row_of[i] = r;
    if (strcmp(hashes[i], r->hash) != 0)
      problem(ap, DZ_APPLIED_EDITED, m, r,
              dz_arena_printf(a,
                              "%s.sql was changed after it was applied to this database: its SHA-256 is %.12s..., "
                              "the database recorded %.12s... (drizzle-orm never compares them, so the change "
                              "never reached the database); restore the file, and put the change in a new "
                              "migration",
                              m->entry->tag, hashes[i], r->hash),
              a);
    return;
  }
  unknown_row(ap, r, ms, hashes, a);
}

/* Entries that are not applied and never will be: `when` not after the
** newest row's. The way out: roll back what was applied after them, then
** migrate again, which applies them in journal order. */
static void skipped_entries(dz_applied *ap, const dz_migrations *ms, dz_arena *a) {
  if (!ap->newest || !ap->newest->has_when) return;
  for (size_t i = 0; i < ms->items.len; i++) {
    const dz_migration *m = &ms->items.items[i];
    if (ap->row_of[i] || m->entry->when > ap->newest->when) continue;
    size_t later = 0;
    for (size_t k = 0; k < ap->rows.len; k++) later += ap->rows.items[k].has_when && ap->rows.items[k].when >= m->entry->when;
    const char *newest = ap->newest->migration ? ap->newest->migration->entry->tag : ap->newest->created_at;
    problem(ap, DZ_APPLIED_SKIPPED, m, NULL,
            dz_arena_printf(a,
                            "%s was never applied to this database, and drizzle-orm's migrator never will: its "
                            "\"when\" (%lld) is not after that of the newest applied migration, %s "
                            "(drizzle-orm #5316); undo the %zu applied after it (drizzle-lsp rollback --steps "
                            "%zu), then migrate again",
                            m->entry->tag, (long long)m->entry->when, newest, later, later),
            a);
  }
}

dz_result dz_applied_read(sqlite3 *db, const char *table, const dz_migrations *ms, dz_arena *a,
                          dz_applied **out, dz_error *err) {
  dz_applied *ap = dz_arena_alloc(a, sizeof *ap);
  ap->table = dz_arena_strdup(a, table);
  ap->row_of = dz_arena_alloc(a, (ms->items.len + 1) * sizeof *ap->row_of);
  dz_result rc = table_exists(db, table, &ap->table_exists, err);
  if (rc == DZ_OK && ap->table_exists) rc = read_rows(db, ap, a, err);
  if (rc != DZ_OK) return rc;
  const char **hashes = dz_arena_alloc(a, (ms->items.len + 1) * sizeof *hashes);
  for (size_t i = 0; i < ms->items.len; i++) hashes[i] = dz_migration_hash(&ms->items.items[i], a);
  for (size_t i = 0; i < ap->rows.len; i++) match_row(ap, &ap->rows.items[i], ms, hashes, a);
  if (ap->rows.len) ap->newest = &ap->rows.items[ap->rows.len - 1];
  skipped_entries(ap, ms, a);
  *out = ap;
  return DZ_OK;
}

bool dz_applied_is_pending(const dz_applied *ap, const dz_migration *m) {
  if (!ap->newest) return true;
  if (!ap->newest->has_when) return false; /* Number() of it is NaN: the migrator applies nothing */
  return m->entry->when > ap->newest->when;
}

size_t dz_applied_pending(const dz_applied *ap, const dz_migrations *ms) {
  size_t n = 0;
  for (size_t i = 0; i < ms->items.len; i++) n += dz_applied_is_pending(ap, &ms->items.items[i]);
  return n;
}

dz_result dz_applied_read_file(const char *db_path, const char *table, const dz_migrations *ms,
                               dz_arena *a, dz_applied **out, dz_error *err) {
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK) {
    dz_result r = rc == SQLITE_CANTOPEN ? dz_error_set(err, DZ_ERR_NOT_FOUND, "%s: cannot open the database (%s)",
                                                       db_path, db ? sqlite3_errmsg(db) : "out of memory")
                                        : dz_error_set(err, DZ_ERR_SQLITE, "%s: %s", db_path,
                                                       db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return r;
  }
  dz_result r = dz_applied_read(db, table, ms, a, out, err);
  if (r != DZ_OK && err) {
    char inner[DZ_ERROR_MAX];
    snprintf(inner, sizeof inner, "%s", err->message);
    dz_error_set(err, r, "%s: %s", db_path, inner);
  }
  sqlite3_close(db);
  return r;
}
