/*
** path.c — Node-style lexical path resolution (see path.h for why lexical).
*/
#include "drizzle_lsp/path.h"

#include <string.h>

/* Append one segment to the normalized absolute path being built in out
** (length *n), applying `.` and `..` the way path.normalize does. */
static void push_segment(char *out, size_t *n, const char *seg, size_t len) {
  if (len == 0 || (len == 1 && seg[0] == '.')) return;
  if (len == 2 && seg[0] == '.' && seg[1] == '.') {
    while (*n > 1 && out[*n - 1] != '/') (*n)--;
    if (*n > 1) (*n)--; /* drop the slash too, but keep the root */
    return;
  }
  if (*n > 1) out[(*n)++] = '/';
  memcpy(out + *n, seg, len);
  *n += len;
}

static void push_all(char *out, size_t *n, const char *p) {
  while (*p) {
    const char *slash = strchr(p, '/');
    size_t len = slash ? (size_t)(slash - p) : strlen(p);
    push_segment(out, n, p, len);
    p += len;
    if (*p == '/') p++;
  }
}

char *dz_path_resolve(dz_arena *a, const char *base, const char *path) {
  size_t cap = strlen(base) + strlen(path) + 3;
  char *out = dz_arena_alloc(a, cap);
  size_t n = 1;
  out[0] = '/';
  if (path[0] != '/') push_all(out, &n, base);
  push_all(out, &n, path);
  out[n] = '\0';
  return out;
}

char *dz_path_dirname(dz_arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || slash == path) return dz_arena_strdup(a, "/");
  return dz_arena_strndup(a, path, (size_t)(slash - path));
}

const char *dz_path_basename(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

bool dz_path_has_ext(const char *name, const char *ext) {
  size_t n = strlen(name), e = strlen(ext);
  return n >= e && memcmp(name + n - e, ext, e) == 0;
}
