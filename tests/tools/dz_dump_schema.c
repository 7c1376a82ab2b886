/*
** dz_dump_schema — extract schema files and print the model as the snapshot
** drizzle-kit would write (ids all zero), so that script tests can compare
** extraction with drizzle-kit's own output; diagnostics go to stderr as
** path:line:col: severity: message.
**
**   dz_dump_schema [--casing camelCase|snake_case] file.ts...
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/snapshot.h"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(n > 0 ? (size_t)n : 1);
  *len = buf ? fread(buf, 1, (size_t)(n > 0 ? n : 0), f) : 0;
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE};
  dz_source_file files[64];
  size_t n = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--casing") == 0 && i + 1 < argc) {
      i++;
      opt.casing = strcmp(argv[i], "camelCase") == 0 ? DZ_CASING_CAMEL : DZ_CASING_SNAKE;
      continue;
    }
    if (n == 64) break;
    char *abs = realpath(argv[i], NULL);
    size_t len = 0;
    char *text = abs ? slurp(abs, &len) : NULL;
    if (!text) {
      fprintf(stderr, "dz_dump_schema: cannot read %s\n", argv[i]);
      return 2;
    }
    files[n++] = (dz_source_file){abs, text, len};
  }
  dz_arena *a = dz_arena_new();
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  dz_error err;
  dz_result rc = dz_extract_schema(files, n, &opt, a, &s, &diags, &err);
  int status = 0;
  if (rc != DZ_OK) {
    fprintf(stderr, "dz_dump_schema: %s\n", err.message);
    status = 2;
  } else {
    s->id = s->prev_id = "00000000-0000-0000-0000-000000000000";
    puts(dz_snapshot_write(s, a));
    for (size_t i = 0; i < diags.len; i++) {
      const dz_diag *d = &diags.items[i];
      fprintf(stderr, "%s:%u:%u: %s: %s\n", d->span.file < s->files.len ? s->files.items[d->span.file] : "?",
              d->span.start.row + 1, d->span.start.column + 1, dz_severity_name(d->severity), d->message);
    }
  }
  for (size_t i = 0; i < n; i++) {
    free((char *)files[i].path);
    free((char *)files[i].text);
  }
  dz_arena_free(a);
  return status;
}
