/*
** drizzle_features.c — the feature hooks wired to the workspace: an opened
** or edited document re-extracts its file and republishes its project's
** diagnostics (publish.c: open or not); a closed one falls back to the
** disk; files changed on disk (a migration written by drizzle-kit) refresh
** what depends on them. Every project is published once the client says
** initialized.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "drizzle_lsp/path.h"

/* docs/rules.md beside the binary's directory (a build tree or an install
** with share/doc), as a file: URI; NULL when neither is there. */
static const char *find_rules_doc(dz_arena *a) {
  char exe[4096];
  size_t n = sizeof exe;
  if (uv_exepath(exe, &n) != 0) return NULL;
  const char *dir = dz_path_dirname(a, exe);
  const char *candidates[] = {"../docs/rules.md", "../share/doc/drizzle-lsp/rules.md"};
  for (size_t i = 0; i < 2; i++) {
    const char *path = dz_path_resolve(a, dir, candidates[i]);
    uv_fs_t req;
    int rc = uv_fs_stat(NULL, &req, path, NULL);
    uv_fs_req_cleanup(&req);
    if (rc == 0) return dz_lsp_path_to_uri(a, path);
  }
  return NULL;
}

dz_features_state *dz_features_state_new(void) {
  dz_features_state *st = calloc(1, sizeof *st);
  if (!st) return NULL;
  st->ws = dz_workspace_new();
  st->uses = dz_uses_cache_new();
  st->published = dz_published_new();
  st->arena = dz_arena_new();
  st->rules_doc = find_rules_doc(st->arena);
  char tmp[4096];
  size_t n = sizeof tmp;
  st->preview_dir = dz_arena_printf(st->arena, "%s/drizzle-lsp-preview-%d",
                                    uv_os_tmpdir(tmp, &n) == 0 ? tmp : "/tmp", (int)uv_os_getpid());
  return st;
}

/* The previews written this session, and their directory. */
static void remove_previews(const char *dir) {
  uv_fs_t req;
  if (uv_fs_scandir(NULL, &req, dir, 0, NULL) < 0) {
    uv_fs_req_cleanup(&req);
    return;
  }
  dz_arena *a = dz_arena_new();
  uv_dirent_t ent;
  while (uv_fs_scandir_next(&req, &ent) != UV_EOF) {
    uv_fs_t un;
    uv_fs_unlink(NULL, &un, dz_arena_printf(a, "%s/%s", dir, ent.name), NULL);
    uv_fs_req_cleanup(&un);
  }
  uv_fs_req_cleanup(&req);
  uv_fs_rmdir(NULL, &req, dir, NULL);
  uv_fs_req_cleanup(&req);
  dz_arena_free(a);
}

void dz_features_state_free(dz_features_state *st) {
  if (!st) return;
  dz_fs_watch_free(st->watch);
  dz_uses_cache_free(st->uses);
  dz_published_free(st->published);
  remove_previews(st->preview_dir);
  dz_workspace_free(st->ws);
  dz_arena_free(st->arena);
  free(st);
}

static void scan_folders(dz_features_state *st, dz_server *s) {
  if (st->scanned) return;
  st->scanned = true;
  dz_arena *a = dz_arena_new();
  dz_error err;
  for (size_t i = 0; i < s->folders.len; i++) {
    const char *path = dz_lsp_uri_to_path(a, s->folders.items[i]);
    if (path && dz_workspace_scan(st->ws, path, &err) != DZ_OK)
      dz_server_log(s, DZ_LOG_WARNING, "%s", err.message);
  }
  if (!s->folders.len && s->root_path && dz_workspace_scan(st->ws, s->root_path, &err) != DZ_OK)
    dz_server_log(s, DZ_LOG_WARNING, "%s", err.message);
  dz_arena_free(a);
}

dz_ws_project *dz_features_project(dz_features_state *st, dz_server *s, const char *path) {
  scan_folders(st, s);
  return path ? dz_workspace_project_of(st->ws, path) : NULL;
}

dz_result dz_features_doc_analysis(dz_features_state *st, dz_server *s, const dz_document *doc,
                                   dz_ws_project **p, const dz_ws_analysis **an, dz_error *err) {
  *an = NULL;
  dz_ws_project *proj = dz_features_project(st, s, doc->path);
  if (p) *p = proj;
  if (!proj || !dz_ws_project_has_file(proj, doc->path)) return DZ_OK;
  *an = dz_ws_project_analyze(proj, err);
  return *an ? DZ_OK : err ? err->code : DZ_ERR_IO;
}

