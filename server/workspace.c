/*
** workspace.c — the Drizzle projects of the workspace (workspace.h): found
** by their drizzle.config.*, each keeping one extracted module per schema
** file so that an edit costs one file's extraction plus a link, and its
** migrations folder, reloaded when the journal changes on disk.
*/
#include "drizzle_lsp/workspace.h"

#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "drizzle_lsp/fs_walk.h"
#include "drizzle_lsp/path.h"
#include "drizzle_lsp/resolve.h"
#include "drizzle_lsp/schema_check.h"
#include "drizzle_lsp/tsconfig.h"

#define SCAN_MAX_DEPTH 8

static const char *const config_names[] = {"drizzle.config.ts", "drizzle.config.js",
                                           "drizzle.config.mjs", "drizzle.config.json"};

typedef struct ws_file {
  const char *path; /* in the project's arena */
  dz_module *mod;   /* owned */
  bool open;        /* from an editor buffer, not the disk */
} ws_file;

struct dz_ws_project {
  dz_arena *arena;        /* file paths, renames */
  dz_arena *config_arena; /* config, out_dir, journal_path: replaced on reload */
  dz_config *config;
  const char *out_dir;
  const char *journal_path;
  DZ_VEC(ws_file) files;
  dz_module_cache *imports;
  dz_arena *ts_arena;     /* tsconfig, ts_bad, ts_error: dropped when a .json changes */
  dz_tsconfig *tsconfig;  /* NULL: none, or unusable (ts_error says why) */
  const char *ts_bad;
  dz_error ts_error;
  dz_arena *mig_arena;
  dz_migrations *migrations;
  const char *mig_error;
  bool mig_warned; /* the folder's warnings were handed out since it was loaded */
  uv_timespec_t journal_mtime;
  int64_t journal_size; /* -1: no journal */
  bool mig_loaded;
  dz_arena *an_arena;
  dz_ws_analysis analysis;
  bool dirty;
  bool measured; /* the analysis' findings were handed out for figures */
  dz_strvec column_renames, table_renames;
  dz_diff_options renames;
};

struct dz_workspace {
  dz_arena *arena;
  DZ_VEC(dz_ws_project *) projects;
};

dz_workspace *dz_workspace_new(void) {
  dz_workspace *ws = calloc(1, sizeof *ws);
  if (ws) ws->arena = dz_arena_new();
  return ws;
}

static void project_free(dz_ws_project *p) {
  for (size_t i = 0; i < p->files.len; i++) dz_module_free(p->files.items[i].mod);
  dz_module_cache_free(p->imports);
  if (p->ts_arena) dz_arena_free(p->ts_arena);
  if (p->mig_arena) dz_arena_free(p->mig_arena);
  if (p->an_arena) dz_arena_free(p->an_arena);
  dz_arena_free(p->arena);
  if (p->config_arena) dz_arena_free(p->config_arena);
  free(p);
}

void dz_workspace_free(dz_workspace *ws) {
  if (!ws) return;
  for (size_t i = 0; i < ws->projects.len; i++) project_free(ws->projects.items[i]);
  dz_arena_free(ws->arena);
  free(ws);
}

size_t dz_workspace_count(const dz_workspace *ws) { return ws->projects.len; }
dz_ws_project *dz_workspace_at(const dz_workspace *ws, size_t i) { return ws->projects.items[i]; }
const dz_config *dz_ws_project_config(const dz_ws_project *p) { return p->config; }
size_t dz_ws_project_file_count(const dz_ws_project *p) { return p->files.len; }
const char *dz_ws_project_file(const dz_ws_project *p, size_t i) { return p->files.items[i].path; }
const char *dz_ws_project_out_dir(const dz_ws_project *p) { return p->out_dir; }

const char *dz_ws_project_file_text(const dz_ws_project *p, size_t i, size_t *len) {
  const dz_module *m = p->files.items[i].mod;
  *len = m ? dz_module_len(m) : 0;
  return m ? dz_module_text(m) : NULL;
}
const dz_diff_options *dz_ws_project_renames(const dz_ws_project *p) { return &p->renames; }

static ws_file *find_file(const dz_ws_project *p, const char *path) {
  for (size_t i = 0; i < p->files.len; i++)
    if (strcmp(p->files.items[i].path, path) == 0) return &p->files.items[i];
  return NULL;
}

