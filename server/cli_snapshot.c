/*
** cli_snapshot.c — `drizzle-lsp snapshot [--config F]`: the schema the
** TypeScript files describe now, printed as the snapshot drizzle-kit would
** write for it, chained to the folder's last snapshot by prevId. Exit 2
** when part of the schema could not be read (the snapshot is still printed).
*/
#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/snapshot.h"

#include <stdio.h>

/* A snapshot that leaves out what could not be read must not pass in CI. */
static int incomplete(const dz_cli_project *p) {
  if (!p->schema_problems) return DZ_EXIT_OK;
  fprintf(stderr,
          "drizzle-lsp snapshot: the schema could not be read completely (%zu problem%s "
          "above): the snapshot printed leaves %s out\n",
          p->schema_problems, p->schema_problems == 1 ? "" : "s",
          p->schema_problems == 1 ? "it" : "them");
  return DZ_EXIT_ERROR;
}

int dz_cli_snapshot(int argc, char **argv) {
  dz_arena *a = dz_arena_new();
  dz_cli_options opts;
  dz_cli_project p;
  dz_error err;
  int code;
  if (dz_cli_parse(argc, argv, "config", a, &opts, &err) != DZ_OK) {
    code = dz_cli_fail("snapshot", &err);
  } else if ((code = dz_cli_open_project("snapshot", &opts, a, &p)) == DZ_EXIT_OK) {
    const dz_schema *prev = dz_migrations_last_snapshot(p.migrations);
    p.schema->prev_id = prev ? prev->id : DZ_ORIGIN_UUID;
    if (dz_uuid_v4(a, &p.schema->id, &err) != DZ_OK) {
      code = dz_cli_fail("snapshot", &err);
    } else {
      fputs(dz_snapshot_write(p.schema, a), stdout);
      fputc('\n', stdout);
      code = incomplete(&p);
    }
  }
  dz_arena_free(a);
  return code;
}
