/*
** publish.c — where a project's diagnostics go. Every open document of the
** project gets its own (with its version); with the setting
** drizzle.diagnostics.closedFiles (default on) so do its schema files that
** are not open and the migration files the migrator's problems name, so
** that the editor's Problems list shows every pending change. The URIs
** that carry diagnostics are remembered, so that one whose findings are
** gone (a migration was generated, the file left the schema globs, the
** setting was turned off) gets the empty publication that clears it.
**
** A republish is one analysis (cached by the workspace), one read of the
** development database (none after a schema edit: it changes nothing in the
** migrations), then one publication per file whose diagnostics changed:
** closed files' positions come from the text the workspace's analysis read.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/path.h"

typedef struct published {
  char *uri;       /* malloc'd */
  char *owner;     /* the project's config path, malloc'd */
  uint64_t digest; /* of what was published (closed files), 0: an open document's */
  bool migration;  /* a closed migration file (the migrator's problems) */
  bool stale;      /* not yet published again in the current round */
} published;

struct dz_published {
  published *items;
  size_t len, cap;
};

dz_published *dz_published_new(void) { return calloc(1, sizeof(dz_published)); }

void dz_published_free(dz_published *t) {
  if (!t) return;
  for (size_t i = 0; i < t->len; i++) {
    free(t->items[i].uri);
    free(t->items[i].owner);
  }
  free(t->items);
  free(t);
}

static published *find(const dz_published *t, const char *uri) {
  for (size_t i = 0; i < t->len; i++)
    if (strcmp(t->items[i].uri, uri) == 0) return &t->items[i];
  return NULL;
}

static void forget(dz_published *t, published *e) {
  free(e->uri);
  free(e->owner);
  *e = t->items[--t->len];
}

/* Remember that uri (of owner) carries diagnostics. Out of memory it is not
** remembered: the worst outcome is a stale entry the client keeps. */
static void remember(dz_published *t, const char *uri, const char *owner, uint64_t digest,
                     bool migration) {
  published *e = find(t, uri);
  if (e && strcmp(e->owner, owner) != 0) forget(t, e), e = NULL;
  if (e) {
    e->stale = false;
    e->digest = digest;
    e->migration = migration;
    return;
  }
  if (t->len == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 16;
    published *items = realloc(t->items, cap * sizeof *items);
    if (!items) return;
    t->items = items;
    t->cap = cap;
  }
  published n = {strdup(uri), strdup(owner), digest, migration, false};
  if (!n.uri || !n.owner) {
    free(n.uri);
    free(n.owner);
    return;
  }
  t->items[t->len++] = n;
}

/* One republication of a project: what every file's diagnostics come from. */
typedef struct round {
  dz_features_state *st;
  dz_server *s;
  dz_ws_project *p;
  const dz_ws_analysis *an;
  const char *owner;   /* the config's path */
  dz_findings applied; /* the migrator's problems, in a, once read */
  bool applied_read;
  bool migration_files; /* the closed migration files being published */
  dz_arena *a;
} round;

/* FNV-1a over bytes, and over a string with its end. */
static uint64_t mix(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3u;
  return h;
}

static uint64_t mix_str(uint64_t h, const char *s) { return s ? mix(h, s, strlen(s) + 1) : mix(h, "", 1); }

/* What a closed file's publication is made of: its text and every
** diagnostic's fields (related places by the bytes of the current analysis,
** so a shift in another file changes it too). Never 0. */
static uint64_t digest(const char *text, size_t len, const dz_lsp_diagnostic_list *list) {
  uint64_t h = mix(0xcbf29ce484222325u, text, len);
  for (size_t i = 0; i < list->len; i++) {
    const dz_lsp_diagnostic *d = &list->items[i];
    uint32_t nums[3] = {(uint32_t)d->diag.severity, d->diag.span.start_byte, d->diag.span.end_byte};
    h = mix(h, nums, sizeof nums);
    h = mix_str(mix_str(mix_str(h, d->diag.code), d->diag.message), d->href);
    for (size_t j = 0; j < d->related.len; j++) {
      const dz_lsp_related *r = &d->related.items[j];
      uint32_t at[2] = {r->start_byte, r->end_byte};
      h = mix_str(mix_str(mix(h, at, sizeof at), r->path), r->message);
    }
  }
  return h ? h : 1;
}

