/*
** dz_snapshot_roundtrip — test tool: read a drizzle-kit snapshot or journal
** with the engine and write it back to stdout, for comparison with the file.
**
**   dz_snapshot_roundtrip snapshot|journal FILE
**
** Exit 0 with the written text on stdout; 2 with the engine's error message
** on stderr when the file cannot be read.
*/
#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/snapshot.h"

#include <stdio.h>
#include <string.h>

static int roundtrip(const char *mode, const char *path, dz_arena *a) {
  size_t len;
  char *text, *out = NULL;
  dz_error err;
  dz_error_clear(&err);
  bool read = dz_read_file(path, a, &text, &len, &err) == DZ_OK;
  dz_schema *s;
  dz_journal *j;
  if (read && strcmp(mode, "snapshot") == 0) {
    if (dz_snapshot_read(path, text, len, a, &s, &err) == DZ_OK) out = dz_snapshot_write(s, a);
  } else if (read) {
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
