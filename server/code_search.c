/*
** code_search.c — where application code uses a table or a column: a text
** search of the project's TypeScript and JavaScript files (outside
** node_modules and dot-directories) for `.<key>` (a column) or the table's
** exported name as a whole word. Open documents are searched as the editor
** has them. Text, not types: a same-named property elsewhere is listed too,
** which is what a user hunting a dropped column's readers wants.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/fs_walk.h"
#include "drizzle_lsp/path.h"

#define SEARCH_DEPTH 12
#define MAX_FILE_BYTES (4u << 20)
#define MAX_HITS 500

typedef struct search {
  dz_server *s;
  const char *word;
  bool member;
  const char *skip_project; /* NULL, or a project whose schema files are not searched */
  dz_workspace *ws;
  dz_arena *a;
  dz_lsp_location_list *out;
} search;

static bool ident(char c) { return isalnum((unsigned char)c) || c == '_' || c == '$'; }

static bool code_file(const char *name) {
  static const char *const exts[] = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"};
  if (dz_path_has_ext(name, ".d.ts")) return false;
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
    if (dz_path_has_ext(name, exts[i])) return true;
  return false;
}

static void search_text(search *sr, const char *path, const char *text, size_t len) {
  size_t n = strlen(sr->word);
  for (const char *p = text; sr->out->len < MAX_HITS && (p = strstr(p, sr->word)); p += n) {
    size_t at = (size_t)(p - text);
    if (at + n > len) break;
    char before = at ? text[at - 1] : ' ', after = at + n < len ? text[at + n] : ' ';
    bool ok = sr->member ? before == '.' : (before != '.' && !ident(before));
    if (!ok || ident(after)) continue;
    dz_lsp_location l = {path, (uint32_t)at, (uint32_t)(at + n)};
    dz_vec_push(sr->a, sr->out, l);
  }
}

static void visit(void *ud, const char *dir, const char *name) {
  search *sr = ud;
  if (!code_file(name)) return;
  const char *path = dz_arena_printf(sr->a, "%s/%s", dir, name);
  if (sr->skip_project) {
    dz_ws_project *p = dz_workspace_project_of(sr->ws, path);
    if (p && dz_ws_project_has_file(p, path)) return;
  }
  const dz_document *doc = dz_documents_get(sr->s->docs, dz_lsp_path_to_uri(sr->a, path));
  char *text;
  size_t len;
  if (doc) {
    if (!memchr(doc->text, '\0', doc->len)) search_text(sr, path, doc->text, doc->len);
    return;
  }
  if (dz_read_file(path, sr->a, &text, &len, NULL) != DZ_OK || len > MAX_FILE_BYTES ||
      memchr(text, '\0', len))
    return;
  search_text(sr, path, text, len);
}

void dz_code_uses(dz_server *s, const char *dir, const char *word, bool member, dz_arena *a,
                  dz_lsp_location_list *out) {
  if (!word || !*word) return;
  search sr = {s, word, member, NULL, NULL, a, out};
  dz_walk_files(dir, SEARCH_DEPTH, visit, &sr);
}

/* ---- application code that reads a dropped column -------------------------
** Cached per word and directory until a file outside the schema changes
** (the schema files are not searched, so edits to them keep the cache). */

typedef struct cached_uses {
  const char *dir, *word;
  dz_lsp_location_list found;
} cached_uses;

struct dz_uses_cache {
  dz_arena *a;
  DZ_VEC(cached_uses) items;
};

dz_uses_cache *dz_uses_cache_new(void) {
  dz_uses_cache *c = calloc(1, sizeof *c);
  if (c) c->a = dz_arena_new();
  return c;
}

void dz_uses_cache_free(dz_uses_cache *c) {
  if (!c) return;
  dz_arena_free(c->a);
  free(c);
}

void dz_uses_cache_clear(dz_uses_cache *c) {
  dz_arena_free(c->a);
  c->a = dz_arena_new();
  memset(&c->items, 0, sizeof c->items);
}

const dz_lsp_location_list *dz_app_uses(dz_uses_cache *c, dz_server *s, dz_workspace *ws,
                                        const char *dir, const char *word) {
  for (size_t i = 0; i < c->items.len; i++)
    if (strcmp(c->items.items[i].dir, dir) == 0 && strcmp(c->items.items[i].word, word) == 0)
      return &c->items.items[i].found;
  cached_uses u = {dz_arena_strdup(c->a, dir), dz_arena_strdup(c->a, word), {0}};
  search sr = {s, u.word, true, dir, ws, c->a, &u.found};
  dz_walk_files(dir, SEARCH_DEPTH, visit, &sr);
  dz_vec_push(c->a, &c->items, u);
  return &c->items.items[c->items.len - 1].found;
}
