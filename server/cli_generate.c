/*
** cli_generate.c — `drizzle-lsp generate`: write the next migration (its
** SQL, snapshot, journal entry and rollback) for the pending schema changes,
** all or nothing; stop and ask when a change could be a rename, and refuse
** a schema that could not be read completely.
*/
#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/generate.h"

#include <stdio.h>

static void print_written(const dz_generate_plan *p) {
  size_t deviations = 0;
  for (size_t i = 0; i < p->sql->forward.len; i++) deviations += p->sql->forward.items[i].deviation != NULL;
  printf("%zu change%s, %zu statement%s: wrote\n", p->diff->changes.len,
         p->diff->changes.len == 1 ? "" : "s", p->sql->forward.len,
         p->sql->forward.len == 1 ? "" : "s");
  for (size_t i = 0; i < p->files.len; i++) printf("  %s\n", p->files.items[i].path);
  if (deviations)
    printf("%zu statement%s differ from drizzle-kit's SQL, which would lose data or fail; "
           "each says why in a \"-- drizzle-lsp:\" comment\n",
           deviations, deviations == 1 ? "" : "s");
}

/* A migration from a schema read only in part would drop what was missed
** (a file broken mid-edit, a table drizzle-lsp cannot resolve). */
static dz_result refuse_partial_schema(const dz_cli_project *proj, dz_error *err) {
  size_t n = proj->schema_problems;
  if (!n) return DZ_OK;
  return dz_error_set(err, DZ_ERR_CONFIG,
                      "the schema could not be read completely (%zu problem%s above); fix %s "
                      "first: nothing was written",
                      n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
}

static int write_failed(const dz_error *err) {
  fprintf(stderr, "drizzle-lsp generate: %s; nothing was written\n", err->message);
  return DZ_EXIT_ERROR;
}

static void options_from_cli(const dz_cli_options *o, dz_generate_options *g) {
  *g = (dz_generate_options){0};
  g->name = o->name;
  g->renames.column_renames = o->renames.items;
  g->renames.n_column_renames = o->renames.len;
  g->renames.table_renames = o->table_renames.items;
  g->renames.n_table_renames = o->table_renames.len;
  g->column_not_renames = o->not_renames.items;
  g->n_column_not_renames = o->not_renames.len;
  g->table_not_renames = o->table_not_renames.items;
  g->n_table_not_renames = o->table_not_renames.len;
}

int dz_cli_generate(int argc, char **argv) {
  dz_arena *a = dz_arena_new();
  dz_cli_options opts;
  dz_cli_project proj;
  dz_generate_options gopt;
  dz_generate_plan *plan;
  dz_error err;
  int code;
  if (dz_cli_parse(argc, argv, "config,name,rename,rename-table,no-rename,no-rename-table", a,
                   &opts, &err) != DZ_OK) {
    code = dz_cli_fail("generate", &err);
  } else if ((code = dz_cli_open_project("generate", &opts, a, &proj)) == DZ_EXIT_OK) {
    options_from_cli(&opts, &gopt);
    if (refuse_partial_schema(&proj, &err) != DZ_OK ||
        dz_generate_plan_migration(proj.config, proj.migrations, proj.schema, &gopt, a, &plan,
                                   &err) != DZ_OK)
      code = dz_cli_fail("generate", &err);
    else if (plan->files.len && dz_generate_write(plan, &err) != DZ_OK)
      code = write_failed(&err);
    else if (!plan->files.len)
      printf("No schema changes, nothing to write\n");
    else
      print_written(plan);
  }
  dz_arena_free(a);
  return code;
}
