/*
** generate_action.c — writing the next migration from the editor: the
** "Generate migration" code action (a WorkspaceEdit that creates the .sql,
** snapshot and .down.sql and rewrites the journal, or, for a client that
** cannot create files, the drizzle.generateMigration command executed here
** with dz_generate_write), code lenses above tables with pending changes,
** and the commands behind them.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <string.h>
#include <uv.h>

#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/path.h"

static void command(dz_command *c, dz_arena *a, const char *title, const char *name,
                    const char *arg1, const char *arg2) {
  c->title = title;
  c->name = name;
  if (arg1) dz_vec_push(a, &c->arguments, arg1);
  if (arg2) dz_vec_push(a, &c->arguments, arg2);
}

static const char *plan_sql_path(const dz_generate_plan *plan) {
  for (size_t i = 0; i < plan->files.len; i++) {
    const char *p = plan->files.items[i].path;
    if (dz_path_has_ext(p, ".sql") && !dz_path_has_ext(p, ".down.sql")) return p;
  }
  return NULL;
}

/* One edit per file: a new file is created and filled; an existing one
** (the journal) is replaced whole. */
static void plan_edits(const dz_generate_plan *plan, dz_code_action *act, dz_arena *a) {
  for (size_t i = 0; i < plan->files.len; i++) {
    const dz_file_write *f = &plan->files.items[i];
    char *old = NULL;
    size_t len = 0;
    if (dz_read_file(f->path, a, &old, &len, NULL) != DZ_OK) {
      dz_vec_push(a, &act->create_files, f->path);
      len = 0;
    }
    dz_text_edit e = {f->path, 0, (uint32_t)len, dz_arena_strndup(a, f->data, f->len)};
    dz_vec_push(a, &act->edits, e);
  }
}

static dz_code_action *generate_action(dz_ws_project *p, dz_arena *a) {
  dz_generate_plan *plan;
  dz_error err;
  if (dz_ws_project_plan(p, a, &plan, &err) != DZ_OK || !plan->files.len) return NULL;
  dz_code_action *act = dz_arena_alloc(a, sizeof *act);
  const char *config = dz_ws_project_config(p)->path;
  act->title = dz_arena_printf(a, "Generate migration %s (%zu change%s)", plan->tag,
                               plan->diff->changes.len, plan->diff->changes.len == 1 ? "" : "s");
  act->kind = "source";
  plan_edits(plan, act, a);
  command(&act->command, a, "Show the migration", DZ_CMD_WRITTEN, config, plan_sql_path(plan));
  command(&act->fallback, a, "Generate migration", DZ_CMD_GENERATE, config, NULL);
  return act;
}

dz_result dz_features_code_actions(void *ud, dz_server *s, const dz_document *doc, uint32_t start,
                                   uint32_t end, dz_arena *a, dz_code_action_list *out,
                                   dz_error *err) {
  dz_ws_project *p;
  const dz_ws_analysis *an;
  dz_result rc = dz_features_doc_analysis(ud, s, doc, &p, &an, err);
  if (rc != DZ_OK || !an) return rc;
  dz_quick_fixes(s, p, an, doc->path, start, end, a, out);
  if (an->diff && an->diff->changes.len) {
    dz_code_action *gen = generate_action(p, a);
    if (gen) dz_vec_push(a, out, gen);
  }
  return DZ_OK;
}

/* ---- code lenses ---------------------------------------------------------- */

static size_t table_changes(const dz_ws_analysis *an, const dz_table *t) {
  size_t n = 0;
  for (size_t i = 0; an->diff && i < an->diff->changes.len; i++)
    n += an->diff->changes.items[i].new_table == t;
  return n;
}

dz_result dz_features_code_lenses(void *ud, dz_server *s, const dz_document *doc, dz_arena *a,
                                  dz_code_lens_list *out, dz_error *err) {
  dz_ws_project *p;
  const dz_ws_analysis *an;
  dz_result rc = dz_features_doc_analysis(ud, s, doc, &p, &an, err);
  if (rc != DZ_OK || !an) return rc;
  uint32_t fi = dz_features_file_index(an, doc->path);
  const char *config = dz_ws_project_config(p)->path;
  const char *db = dz_features_dev_db(p, a);
  for (size_t i = 0; an->schema && i < an->schema->tables.len; i++) {
    const dz_table *t = an->schema->tables.items[i];
    size_t n = table_changes(an, t);
    if (t->span.file != fi || !n) continue;
    dz_code_lens lens = {t->span.start_byte, t->span.start_byte, {0}};
    command(&lens.command, a, dz_arena_printf(a, "%zu pending change%s", n, n == 1 ? "" : "s"),
            DZ_CMD_PREVIEW, config, t->name);
    dz_vec_push(a, out, lens);
    lens.command = (dz_command){0};
    command(&lens.command, a, "Preview SQL", DZ_CMD_PREVIEW, config, t->name);
    dz_vec_push(a, out, lens);
    lens.command = (dz_command){0};
    command(&lens.command, a, "Generate migration", DZ_CMD_GENERATE, config, NULL);
    dz_vec_push(a, out, lens);
    if (!db) continue;
    lens.command = (dz_command){0};
    command(&lens.command, a, dz_arena_printf(a, "Dry run on %s", dz_path_basename(db)),
            DZ_CMD_DRY_RUN, config, NULL);
    dz_vec_push(a, out, lens);
  }
  return DZ_OK;
}

