/*
** cli_generate.c — `drizzle-lsp generate [--config F] [--name NAME]
** [--rename T.OLD=NEW]... [--rename-table OLD=NEW]...`: write the next
** migration (SQL, snapshot, rollback, journal entry) all at once or not at
** all. A drop and an add that could be a rename stop it with the flag that
** answers each; an inconsistent folder, a config error or a schema that
** could not be read completely stop it too; in every such case nothing is
** written and the exit code is 2.
*/
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/generate.h"
#include "drizzle_lsp/project.h"

static int64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ask_renames(const dz_diff *d) {
  fprintf(stderr,
          "drizzle-lsp generate: these could be renames or a drop and an add; nothing was written.\n"
          "Say which are renames with the flag shown, and run generate again:\n");
  for (size_t i = 0; i < d->candidates.len; i++) {
    const dz_rename_candidate *c = &d->candidates.items[i];
    if (c->table)
      fprintf(stderr, "  table %s: column %s dropped, %s added:  --rename %s.%s=%s\n", c->table, c->from, c->to,
              c->table, c->from, c->to);
    else
      fprintf(stderr, "  table %s dropped, %s created:  --rename-table %s=%s\n", c->from, c->to, c->from, c->to);
  }
  fprintf(stderr,
          "If none is a rename, drop the old one and add the new one in two migrations "
          "(generate after each).\n");
  return DZ_EXIT_ERROR;
}

static void print_written(const dz_generate_plan *p, const char *given_name) {
  if (given_name && strcmp(given_name, p->name) != 0)
    printf("The name '%s' is written as '%s' so that it is a safe file name\n", given_name, p->name);
  for (size_t i = 0; i < p->n_files; i++) printf("wrote %s\n", p->files[i].path);
  for (size_t i = 0; i < p->sql->forward.len; i++)
    if (p->sql->forward.items[i].deviation)
      printf("note: statement %zu differs from drizzle-kit's: %s\n", i + 1, p->sql->forward.items[i].deviation);
  for (size_t i = 0; i < p->sql->lost_on_rollback.len; i++)
    printf("note: the rollback cannot bring back %s\n", p->sql->lost_on_rollback.items[i]);
}

static int generate(const dz_cli_options *o, dz_arena *a) {
  dz_error err;
  dz_cli_project pr;
  int code = dz_cli_open_project("generate", o, a, &pr);
  if (code != DZ_EXIT_OK) return code;
  if (pr.schema_problems) {
    /* A migration from a schema read in part would drop what was missed. */
    dz_error_set(&err, DZ_ERR_CONFIG,
                 "the schema could not be read completely (%zu problem%s above); fix %s first: "
                 "nothing was written",
                 pr.schema_problems, pr.schema_problems == 1 ? "" : "s", pr.schema_problems == 1 ? "it" : "them");
    return dz_cli_fail("generate", &err);
  }
  const dz_config *cfg = pr.config;
  dz_diff_options renames = {o->renames.items, o->renames.len, o->table_renames.items, o->table_renames.len};
  dz_generate_options gopt = {o->name, cfg->migrations_prefix, cfg->breakpoints, cfg->dialect, &renames, now_ms()};
  dz_generate_plan *p = NULL;
  if (dz_generate_prepare(pr.migrations, pr.schema, &gopt, a, &p, &err) != DZ_OK) return dz_cli_fail("generate", &err);
  if (p->outcome == DZ_GENERATE_ASK) return ask_renames(p->diff);
  if (p->outcome == DZ_GENERATE_NO_CHANGES) {
    printf("No schema changes, nothing to write\n");
    return DZ_EXIT_OK;
  }
  if (dz_write_files(p->files, p->n_files, &err) != DZ_OK) {
    fprintf(stderr, "drizzle-lsp generate: %s; nothing was written\n", err.message);
    return DZ_EXIT_ERROR;
  }
  print_written(p, o->name);
  return DZ_EXIT_OK;
}

int dz_cli_generate(int argc, char **argv) {
  dz_arena *a = dz_arena_new();
  dz_cli_options opts;
  dz_error err;
  int code = dz_cli_parse(argc, argv, "config,name,rename,rename-table", a, &opts, &err) == DZ_OK
                 ? generate(&opts, a)
                 : dz_cli_fail("generate", &err);
  dz_arena_free(a);
  return code;
}
