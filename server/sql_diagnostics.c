/*
** sql_diagnostics.c — an open migration .sql file checked by running it:
** the folder's earlier migrations are replayed on an in-memory SQLite
** database the way drizzle-orm's migrator runs them (verify.h), then the
** editor's text piece by piece; the first piece that fails is marked with
** SQLite's message.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <string.h>

#include "drizzle_lsp/verify.h"

#define BREAKPOINT "--> statement-breakpoint"

static void push(dz_arena *a, dz_lsp_diagnostic_list *out, size_t start, size_t end,
                 const char *code, const char *msg) {
  dz_lsp_diagnostic d = {0};
  d.diag.severity = DZ_SEV_ERROR;
  d.diag.code = code;
  d.diag.message = msg;
  d.diag.span.start_byte = (uint32_t)start;
  d.diag.span.end_byte = (uint32_t)end;
  dz_vec_push(a, out, d);
}

/* Index of the migration whose file is path, or the count (a file not in
** the journal yet runs after all of them). */
static size_t position_of(const dz_migrations *m, const char *path) {
  for (size_t i = 0; i < m->items.len; i++)
    if (strcmp(m->items.items[i].sql_path, path) == 0) return i;
  return m->items.len;
}

static bool replay_before(sqlite3 *db, const dz_migrations *m, size_t upto, dz_arena *a,
                          dz_lsp_diagnostic_list *out) {
  for (size_t i = 0; i < upto; i++) {
    const char *failure = NULL;
    if (dz_verify_apply(db, m->items.items[i].sql, m->dialect, a, &failure) == DZ_OK) continue;
    push(a, out, 0, 0, "earlier-migration-fails",
         dz_arena_printf(a, "the earlier migration %s fails, so this one cannot be checked: %s",
                         m->items.items[i].entry->tag, failure ? failure : "unknown error"));
    return false;
  }
  return true;
}

/* Run text's pieces in order; mark the first that fails. */
static void run_pieces(sqlite3 *db, dz_dialect dialect, const char *text, size_t len, dz_arena *a,
                       dz_lsp_diagnostic_list *out) {
  size_t at = 0;
  while (at < len) {
    const char *bp = strstr(text + at, BREAKPOINT);
    size_t end = bp ? (size_t)(bp - text) : len;
    size_t s = at, e = end;
    while (s < e && strchr(" \t\r\n", text[s])) s++;
    while (e > s && strchr(" \t\r\n", text[e - 1])) e--;
    const char *failure = NULL;
    if (e > s &&
        dz_verify_apply(db, dz_arena_strndup(a, text + s, e - s), dialect, a, &failure) != DZ_OK) {
      push(a, out, s, e, "statement-fails",
           dz_arena_printf(a, "fails when the migrations are replayed in order: %s",
                           failure ? failure : "unknown error"));
      return;
    }
    at = bp ? end + strlen(BREAKPOINT) : len;
  }
}

void dz_diagnostics_for_migration_file(dz_ws_project *p, const dz_document *doc, dz_arena *a,
                                       dz_lsp_diagnostic_list *out) {
  const dz_migrations *m = dz_ws_project_migrations(p);
  if (!m || memchr(doc->text, '\0', doc->len)) return;
  sqlite3 *db = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
  if (replay_before(db, m, position_of(m, doc->path), a, out))
    run_pieces(db, m->dialect, doc->text, doc->len, a, out);
  sqlite3_close(db);
}