/* ---- commands ------------------------------------------------------------- */

static dz_ws_project *project_arg(dz_features_state *st, dz_server *s, const char *const *args,
                                  size_t n, dz_error *err) {
  dz_ws_project *p = n ? dz_features_project(st, s, args[0]) : NULL;
  if (!p)
    dz_error_set(err, DZ_ERR_USAGE,
                 "the first argument must name a drizzle.config.* of the workspace");
  return p;
}

static dz_result run_generate(dz_features_state *st, dz_server *s, dz_ws_project *p, dz_arena *a,
                              const char **message, dz_error *err) {
  dz_generate_plan *plan;
  dz_result rc = dz_ws_project_plan(p, a, &plan, err);
  if (rc != DZ_OK) return rc;
  if (!plan->files.len) {
    *message = "No schema changes, nothing to write";
    return DZ_OK;
  }
  if ((rc = dz_generate_write(plan, err)) != DZ_OK) return rc;
  dz_ws_project_migrations_changed(p);
  dz_features_publish_project(st, s, p);
  const char *sql = plan_sql_path(plan);
  *message = dz_arena_printf(a, "wrote %s", sql);
  dz_server_show_document(s, sql);
  return DZ_OK;
}

/* A preview of the pending SQL (of one table, or all) in a temporary file. */
static dz_result run_preview(dz_features_state *st, dz_server *s, dz_ws_project *p,
                             const char *table, dz_arena *a, const char **message, dz_error *err) {
  const dz_ws_analysis *an = dz_ws_project_analyze(p, err);
  if (!an) return err ? err->code : DZ_ERR_IO;
  if (an->error) return dz_error_set(err, DZ_ERR_INCONSISTENT, "%s", an->error);
  const dz_table *t = table ? dz_schema_find_table(an->schema, table) : NULL;
  const char *sql = t ? dz_features_table_pending_sql(an, t, a)
                      : dz_sql_plan_text(an->pending, true, DZ_SQL_FORWARD, a);
  const char *path = dz_arena_printf(a, "%s/%s.sql", st->preview_dir, t ? t->name : "pending");
  const char *text = dz_arena_printf(a, "-- pending SQL%s%s (preview; not a migration)\n%s",
                                     t ? " for table " : "", t ? t->name : "", sql);
  dz_file_write f = {path, text, strlen(text), true};
  dz_result rc = dz_write_file(&f, err);
  if (rc != DZ_OK) return rc;
  *message = path;
  dz_server_show_document(s, path);
  return DZ_OK;
}

dz_result dz_features_execute(void *ud, dz_server *s, const char *name, const char *const *args,
                              size_t n_args, dz_arena *a, const char **message, dz_error *err) {
  dz_features_state *st = ud;
  dz_ws_project *p = project_arg(st, s, args, n_args, err);
  if (!p) return DZ_ERR_USAGE;
  if (strcmp(name, DZ_CMD_GENERATE) == 0) return run_generate(st, s, p, a, message, err);
  if (strcmp(name, DZ_CMD_DRY_RUN) == 0) return dz_features_dry_run(s, p, a, message, err);
  if (strcmp(name, DZ_CMD_RENAME) == 0) return dz_quick_fix_rename(st, s, p, args, n_args, err);
  if (strcmp(name, DZ_CMD_PREVIEW) == 0)
    return run_preview(st, s, p, n_args > 1 ? args[1] : NULL, a, message, err);
  /* DZ_CMD_WRITTEN: the client applied the generate edit. */
  dz_ws_project_migrations_changed(p);
  dz_features_publish_project(st, s, p);
  if (n_args > 1) dz_server_show_document(s, args[1]);
  return DZ_OK;
}