/* Send list for uri (version < 0: a closed file) and remember whether it
** carries diagnostics now. A closed file is not sent again what it was
** sent last (a keystroke elsewhere in the project changes nothing there),
** nor nothing when it shows nothing. */
static void send_list(round *r, const char *uri, int64_t version, const char *text, size_t len,
                      const dz_lsp_diagnostic_list *list) {
  dz_published *t = r->st->published;
  published *e = find(t, uri);
  uint64_t sum = version < 0 && list->len ? digest(text, len, list) : 0;
  if (version < 0 && (e ? e->digest == sum && sum : !list->len)) {
    if (e) e->stale = false;
    return;
  }
  dz_server_publish(r->s, uri, version, text, len, list->items, list->len);
  if (list->len) remember(t, uri, r->owner, sum, r->migration_files);
  else if (e) forget(t, e);
}

static bool under_out(const dz_ws_project *p, const char *path) {
  const char *out = dz_ws_project_out_dir(p);
  size_t n = strlen(out);
  return strncmp(path, out, n) == 0 && path[n] == '/';
}

static bool is_migration_sql(const dz_ws_project *p, const char *path) {
  return under_out(p, path) && dz_path_has_ext(path, ".sql") && !dz_path_has_ext(path, ".down.sql");
}

static bool is_journal(const dz_ws_project *p, const char *path) {
  return under_out(p, path) &&
         strcmp(path + strlen(dz_ws_project_out_dir(p)), "/meta/_journal.json") == 0;
}

static bool round_start(round *r, dz_features_state *st, dz_server *s, dz_ws_project *p) {
  dz_error err;
  *r = (round){st, s, p, NULL, dz_ws_project_config(p)->path, {{0}}, false, false, NULL};
  r->an = dz_ws_project_analyze(p, &err);
  if (!r->an) {
    dz_server_log(s, DZ_LOG_ERROR, "%s", err.message);
    return false;
  }
  r->a = dz_arena_new();
  return true;
}

/* The development database is read only for files that can show its
** problems, once per round. */
static const dz_findings *applied(round *r) {
  if (!r->applied_read) dz_applied_problems(r->s, r->p, r->a, &r->applied);
  r->applied_read = true;
  return &r->applied;
}

static void publish_open(round *r, const dz_document *doc) {
  dz_lsp_diagnostic_list list = {0};
  if (dz_ws_project_has_file(r->p, doc->path) || strcmp(r->owner, doc->path) == 0) {
    dz_diagnostics_for_schema_file(r->st, r->s, r->p, r->an, r->owner, doc->path, r->a, &list);
  } else if (is_migration_sql(r->p, doc->path)) {
    dz_diagnostics_for_migration_file(r->p, doc, r->a, &list);
    dz_diagnostics_for_applied(r->st, r->s, applied(r), doc->path, doc->len, r->a, &list);
  } else if (is_journal(r->p, doc->path)) {
    dz_diagnostics_for_applied(r->st, r->s, applied(r), doc->path, doc->len, r->a, &list);
  }
  send_list(r, doc->uri, doc->version, doc->text, doc->len, &list);
}

static const dz_document *open_doc(const dz_server *s, const char *path) {
  for (size_t i = 0; i < dz_documents_count(s->docs); i++) {
    const dz_document *doc = dz_documents_at(s->docs, i);
    if (doc->path && strcmp(doc->path, path) == 0) return doc;
  }
  return NULL;
}

static void publish_closed_schema_files(round *r) {
  for (size_t i = 0; i < dz_ws_project_file_count(r->p); i++) {
    const char *path = dz_ws_project_file(r->p, i);
    size_t len;
    const char *text = dz_ws_project_file_text(r->p, i, &len);
    if (!text || open_doc(r->s, path)) continue;
    dz_lsp_diagnostic_list list = {0};
    dz_diagnostics_for_schema_file(r->st, r->s, r->p, r->an, r->owner, path, r->a, &list);
    send_list(r, dz_lsp_path_to_uri(r->a, path), -1, text, len, &list);
  }
}

