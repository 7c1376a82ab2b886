/*
** drizzle_features.h — the language server's features on the analysis
** engine: diagnostics, hover, code actions, code lenses and commands over
** the workspace's Drizzle projects (workspace.h). They plug into the
** protocol layer through lsp.h's hooks and never see JSON.
**
** server/drizzle_features.c wires the hooks; diagnostics.c, hover.c,
** generate_action.c and sql_diagnostics.c hold one feature each.
*/
#ifndef DZ_DRIZZLE_FEATURES_H
#define DZ_DRIZZLE_FEATURES_H

#include "drizzle_lsp/fs_watch.h"
#include "drizzle_lsp/server.h"
#include "drizzle_lsp/workspace.h"

#define DZ_CMD_GENERATE "drizzle.generateMigration"
#define DZ_CMD_WRITTEN "drizzle.migrationWritten"
#define DZ_CMD_PREVIEW "drizzle.previewSql"
#define DZ_CMD_RENAME "drizzle.treatAsRename"
#define DZ_CMD_DRY_RUN "drizzle.dryRun"

typedef struct dz_uses_cache dz_uses_cache;
typedef struct dz_published dz_published;

typedef struct dz_features_state {
  dz_workspace *ws;
  bool scanned;            /* the workspace folders were searched for configs */
  const char *rules_doc;   /* file: URI of docs/rules.md, or NULL */
  const char *preview_dir; /* where SQL previews are written; removed at the end */
  dz_arena *arena;
  uv_loop_t *loop;         /* for the server's own file watching; NULL: none */
  dz_server *server;
  dz_fs_watch *watch;      /* when the client does not watch files for us */
  dz_uses_cache *uses;     /* application code reading dropped columns */
  dz_published *published; /* the URIs that carry diagnostics (publish.c) */
} dz_features_state;

/* The state (caller owns: dz_features_state_free) and the hooks on it. */
dz_features_state *dz_features_state_new(void);
void dz_features_state_free(dz_features_state *st);
void dz_features_hooks(dz_features_state *st, dz_lsp_features *out);

/* Let the features watch files themselves on loop for server s, when the
** client cannot (see fs_watch.h). */
void dz_features_attach(dz_features_state *st, uv_loop_t *loop, dz_server *s);

/* The project of an open document (scanning the workspace on first use);
** NULL when the document belongs to none. */
dz_ws_project *dz_features_project(dz_features_state *st, dz_server *s, const char *path);

/* The analysis of the project whose schema file doc is: DZ_OK with *an
** NULL when doc is no project's schema file. *p (optional) gets the project. */
dz_result dz_features_doc_analysis(dz_features_state *st, dz_server *s, const dz_document *doc,
                                   dz_ws_project **p, const dz_ws_analysis **an, dz_error *err);

/* Publish project p's diagnostics (see dz_publish_project), watching
** what they depend on when the client does not. */
void dz_features_publish_project(dz_features_state *st, dz_server *s, dz_ws_project *p);

/* publish.c: the URIs that carry diagnostics; the caller owns the set
** (dz_published_free). NULL when out of memory. */
dz_published *dz_published_new(void);
void dz_published_free(dz_published *t);
/* Publish p's diagnostics (one analysis) to each of its open documents and,
** with settings.closed_files, to its closed schema files and the closed
** migration files the migrator's problems name; clear every URI p published
** before that shows nothing now. edit: after an edit of a schema document,
** which leaves the closed migration files as they were published. */
void dz_publish_project(dz_features_state *st, dz_server *s, dz_ws_project *p, bool edit);
/* Publish the diagnostics of one open document of p (not a schema file:
** nothing else depends on it). */
void dz_publish_document(dz_features_state *st, dz_server *s, dz_ws_project *p,
                         const dz_document *doc);
/* Clear what projects no longer in the workspace (config deleted) published. */
void dz_publish_prune(dz_features_state *st, dz_server *s);
/* Clear uri's diagnostics if it carries any. */
void dz_unpublish(dz_features_state *st, dz_server *s, const char *uri);

/* diagnostics.c: the diagnostics of one schema document of p (or of its
** config, config_path == path), in a; a dropped column's diagnostic lists
** the application code that reads it as related places. */
void dz_diagnostics_for_schema_file(dz_features_state *st, dz_server *s,
                                    const dz_ws_project *p, const dz_ws_analysis *an,
                                    const char *config_path,
                                    const char *path, dz_arena *a, dz_lsp_diagnostic_list *out);

