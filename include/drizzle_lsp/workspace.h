/*
** workspace.h — the language server's view of the Drizzle projects under
** the workspace folders: every drizzle.config.* found there is a project;
** the files its schema globs select belong to it. Each project keeps one
** extracted module per schema file (open documents override the disk), so
** an edit re-extracts one file and relinks with the cached others, and the
** migrations folder, reloaded when it changes on disk.
**
** No JSON and no LSP here: paths and bytes in, analysis results out.
*/
#ifndef DZ_WORKSPACE_H
#define DZ_WORKSPACE_H

#include <tree_sitter/api.h>

#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/generate.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/rules.h"
#include "drizzle_lsp/sqlgen.h"

/* One analysis of a project, all in `arena` (owned by the project; replaced
** by the next analysis, so callers copy what they keep across edits). */
typedef struct dz_ws_analysis {
  dz_arena *arena;
  dz_schema *schema;          /* the schema the files describe now */
  dz_diag_list diags;         /* extraction and schema-check diagnostics */
  size_t schema_problems;     /* how many mean part of the schema was not read
                              ** (dz_diags_schema_problems) */
  const dz_schema *prev;      /* the migrations folder's last snapshot, or NULL */
  dz_diff *diff;              /* pending changes: prev -> schema */
  dz_findings *findings;      /* their risks */
  dz_sql_plan *pending;       /* the SQL the next migration would run */
  dz_sql_plan *create;        /* the whole schema from nothing (CREATE statements);
                              ** NULL until dz_ws_project_create_plan makes it */
  const char *error;          /* why there is no analysis (migrations folder), or NULL */
} dz_ws_analysis;

typedef struct dz_ws_project dz_ws_project;
typedef struct dz_workspace dz_workspace;

/* An empty workspace; the caller owns it (dz_workspace_free). */
dz_workspace *dz_workspace_new(void);
void dz_workspace_free(dz_workspace *ws);

/* Find every drizzle.config.{ts,js,mjs,json} under dir (skipping
** node_modules and dot-directories) and add each as a project, once.
** A config that cannot be read is reported through err (the first one)
** and skipped; the others are still added. */
dz_result dz_workspace_scan(dz_workspace *ws, const char *dir, dz_error *err);

/* The project a file belongs to: one whose schema files include path, whose
** config is path, or whose migrations folder holds path; else the project
** of the nearest directory above path that holds a config (added if new:
** application code belongs to the project it sits in). NULL for none. */
dz_ws_project *dz_workspace_project_of(dz_workspace *ws, const char *path);

size_t dz_workspace_count(const dz_workspace *ws);
dz_ws_project *dz_workspace_at(const dz_workspace *ws, size_t i);

/* An open document's text for path (tree: its current parse, or NULL):
** used instead of the disk until dz_workspace_close_file. Returns the
** project it belongs to, or NULL (nothing kept). */
dz_ws_project *dz_workspace_set_text(dz_workspace *ws, const char *path, const char *text,
                                     size_t len, const TSTree *tree);
/* The document was closed: its file is read from disk again. */
void dz_workspace_close_file(dz_workspace *ws, const char *path);

/* A file was created, changed or deleted on disk (a watcher said so):
** caches that depend on it are dropped. A project whose config was deleted
** is removed (pointers to it are invalid after the call). */
void dz_workspace_file_changed(dz_workspace *ws, const char *path);

/* The project's config (borrowed; lives as long as the project). */
const dz_config *dz_ws_project_config(const dz_ws_project *p);
/* Whether path is one of its schema files. */
bool dz_ws_project_has_file(const dz_ws_project *p, const char *path);
/* Its schema files (absolute; borrowed). */
size_t dz_ws_project_file_count(const dz_ws_project *p);
const char *dz_ws_project_file(const dz_ws_project *p, size_t i);
/* The text of its i-th schema file as the last analysis read it (the open
** document's, else the disk's), or NULL when none has read it yet; *len
** its length. Borrowed until the next call on p. */
const char *dz_ws_project_file_text(const dz_ws_project *p, size_t i, size_t *len);
/* Its migrations folder (absolute; borrowed). */
const char *dz_ws_project_out_dir(const dz_ws_project *p);

/* The tsconfig files the project's imports depend on (the one found and
** what it extends; or the one that could not be read), to watch. Read on
** first use; borrowed until the next dz_workspace_file_changed. */
size_t dz_ws_project_tsconfig_count(dz_ws_project *p);
const char *dz_ws_project_tsconfig_file(dz_ws_project *p, size_t i);

/* The migrations folder (reloaded if its journal changed); NULL when it
** cannot be read. Borrowed until the next call on p. */
const dz_migrations *dz_ws_project_migrations(dz_ws_project *p);

/* The current analysis: relinked if a file changed, with the migrations
** folder reloaded if its journal changed on disk. Borrowed from the project
** until the next call. NULL only when a schema file cannot be read (err). */
const dz_ws_analysis *dz_ws_project_analyze(dz_ws_project *p, dz_error *err);

/* The current analysis' schema as CREATE statements (for hover), made on
** first use and kept with the analysis: an edit does not pay for it. NULL
** when there is no analysis or it cannot be made (err says why). Borrowed
** from p, valid until its next analysis. */
const dz_sql_plan *dz_ws_project_create_plan(dz_ws_project *p, dz_error *err);

/* The migrations folder's warnings (migrations.h), once per load of the
** folder, after an analysis: NULL when already handed out or when there are
** none. Borrowed until the folder is reloaded. */
const dz_strvec *dz_ws_project_new_folder_warnings(dz_ws_project *p);

/* The current analysis' findings, once per analysis, for measuring on a
** development database (figures are added to them in the analysis' arena);
** NULL when already handed out or when there is no analysis. */
dz_findings *dz_ws_project_unmeasured(dz_ws_project *p);

/* Renames the user confirmed ("t.old=new" for columns, "old=new" for
** tables), remembered for this project's next generate. Copied. */
void dz_ws_project_add_rename(dz_ws_project *p, bool table, const char *spec);
const dz_diff_options *dz_ws_project_renames(const dz_ws_project *p);

/* Plan the next migration from a fresh link of the current schema, with the
** remembered renames, in a. Errors as dz_generate_plan_migration's; a
** schema read only in part is refused (DZ_ERR_CONFIG) like the CLI does. */
dz_result dz_ws_project_plan(dz_ws_project *p, dz_arena *a, dz_generate_plan **out,
                             dz_error *err);

/* The migrations folder was written (by us): reload it on the next analysis. */
void dz_ws_project_migrations_changed(dz_ws_project *p);

#endif /* DZ_WORKSPACE_H */
