/*
** module_cache.c — modules read from disk for import resolution, kept
** across links (extract.h), so that the language server, which relinks the
** schema on every edit, parses a shared file once until it changes.
*/
#include "drizzle_lsp/extract.h"

#include <stdlib.h>
#include <string.h>

typedef struct dz_cached {
  char *path;
  dz_module *m;  /* NULL: no such file (remembered until forgotten) */
} dz_cached;

struct dz_module_cache {
  dz_cached *items;
  size_t len, cap;
};

dz_module_cache *dz_module_cache_new(void) { return calloc(1, sizeof(dz_module_cache)); }

void dz_module_cache_free(dz_module_cache *c) {
  if (!c) return;
  for (size_t i = 0; i < c->len; i++) {
    dz_module_free(c->items[i].m);
    free(c->items[i].path);
  }
  free(c->items);
  free(c);
}

/* Remember path -> m; false if memory ran out (then nothing is kept). */
static bool remember(dz_module_cache *c, const char *path, dz_module *m) {
  if (c->len == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 16;
    dz_cached *items = realloc(c->items, cap * sizeof *items);
    if (!items) return false;
    c->items = items;
    c->cap = cap;
  }
  char *copy = strdup(path);
  if (!copy) return false;
  c->items[c->len++] = (dz_cached){copy, m};
  return true;
}

dz_module *dz_module_cache_loader(void *cache, const char *path, bool *owned) {
  dz_module_cache *c = cache;
  for (size_t i = 0; i < c->len; i++)
    if (strcmp(c->items[i].path, path) == 0) {
      *owned = false;
      return c->items[i].m;
    }
  dz_module *m = dz_module_read(path, NULL);
  *owned = !remember(c, path, m); /* not remembered: the link frees it */
  return m;
}

void dz_module_cache_forget(dz_module_cache *c, const char *path) {
  for (size_t i = 0; i < c->len; i++)
    if (strcmp(c->items[i].path, path) == 0) {
      dz_module_free(c->items[i].m);
      free(c->items[i].path);
      c->items[i] = c->items[--c->len];
      return;
    }
}
