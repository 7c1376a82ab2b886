/*
** applied_diagnostics.c — what drizzle-orm's migrator got wrong about the
** development database's applied migrations (applied.h), shown on the file
** concerned: a skipped, edited or twice-recorded migration on its .sql
** file, a row the folder does not account for on meta/_journal.json. Only a
** local database (the config's file: dbCredentials.url that exists) is
** read, and only read; without one there is nothing to show.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <string.h>

#include "drizzle_lsp/applied.h"

/* The finding's span, kept inside the file's len bytes (the editor's text
** may be shorter than the file on disk the finding was made from). */
static void clamp(dz_lsp_diagnostic *d, size_t len) {
  if (d->diag.span.end_byte > len) d->diag.span.end_byte = (uint32_t)len;
  if (d->diag.span.start_byte > d->diag.span.end_byte) d->diag.span.start_byte = d->diag.span.end_byte;
}

static void add(const dz_features_state *st, const dz_server *s, const dz_finding *f, size_t len,
                dz_arena *a, dz_lsp_diagnostic_list *out) {
  dz_lsp_diagnostic d = {0};
  d.diag.severity = s->settings.risk_severity[f->risk];
  d.diag.code = f->rule;
  d.diag.message = f->hint ? dz_arena_printf(a, "%s\n%s", f->message, f->hint) : f->message;
  d.diag.span.start_byte = f->loc.span.start_byte;
  d.diag.span.end_byte = f->loc.span.end_byte;
  clamp(&d, len);
  if (st->rules_doc) d.href = dz_arena_printf(a, "%s#%s", st->rules_doc, f->rule);
  dz_vec_push(a, out, d);
}

void dz_applied_problems(dz_server *s, dz_ws_project *p, dz_arena *a, dz_findings *out) {
  const char *db = dz_features_dev_db(p, a);
  const dz_migrations *ms = db ? dz_ws_project_migrations(p) : NULL;
  if (!ms) return;
  dz_applied *ap = NULL;
  dz_error err;
  if (dz_applied_read_file(db, dz_ws_project_config(p)->migrations_table, ms, a, &ap, &err) != DZ_OK) {
    dz_server_log(s, DZ_LOG_WARNING, "%s", err.message);
    return;
  }
  dz_applied_findings(ap, ms, a, out);
}

void dz_diagnostics_for_applied(const dz_features_state *st, const dz_server *s,
                                const dz_findings *fs, const char *path, size_t len, dz_arena *a,
                                dz_lsp_diagnostic_list *out) {
  for (size_t i = 0; i < fs->items.len; i++) {
    const dz_finding *f = fs->items.items[i];
    if (f->loc.file && strcmp(f->loc.file, path) == 0) add(st, s, f, len, a, out);
  }
}
