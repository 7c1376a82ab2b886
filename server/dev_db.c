/*
** dev_db.c — the development database (the config's file: dbCredentials.url)
** in the editor: real figures on the pending-change diagnostics (rows a drop
** discards, NULLs that block a NOT NULL, ...), and the drizzle.dryRun
** command, which runs the pending migration on an in-memory copy the way
** drizzle-orm's migrator would. Both report work-done progress when the
** client supports it. The database is only read (impact.h).
*/
#include "drizzle_lsp/drizzle_features.h"

#include <uv.h>

#include "drizzle_lsp/impact.h"

const char *dz_features_dev_db(const dz_ws_project *p, dz_arena *a) {
  const char *db = dz_config_db_path(dz_ws_project_config(p), a);
  if (!db) return NULL;
  uv_fs_t req;
  int rc = uv_fs_stat(NULL, &req, db, NULL);
  uv_fs_req_cleanup(&req);
  return rc == 0 ? db : NULL;
}

void dz_features_measure(dz_server *s, dz_ws_project *p, const dz_ws_analysis *an) {
  dz_arena *a = dz_arena_new();
  const char *db = dz_features_dev_db(p, a);
  dz_findings *f = db && an->findings && an->findings->items.len ? dz_ws_project_unmeasured(p) : NULL;
  if (f) {
    int64_t token = dz_server_progress_begin(s, "Drizzle: development database",
                                             "measuring what the pending changes do to its rows");
    dz_error err;
    if (dz_impact_measure(db, an->schema, f, an->arena, &err) != DZ_OK)
      dz_server_log(s, DZ_LOG_WARNING, "%s", err.message);
    dz_server_progress_end(s, token, NULL);
  }
  dz_arena_free(a);
}

static const char *dry_run_summary(const dz_dry_run *r, dz_arena *a) {
  if (!r->ok)
    return dz_arena_printf(a, "dry run fails at statement %zu of %zu (%.1f ms): %s: %s",
                           r->executed, r->total, r->ms, r->failed_sql ? r->failed_sql : "?",
                           r->error ? r->error : "?");
  const char *msg = dz_arena_printf(a, "dry run ok: %zu statements in %.1f ms", r->total, r->ms);
  if (r->fk_violations)
    msg = dz_arena_printf(a, "%s; %lld rows break a foreign key afterwards", msg,
                          (long long)r->fk_violations);
  for (size_t i = 0; i < r->losses.len; i++)
    msg = dz_arena_printf(a, "%s; %s loses %lld of %lld rows", msg, r->losses.items[i].table,
                          (long long)(r->losses.items[i].before - r->losses.items[i].after),
                          (long long)r->losses.items[i].before);
  return msg;
}

dz_result dz_features_dry_run(dz_server *s, dz_ws_project *p, dz_arena *a, const char **message,
                              dz_error *err) {
  const dz_ws_analysis *an = dz_ws_project_analyze(p, err);
  if (!an) return err ? err->code : DZ_ERR_IO;
  if (an->error) return dz_error_set(err, DZ_ERR_INCONSISTENT, "%s", an->error);
  const char *db = dz_features_dev_db(p, a);
  if (!db)
    return dz_error_set(err, DZ_ERR_NOT_FOUND,
                        "%s: dbCredentials.url names no existing local SQLite file to dry-run on",
                        dz_ws_project_config(p)->path);
  const char **stmts = dz_arena_alloc(a, (an->pending->forward.len + 1) * sizeof *stmts);
  for (size_t i = 0; i < an->pending->forward.len; i++) stmts[i] = an->pending->forward.items[i].sql;
  int64_t token = dz_server_progress_begin(s, "Drizzle: dry run", "copying the database");
  dz_server_progress_report(s, token, "running the pending migration on the copy", 50);
  dz_dry_run run;
  dz_result rc = dz_impact_dry_run(db, stmts, an->pending->forward.len, a, &run, err);
  dz_server_progress_end(s, token, rc == DZ_OK ? (run.ok ? "ok" : "fails") : "error");
  if (rc == DZ_OK) *message = dry_run_summary(&run, a);
  return rc;
}