/* Watch what the project's diagnostics depend on, when the client does not. */
static void watch_project(dz_features_state *st, const dz_server *s, dz_ws_project *p) {
  if (!st->watch || s->client.watch_dynamic) return;
  dz_arena *a = dz_arena_new();
  const char *out = dz_ws_project_out_dir(p);
  dz_fs_watch_dir(st->watch, dz_ws_project_config(p)->dir, NULL);
  dz_fs_watch_dir(st->watch, out, NULL);
  dz_fs_watch_dir(st->watch, dz_arena_printf(a, "%s/meta", out), NULL);
  for (size_t i = 0; i < dz_ws_project_file_count(p); i++)
    dz_fs_watch_dir(st->watch, dz_path_dirname(a, dz_ws_project_file(p, i)), NULL);
  for (size_t i = 0; i < dz_ws_project_tsconfig_count(p); i++)
    dz_fs_watch_dir(st->watch, dz_path_dirname(a, dz_ws_project_tsconfig_file(p, i)), NULL);
  dz_arena_free(a);
}

static void publish(dz_features_state *st, dz_server *s, dz_ws_project *p, bool edit) {
  watch_project(st, s, p);
  dz_publish_project(st, s, p, edit);
}

void dz_features_publish_project(dz_features_state *st, dz_server *s, dz_ws_project *p) {
  publish(st, s, p, false);
}

/* A schema file's edit changes its whole project; any other file (a
** migration .sql, application code) only its own diagnostics. */
static void on_changed(void *ud, dz_server *s, const dz_document *doc) {
  dz_features_state *st = ud;
  dz_ws_project *p = dz_features_project(st, s, doc->path);
  if (!p) return;
  if (dz_ws_project_has_file(p, doc->path)) {
    dz_workspace_set_text(st->ws, doc->path, doc->text, doc->len, doc->tree);
    publish(st, s, p, true);
    return;
  }
  dz_uses_cache_clear(st->uses); /* application code may read other columns now */
  dz_publish_document(st, s, p, doc);
}

/* A closed schema file keeps its project's diagnostics (as a closed file,
** when the setting allows); anything else loses its own. */
static void on_closed(void *ud, dz_server *s, const char *uri) {
  dz_features_state *st = ud;
  dz_arena *a = dz_arena_new();
  const char *path = dz_lsp_uri_to_path(a, uri);
  dz_ws_project *p = path ? dz_workspace_project_of(st->ws, path) : NULL;
  if (p) {
    dz_workspace_close_file(st->ws, path);
    dz_features_publish_project(st, s, p);
  } else {
    dz_unpublish(st, s, uri);
  }
  dz_arena_free(a);
}

/* A file changed on disk: drop what depends on it (a new config is a new project). */
static void forget_file(dz_features_state *st, const char *path) {
  dz_uses_cache_clear(st->uses);
  if (strncmp(dz_path_basename(path), "drizzle.config.", 15) == 0) {
    dz_arena *a = dz_arena_new();
    dz_workspace_scan(st->ws, dz_path_dirname(a, path), NULL);
    dz_arena_free(a);
  }
  dz_workspace_file_changed(st->ws, path);
}

static void publish_all(void *ud, dz_server *s) {
  dz_features_state *st = ud;
  for (size_t i = 0; i < dz_workspace_count(st->ws); i++)
    dz_features_publish_project(st, s, dz_workspace_at(st->ws, i));
  dz_publish_prune(st, s);
}

/* The workspace is read once the client is ready, so that the Problems
** list shows every project's pending changes before anything is opened. */
static void on_initialized(void *ud, dz_server *s) {
  dz_features_state *st = ud;
  scan_folders(st, s);
  publish_all(st, s);
}

static void on_file_changed(void *ud, dz_server *s, const char *path) {
  dz_features_state *st = ud;
  scan_folders(st, s);
  forget_file(st, path);
  publish_all(st, s);
}

static void watched_changed(void *ud, const char *path) { forget_file(ud, path); }

static void watched_batch(void *ud) {
  dz_features_state *st = ud;
  publish_all(st, st->server);
}

void dz_features_attach(dz_features_state *st, uv_loop_t *loop, dz_server *s) {
  st->loop = loop;
  st->server = s;
  if (!st->watch) st->watch = dz_fs_watch_new(loop, watched_changed, watched_batch, st);
}

static const char *const commands[] = {DZ_CMD_GENERATE, DZ_CMD_WRITTEN, DZ_CMD_PREVIEW,
                                       DZ_CMD_RENAME,   DZ_CMD_DRY_RUN, NULL};

void dz_features_hooks(dz_features_state *st, dz_lsp_features *out) {
  *out = (dz_lsp_features){
      .ud = st,
      .document_changed = on_changed,
      .document_closed = on_closed,
      .hover = dz_features_hover_at,
      .code_actions = dz_features_code_actions,
      .commands = commands,
      .execute_command = dz_features_execute,
      .file_changed = on_file_changed,
      .settings_changed = publish_all,
      .initialized = on_initialized,
      .code_lenses = dz_features_code_lenses,
      .document_symbols = dz_features_symbols,
      .definition = dz_features_goto_definition,
      .references = dz_features_find_references,
  };
}