/* sql_diagnostics.c: statements of an open migration .sql file that fail
** when the folder is replayed up to it, in a. */
void dz_diagnostics_for_migration_file(dz_ws_project *p, const dz_document *doc,
                                       dz_arena *a, dz_lsp_diagnostic_list *out);

/* applied_diagnostics.c: the problems of the development database's applied
** migrations (applied.h) as findings placed on their file (a migration .sql
** file, or the journal), in a; none without a local database. */
void dz_applied_problems(dz_server *s, dz_ws_project *p, dz_arena *a, dz_findings *out);
/* Those of fs placed on path (whose text has len bytes), as diagnostics in a. */
void dz_diagnostics_for_applied(const dz_features_state *st, const dz_server *s,
                                const dz_findings *fs, const char *path, size_t len, dz_arena *a,
                                dz_lsp_diagnostic_list *out);

/* hover.c */
dz_result dz_features_hover_at(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                               dz_arena *a, dz_hover **out, dz_error *err);
/* The schema-file index of path in an analysis' schema, or DZ_NO_FILE. */
uint32_t dz_features_file_index(const dz_ws_analysis *an, const char *path);
/* The table whose source holds offset of file fi, or NULL. */
const dz_table *dz_features_table_at(const dz_schema *schema, uint32_t fi, uint32_t offset);
/* The pending SQL of a table (all its statements, forward), "" if none, in a. */
const char *dz_features_table_pending_sql(const dz_ws_analysis *an, const dz_table *t,
                                          dz_arena *a);

/* generate_action.c */
dz_result dz_features_code_actions(void *ud, dz_server *s, const dz_document *doc,
                                   uint32_t start, uint32_t end, dz_arena *a,
                                   dz_code_action_list *out, dz_error *err);
dz_result dz_features_code_lenses(void *ud, dz_server *s, const dz_document *doc, dz_arena *a,
                                  dz_code_lens_list *out, dz_error *err);
dz_result dz_features_execute(void *ud, dz_server *s, const char *name, const char *const *args,
                              size_t n_args, dz_arena *a, const char **message, dz_error *err);

/* quick_fixes.c: the fixes of findings at [start, end] of path. */
void dz_quick_fixes(dz_server *s, const dz_ws_project *p, const dz_ws_analysis *an,
                    const char *path, uint32_t start, uint32_t end, dz_arena *a,
                    dz_code_action_list *out);
/* DZ_CMD_RENAME's arguments: config, "table" or "column", "[table.]old=new". */
dz_result dz_quick_fix_rename(dz_features_state *st, dz_server *s, dz_ws_project *p,
                              const char *const *args, size_t n, dz_error *err);

/* dev_db.c: figures from the development database on the analysis'
** findings (once per analysis), and the dry run command. */
/* The project's development database if the file exists (in a), else NULL. */
const char *dz_features_dev_db(const dz_ws_project *p, dz_arena *a);
void dz_features_measure(dz_server *s, dz_ws_project *p, const dz_ws_analysis *an);
dz_result dz_features_dry_run(dz_server *s, dz_ws_project *p, dz_arena *a, const char **message,
                              dz_error *err);

/* navigation.c */
dz_result dz_features_symbols(void *ud, dz_server *s, const dz_document *doc, dz_arena *a,
                              dz_symbol_list *out, dz_error *err);
dz_result dz_features_goto_definition(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                                 dz_arena *a, dz_lsp_location_list *out, dz_error *err);
dz_result dz_features_find_references(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                                 bool include_declaration, dz_arena *a,
                                 dz_lsp_location_list *out, dz_error *err);

/* code_search.c: uses of word in the code files under dir: `.word` when
** member, else word as a whole identifier. Locations in a. */
void dz_code_uses(dz_server *s, const char *dir, const char *word, bool member, dz_arena *a,
                  dz_lsp_location_list *out);

/* Uses of `.word` in the code under dir outside the schema files, cached
** (owned by the cache) until dz_uses_cache_clear: a file changed on disk or
** a non-schema document changed. The caller owns the cache. */
dz_uses_cache *dz_uses_cache_new(void);
void dz_uses_cache_free(dz_uses_cache *c);
void dz_uses_cache_clear(dz_uses_cache *c);
const dz_lsp_location_list *dz_app_uses(dz_uses_cache *c, dz_server *s, dz_workspace *ws,
                                        const char *dir, const char *word);

#endif /* DZ_DRIZZLE_FEATURES_H */
