/*
** cli_project.c — loading the project every CLI command starts from, so
** that each command reports config errors, an inconsistent migrations folder
** (and the folder's warnings) and extraction diagnostics the same way.
*/
#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/project.h"

#include <stdio.h>
#include <unistd.h>

int dz_cli_fail(const char *command, const dz_error *err) {
  fprintf(stderr, "drizzle-lsp %s: %s\n", command, err->message);
  return DZ_EXIT_ERROR;
}

/* Returns how many mean part of the schema was not read (diag.h). */
static size_t print_diags(const dz_schema *s, const dz_diag_list *diags) {
  for (size_t i = 0; i < diags->len; i++) {
    const dz_diag *d = &diags->items[i];
    const char *file = d->span.file < s->files.len ? s->files.items[d->span.file] : NULL;
    if (file)
      fprintf(stderr, "%s:%u:%u: %s: %s\n", file, d->span.start.row + 1, d->span.start.column + 1,
              dz_severity_name(d->severity), d->message);
    else
      fprintf(stderr, "%s: %s\n", dz_severity_name(d->severity), d->message);
  }
  return dz_diags_schema_problems(diags);
}

int dz_cli_open_project(const char *command, const dz_cli_options *opts, dz_arena *a,
                        dz_cli_project *out) {
  char cwd[4096];
  dz_error err;
  dz_diag_list diags = {0};
  if (!getcwd(cwd, sizeof cwd)) {
    dz_error_set(&err, DZ_ERR_IO, "cannot tell the current directory");
    return dz_cli_fail(command, &err);
  }
  if (dz_config_load(opts->config, cwd, a, &out->config, &err) != DZ_OK ||
      dz_migrations_load(dz_config_out_dir(out->config, a), out->config->dialect, a,
                         &out->migrations, &err) != DZ_OK ||
      dz_project_read_schema(out->config, a, &out->schema, &diags, &err) != DZ_OK)
    return dz_cli_fail(command, &err);
  for (size_t i = 0; i < out->migrations->warnings.len; i++)
    fprintf(stderr, "drizzle-lsp %s: warning: %s\n", command, out->migrations->warnings.items[i]);
  out->schema_problems = print_diags(out->schema, &diags);
  return DZ_EXIT_OK;
}