bool dz_ws_project_has_file(const dz_ws_project *p, const char *path) {
  return find_file(p, path) != NULL;
}

/* (Re)select the schema files, keeping the modules of files still selected. */
static dz_result select_files(dz_ws_project *p, dz_error *err) {
  dz_arena *tmp = dz_arena_new();
  dz_strvec paths = {0};
  dz_result rc = dz_config_schema_files(p->config, tmp, &paths, err);
  if (rc != DZ_OK) {
    dz_arena_free(tmp);
    return rc;
  }
  ws_file *next = calloc(paths.len ? paths.len : 1, sizeof *next);
  for (size_t i = 0; i < paths.len; i++) {
    ws_file *old = find_file(p, paths.items[i]);
    if (old) {
      next[i] = *old;
      old->mod = NULL;
    } else {
      next[i].path = dz_arena_strdup(p->arena, paths.items[i]);
    }
  }
  for (size_t i = 0; i < p->files.len; i++) dz_module_free(p->files.items[i].mod);
  p->files.len = 0;
  for (size_t i = 0; i < paths.len; i++) dz_vec_push(p->arena, &p->files, next[i]);
  free(next);
  dz_arena_free(tmp);
  p->dirty = true;
  return DZ_OK;
}

/* (Re)read the config at path; on failure the project keeps its old one. */
static dz_result load_config(dz_ws_project *p, const char *path, dz_error *err) {
  dz_arena *a = dz_arena_new();
  dz_config *c;
  dz_result rc = dz_config_load(path, "/", a, &c, err);
  if (rc != DZ_OK) {
    dz_arena_free(a);
    return rc;
  }
  if (p->config_arena) dz_arena_free(p->config_arena);
  p->config_arena = a;
  p->config = c;
  p->out_dir = dz_config_out_dir(c, a);
  p->journal_path = dz_arena_printf(a, "%s/meta/_journal.json", p->out_dir);
  p->mig_loaded = false;
  p->dirty = true;
  return DZ_OK;
}

static dz_ws_project *project_open(const char *config_path, dz_error *err) {
  dz_ws_project *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->arena = dz_arena_new();
  p->imports = dz_module_cache_new();
  p->journal_size = -1;
  if (load_config(p, config_path, err) != DZ_OK || select_files(p, err) != DZ_OK) {
    project_free(p);
    return NULL;
  }
  return p;
}

static dz_ws_project *find_project(const dz_workspace *ws, const char *config_path) {
  for (size_t i = 0; i < ws->projects.len; i++)
    if (strcmp(ws->projects.items[i]->config->path, config_path) == 0) return ws->projects.items[i];
  return NULL;
}

/* The project whose config lies in dir, if any. */
static dz_ws_project *find_project_in(const dz_workspace *ws, const char *dir) {
  for (size_t i = 0; i < ws->projects.len; i++)
    if (strcmp(ws->projects.items[i]->config->dir, dir) == 0) return ws->projects.items[i];
  return NULL;
}

static dz_ws_project *add_project(dz_workspace *ws, const char *config_path, dz_error *err) {
  dz_ws_project *p = find_project(ws, config_path);
  if (p) return p;
  p = project_open(config_path, err);
  if (p) dz_vec_push(ws->arena, &ws->projects, p);
  return p;
}

/* ---- discovery ---------------------------------------------------------- */

static bool is_config_name(const char *name) {
  for (size_t i = 0; i < sizeof config_names / sizeof *config_names; i++)
    if (strcmp(name, config_names[i]) == 0) return true;
  return false;
}

static bool is_regular_file(const char *path) {
  uv_fs_t req;
  int rc = uv_fs_stat(NULL, &req, path, NULL);
  bool regular = rc == 0 && (req.statbuf.st_mode & S_IFMT) == S_IFREG;
  uv_fs_req_cleanup(&req);
  return regular;
}

/* The config a directory holds, in drizzle-kit's order of preference. */
static const char *config_in(dz_arena *a, const char *dir) {
  for (size_t i = 0; i < sizeof config_names / sizeof *config_names; i++) {
    const char *path = dz_arena_printf(a, "%s/%s", strcmp(dir, "/") ? dir : "", config_names[i]);
    if (is_regular_file(path)) return path;
  }
  return NULL;
}

typedef struct scan {
  dz_workspace *ws;
  dz_arena *a;
  dz_error *err;
} scan;

