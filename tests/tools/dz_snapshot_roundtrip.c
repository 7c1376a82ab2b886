/*
** dz_snapshot_roundtrip — test tool: read a drizzle-kit snapshot or journal
** with the engine and write it back to stdout, for comparison with the file.
**
**   dz_snapshot_roundtrip snapshot|journal FILE
**
** Exit 0 with the written text on stdout; 2 with the engine's error message
** on stderr when the file cannot be read.
*/
#include "drizzle_lsp/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file in a; NULL (and a message) when it cannot be read. */
static char *slurp(const char *path, dz_arena *a, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = dz_arena_alloc(a, cap);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      char *bigger = dz_arena_alloc(a, cap * 2);
      memcpy(bigger, buf, n);
      buf = bigger;
      cap *= 2;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

static int roundtrip(const char *mode, const char *path, dz_arena *a) {
  size_t len;
  char *text = slurp(path, a, &len);
  if (!text) return 2;
  dz_error err;
  dz_error_clear(&err);
  char *out = NULL;
  if (strcmp(mode, "snapshot") == 0) {
    dz_schema *s;
    if (dz_snapshot_read(path, text, len, a, &s, &err) == DZ_OK) out = dz_snapshot_write(s, a);
  } else {
    dz_journal *j;
    if (dz_journal_read(path, text, len, a, &j, &err) == DZ_OK) out = dz_journal_write(j, a);
  }
  if (!out) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  fputs(out, stdout);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3 || (strcmp(argv[1], "snapshot") != 0 && strcmp(argv[1], "journal") != 0)) {
    fprintf(stderr, "usage: dz_snapshot_roundtrip snapshot|journal FILE\n");
    return 2;
  }
  dz_arena *a = dz_arena_new();
  int rc = roundtrip(argv[1], argv[2], a);
  dz_arena_free(a);
  return rc;
}