/* The text of a file the migrator's problems name: the migration's SQL as
** loaded, else (the journal) the disk's; NULL when it cannot be read. */
static const char *migration_file_text(round *r, const char *path, size_t *len) {
  const dz_migrations *ms = dz_ws_project_migrations(r->p);
  for (size_t i = 0; ms && i < ms->items.len; i++)
    if (strcmp(ms->items.items[i].sql_path, path) == 0) {
      *len = ms->items.items[i].sql_len;
      return ms->items.items[i].sql;
    }
  char *text;
  return dz_read_file(path, r->a, &text, len, NULL) == DZ_OK ? text : NULL;
}

static bool named_before(const dz_findings *fs, size_t i) {
  for (size_t j = 0; j < i; j++)
    if (strcmp(fs->items.items[j]->loc.file, fs->items.items[i]->loc.file) == 0) return true;
  return false;
}

static void publish_closed_migration_files(round *r) {
  r->migration_files = true;
  const dz_findings *fs = applied(r);
  for (size_t i = 0; i < fs->items.len; i++) {
    const char *path = fs->items.items[i]->loc.file;
    if (!path || named_before(fs, i) || open_doc(r->s, path)) continue;
    size_t len;
    const char *text = migration_file_text(r, path, &len);
    if (!text) continue;
    dz_lsp_diagnostic_list list = {0};
    dz_diagnostics_for_applied(r->st, r->s, fs, path, len, r->a, &list);
    send_list(r, dz_lsp_path_to_uri(r->a, path), -1, text, len, &list);
  }
}

/* Send the empty publication that clears e, and forget it. */
static void clear(dz_published *t, dz_server *s, published *e) {
  dz_server_publish(s, e->uri, -1, "", 0, NULL, 0);
  forget(t, e);
}

/* Clear every entry for which gone(ctx, entry) holds. */
static void clear_if(dz_features_state *st, dz_server *s,
                     bool (*gone)(const void *ctx, const published *e), const void *ctx) {
  dz_published *t = st->published;
  for (size_t i = 0; i < t->len;) {
    if (gone(ctx, &t->items[i])) clear(t, s, &t->items[i]);
    else i++;
  }
}

/* What r's project published before and did not publish again. */
static bool stale_in_round(const void *ctx, const published *e) {
  const round *r = ctx;
  return e->stale && strcmp(e->owner, r->owner) == 0;
}

void dz_publish_project(dz_features_state *st, dz_server *s, dz_ws_project *p, bool edit) {
  round r;
  if (!round_start(&r, st, s, p)) return;
  if (r.an->error) dz_server_log(s, DZ_LOG_WARNING, "%s", r.an->error);
  const dz_strvec *warnings = dz_ws_project_new_folder_warnings(p);
  for (size_t i = 0; warnings && i < warnings->len; i++)
    dz_server_log(s, DZ_LOG_WARNING, "%s", warnings->items[i]);
  dz_features_measure(s, p, r.an);
  for (size_t i = 0; i < st->published->len; i++) {
    published *e = &st->published->items[i];
    if (strcmp(e->owner, r.owner) == 0) e->stale = !(edit && e->migration);
  }
  for (size_t i = 0; i < dz_documents_count(s->docs); i++) {
    const dz_document *doc = dz_documents_at(s->docs, i);
    if (doc->path && dz_workspace_project_of(st->ws, doc->path) == p) publish_open(&r, doc);
  }
  if (s->settings.closed_files) {
    publish_closed_schema_files(&r);
    if (!edit) publish_closed_migration_files(&r);
  }
  clear_if(st, s, stale_in_round, &r);
  dz_arena_free(r.a);
}

void dz_publish_document(dz_features_state *st, dz_server *s, dz_ws_project *p,
                         const dz_document *doc) {
  round r;
  if (!round_start(&r, st, s, p)) return;
  publish_open(&r, doc);
  dz_arena_free(r.a);
}

/* What a project that is no longer in the workspace published. */
static bool project_gone(const void *ctx, const published *e) {
  const dz_workspace *ws = ctx;
  for (size_t i = 0; i < dz_workspace_count(ws); i++)
    if (strcmp(dz_ws_project_config(dz_workspace_at(ws, i))->path, e->owner) == 0) return false;
  return true;
}

void dz_publish_prune(dz_features_state *st, dz_server *s) { clear_if(st, s, project_gone, st->ws); }

void dz_unpublish(dz_features_state *st, dz_server *s, const char *uri) {
  published *e = find(st->published, uri);
  if (e) clear(st->published, s, e);
}