static void found_file(void *ud, const char *dir, const char *name) {
  scan *sc = ud;
  dz_error one;
  if (!is_config_name(name) || find_project_in(sc->ws, dir)) return;
  if (!add_project(sc->ws, config_in(sc->a, dir), &one) && sc->err && sc->err->code == DZ_OK)
    *sc->err = one;
}

dz_result dz_workspace_scan(dz_workspace *ws, const char *dir, dz_error *err) {
  dz_error_clear(err);
  scan sc = {ws, dz_arena_new(), err};
  dz_walk_files(dz_path_resolve(sc.a, "/", dir), SCAN_MAX_DEPTH, found_file, &sc);
  dz_arena_free(sc.a);
  return err ? err->code : DZ_OK;
}

static bool under_dir(const char *path, const char *dir) {
  size_t n = strlen(dir);
  return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static dz_ws_project *owner_of(const dz_workspace *ws, const char *path) {
  for (size_t i = 0; i < ws->projects.len; i++) {
    dz_ws_project *p = ws->projects.items[i];
    if (find_file(p, path) || strcmp(p->config->path, path) == 0 || under_dir(path, p->out_dir))
      return p;
  }
  return NULL;
}

dz_ws_project *dz_workspace_project_of(dz_workspace *ws, const char *path) {
  dz_ws_project *p = owner_of(ws, path);
  if (p || !path || path[0] != '/') return p;
  dz_arena *a = dz_arena_new();
  for (const char *dir = dz_path_dirname(a, path);; dir = dz_path_dirname(a, dir)) {
    const char *config = config_in(a, dir);
    if (config) {
      p = find_project(ws, config);
      if (!p) p = add_project(ws, config, NULL);
      break;
    }
    if (strcmp(dir, "/") == 0) break;
  }
  dz_arena_free(a);
  return p;
}

/* ---- texts ------------------------------------------------------------- */

dz_ws_project *dz_workspace_set_text(dz_workspace *ws, const char *path, const char *text,
                                     size_t len, const TSTree *tree) {
  dz_ws_project *p = dz_workspace_project_of(ws, path);
  ws_file *f = p ? find_file(p, path) : NULL;
  if (!f) return p;
  dz_module *m = dz_module_extract(f->path, text, len, tree, NULL);
  if (!m) return p; /* tree-sitter gave up: keep the last good module */
  dz_module_free(f->mod);
  f->mod = m;
  f->open = true;
  p->dirty = true;
  return p;
}

void dz_workspace_close_file(dz_workspace *ws, const char *path) {
  dz_ws_project *p = owner_of(ws, path);
  ws_file *f = p ? find_file(p, path) : NULL;
  if (!f) return;
  dz_module_free(f->mod);
  f->mod = NULL;
  f->open = false;
  p->dirty = true;
}

/* Any tsconfig.json, or a file one extends, may have changed: read it again
** at the next link (a new one may also have appeared nearer the config). */
static void forget_tsconfig(dz_ws_project *p) {
  if (!p->ts_arena) return;
  dz_arena_free(p->ts_arena);
  p->ts_arena = NULL;
  p->tsconfig = NULL;
  p->dirty = true;
}

/* The project's tsconfig, read once until a .json file changes. */
static const dz_tsconfig *project_tsconfig(dz_ws_project *p) {
  if (p->ts_arena) return p->tsconfig;
  p->ts_arena = dz_arena_new();
  p->ts_bad = NULL;
  dz_error_clear(&p->ts_error);
  dz_tsconfig_find(p->config->dir, p->ts_arena, &p->tsconfig, &p->ts_bad, &p->ts_error);
  return p->tsconfig;
}

size_t dz_ws_project_tsconfig_count(dz_ws_project *p) {
  const dz_tsconfig *tc = project_tsconfig(p);
  return tc ? tc->files.len : p->ts_bad != NULL;
}

const char *dz_ws_project_tsconfig_file(dz_ws_project *p, size_t i) {
  const dz_tsconfig *tc = project_tsconfig(p);
  return tc ? tc->files.items[i] : p->ts_bad;
}

/* Project i's config is gone: so is the project. */
static void remove_project(dz_workspace *ws, size_t i) {
  project_free(ws->projects.items[i]);
  memmove(ws->projects.items + i, ws->projects.items + i + 1,
          (ws->projects.len - i - 1) * sizeof *ws->projects.items);
  ws->projects.len--;
}

void dz_workspace_file_changed(dz_workspace *ws, const char *path) {
  for (size_t i = 0; i < ws->projects.len; i++) {
    dz_ws_project *p = ws->projects.items[i];
    if (strcmp(path, p->config->path) == 0 && !is_regular_file(path)) {
      remove_project(ws, i--);
      continue;
    }
    dz_module_cache_forget(p->imports, path);
    if (under_dir(path, p->out_dir)) p->mig_loaded = false;
    ws_file *f = find_file(p, path);
    if (f && !f->open) {
      dz_module_free(f->mod);
      f->mod = NULL;
    }
    if (strcmp(path, p->config->path) == 0) load_config(p, path, NULL);
    if (dz_path_has_ext(path, ".json") && !under_dir(path, p->out_dir)) forget_tsconfig(p);
    if (under_dir(path, p->config->dir) && !under_dir(path, p->out_dir)) {
      p->dirty = true;
      select_files(p, NULL); /* a new or deleted file may change the selection */
    }
  }
}

void dz_ws_project_migrations_changed(dz_ws_project *p) { p->mig_loaded = false; }

const dz_strvec *dz_ws_project_new_folder_warnings(dz_ws_project *p) {
  if (p->mig_warned || !p->migrations || !p->migrations->warnings.len) return NULL;
  p->mig_warned = true;
  return &p->migrations->warnings;
}

dz_findings *dz_ws_project_unmeasured(dz_ws_project *p) {
  if (p->measured || !p->an_arena || !p->analysis.findings) return NULL;
  p->measured = true;
  return p->analysis.findings;
}

void dz_ws_project_add_rename(dz_ws_project *p, bool table, const char *spec) {
  dz_strvec *v = table ? &p->table_renames : &p->column_renames;
  for (size_t i = 0; i < v->len; i++)
    if (strcmp(v->items[i], spec) == 0) return;
  dz_vec_push(p->arena, v, dz_arena_strdup(p->arena, spec));
  p->renames = (dz_diff_options){p->column_renames.items, p->column_renames.len,
                                 p->table_renames.items, p->table_renames.len};
  p->dirty = true;
}

/* ---- analysis ----------------------------------------------------------- */

/* Reload the migrations folder when its journal is not the one last read. */
static void refresh_migrations(dz_ws_project *p) {
  uv_fs_t req;
  int rc = uv_fs_stat(NULL, &req, p->journal_path, NULL);
  int64_t size = rc == 0 ? (int64_t)req.statbuf.st_size : -1;
  uv_timespec_t mtime = rc == 0 ? req.statbuf.st_mtim : (uv_timespec_t){0, 0};
  uv_fs_req_cleanup(&req);
  if (p->mig_loaded && size == p->journal_size && mtime.tv_sec == p->journal_mtime.tv_sec &&
      mtime.tv_nsec == p->journal_mtime.tv_nsec)
    return;
  if (p->mig_arena) dz_arena_free(p->mig_arena);
  p->mig_arena = dz_arena_new();
  dz_error err;
  p->migrations = NULL;
  p->mig_error = NULL;
  p->mig_warned = false;
  if (dz_migrations_load(p->out_dir, p->config->dialect, p->mig_arena, &p->migrations, &err) !=
      DZ_OK)
    p->mig_error = dz_arena_strdup(p->mig_arena, err.message);
  p->journal_size = size;
  p->journal_mtime = mtime;
  p->mig_loaded = true;
  p->dirty = true;
}

/* Only analysis reloads the migrations folder, so that the analysis never
** borrows from a folder that was freed. */
const dz_migrations *dz_ws_project_migrations(dz_ws_project *p) {
  return dz_ws_project_analyze(p, NULL) ? p->migrations : NULL;
}

static dz_result load_modules(dz_ws_project *p, dz_module ***mods, dz_error *err) {
  *mods = calloc(p->files.len ? p->files.len : 1, sizeof **mods);
  for (size_t i = 0; i < p->files.len; i++) {
    ws_file *f = &p->files.items[i];
    if (!f->mod && !(f->mod = dz_module_read(f->path, err))) {
      free(*mods);
      return err ? err->code : DZ_ERR_IO;
    }
    (*mods)[i] = f->mod;
  }
  return DZ_OK;
}

/* The project's current schema, linked into a, with diagnostics. */
static dz_result link_schema(dz_ws_project *p, dz_arena *a, dz_schema **out, dz_diag_list *diags,
                             dz_error *err) {
  dz_module **mods;
  dz_result rc = load_modules(p, &mods, err);
  if (rc != DZ_OK) return rc;
  dz_extract_options opt = {p->config->dialect, p->config->casing, project_tsconfig(p)};
  rc = dz_schema_link(mods, p->files.len, &opt, dz_module_cache_loader, p->imports, a, out, diags,
                      err);
  free(mods);
  if (rc == DZ_OK && p->ts_error.code != DZ_OK) dz_tsconfig_warn(*out, diags, p->ts_bad, &p->ts_error);
  if (rc == DZ_OK) dz_schema_check(*out, a, diags);
  return rc;
}

/* Pending changes of an(alysis) against the last snapshot. */
static dz_result plan_pending(dz_ws_project *p, dz_ws_analysis *an, dz_error *err) {
  dz_arena *a = an->arena;
  an->prev = p->migrations ? dz_migrations_last_snapshot(p->migrations) : NULL;
  if (dz_diff_schemas(an->prev, an->schema, &p->renames, a, &an->diff, err) != DZ_OK &&
      dz_diff_schemas(an->prev, an->schema, NULL, a, &an->diff, err) != DZ_OK)
    return err->code;
  dz_result rc =
      dz_sqlgen_migration(an->diff, an->prev, an->schema, p->config->dialect, a, &an->pending, err);
  if (rc == DZ_OK)
    rc = dz_rules_evaluate(an->prev, an->schema, an->diff, an->pending, a, &an->findings, err);
  if (rc == DZ_OK) dz_findings_attach_sql(an->findings, an->pending, a, NULL);
  return rc;
}

const dz_ws_analysis *dz_ws_project_analyze(dz_ws_project *p, dz_error *err) {
  refresh_migrations(p);
  if (!p->dirty && p->an_arena) return &p->analysis;
  dz_arena *a = dz_arena_new();
  dz_ws_analysis an = {.arena = a};
  dz_error e;
  if (link_schema(p, a, &an.schema, &an.diags, err) != DZ_OK) {
    dz_arena_free(a);
    return NULL;
  }
  an.schema_problems = dz_diags_schema_problems(&an.diags);
  if (p->mig_error)
    an.error = dz_arena_strdup(a, p->mig_error);
  else if (plan_pending(p, &an, &e) != DZ_OK)
    an.error = dz_arena_strdup(a, e.message);
  if (p->an_arena) dz_arena_free(p->an_arena);
  p->an_arena = a;
  p->analysis = an;
  p->dirty = false;
  p->measured = false;
  return &p->analysis;
}

const dz_sql_plan *dz_ws_project_create_plan(dz_ws_project *p, dz_error *err) {
  dz_ws_analysis *an = dz_ws_project_analyze(p, err) ? &p->analysis : NULL;
  if (!an || an->create) return an ? an->create : NULL;
  dz_diff *all;
  if (dz_diff_schemas(NULL, an->schema, NULL, an->arena, &all, err) != DZ_OK ||
      dz_sqlgen_migration(all, NULL, an->schema, p->config->dialect, an->arena, &an->create, err) !=
          DZ_OK)
    return NULL;
  return an->create;
}

dz_result dz_ws_project_plan(dz_ws_project *p, dz_arena *a, dz_generate_plan **out, dz_error *err) {
  if (!dz_ws_project_analyze(p, err)) return err ? err->code : DZ_ERR_IO;
  if (p->mig_error) return dz_error_set(err, DZ_ERR_INCONSISTENT, "%s", p->mig_error);
  dz_schema *schema;
  dz_diag_list diags = {0};
  dz_result rc = link_schema(p, a, &schema, &diags, err);
  if (rc != DZ_OK) return rc;
  size_t n = dz_diags_schema_problems(&diags);
  if (n)
    return dz_error_set(err, DZ_ERR_CONFIG,
                        "the schema could not be read completely (%zu problem%s); fix %s first: "
                        "nothing was written",
                        n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
  dz_generate_options opt = {0};
  opt.renames = p->renames;
  return dz_generate_plan_migration(p->config, p->migrations, schema, &opt, a, out, err);
}
