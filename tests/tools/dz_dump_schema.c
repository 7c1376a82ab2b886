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

int main(int argc, char **argv) {
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE, NULL};
  dz_module *mods[64];
  size_t n = 0;
  int status = 0;
  for (int i = 1; i < argc && status == 0; i++) {
    if (strcmp(argv[i], "--casing") == 0 && i + 1 < argc) {
      i++;
      opt.casing = strcmp(argv[i], "camelCase") == 0 ? DZ_CASING_CAMEL : DZ_CASING_SNAKE;
      continue;
    }
    char *abs = n < 64 ? realpath(argv[i], NULL) : NULL;
    dz_error err;
    dz_error_clear(&err);
    mods[n] = abs ? dz_module_read(abs, &err) : NULL;
    if (!mods[n]) {
      fprintf(stderr, "dz_dump_schema: cannot read %s %s\n", argv[i], err.message);
      status = 2;
    } else {
      n++;
    }
    free(abs);
  }
  dz_arena *a = dz_arena_new();
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  dz_error err;
  if (status == 0 && dz_schema_link(mods, n, &opt, dz_module_read_loader, NULL, a, &s, &diags, &err) != DZ_OK) {
    fprintf(stderr, "dz_dump_schema: %s\n", err.message);
    status = 2;
  }
  if (status == 0) {
    s->id = s->prev_id = "00000000-0000-0000-0000-000000000000";
    puts(dz_snapshot_write(s, a));
    for (size_t i = 0; i < diags.len; i++) {
      const dz_diag *d = &diags.items[i];
      fprintf(stderr, "%s:%u:%u: %s: %s\n", d->span.file < s->files.len ? s->files.items[d->span.file] : "?",
              d->span.start.row + 1, d->span.start.column + 1, dz_severity_name(d->severity), d->message);
    }
  }
  for (size_t i = 0; i < n; i++) dz_module_free(mods[i]);
  dz_arena_free(a);
  return status;
}
