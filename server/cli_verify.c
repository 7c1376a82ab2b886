/*
** cli_verify.c — `drizzle-lsp verify [--config F]`: replay the migrations
** folder on an in-memory SQLite database and say, one line per migration,
** whether its SQL gives its snapshot and its rollback gives the previous one.
** Exit 1 on any failure, 2 on a config error or an inconsistent folder.
*/
#include <stdio.h>
#include <unistd.h>

#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/verify.h"

static int error_exit(const dz_error *err) {
  fprintf(stderr, "drizzle-lsp verify: %s\n", err->message);
  return DZ_EXIT_ERROR;
}

static void print_step(const dz_verify_step *s) {
  const char *tag = s->migration->entry->tag;
  if (s->status == DZ_VERIFY_OK) {
    printf("ok    %s%s\n", tag, s->rollback_checked ? " (and its rollback)" : " (no rollback file)");
    return;
  }
  printf("%s  %s: %s\n", s->status == DZ_VERIFY_SKIPPED ? "skip" : "FAIL", tag, s->reason);
  for (size_t i = 0; i < s->details.len; i++) printf("        %s\n", s->details.items[i]);
}

static int report(const dz_migrations *ms, const dz_verify_report *r) {
  size_t skipped = 0;
  for (size_t i = 0; i < r->steps.len; i++) {
    print_step(&r->steps.items[i]);
    skipped += r->steps.items[i].status == DZ_VERIFY_SKIPPED;
  }
  size_t ok = r->steps.len - r->failures - skipped;
  printf("%zu migration%s in %s: %zu ok, %zu failed, %zu not run\n", r->steps.len,
         r->steps.len == 1 ? "" : "s", ms->dir, ok, r->failures, skipped);
  return r->failures || skipped ? DZ_EXIT_FAIL : DZ_EXIT_OK;
}

int dz_cli_verify(int argc, char **argv) {
  dz_arena *a = dz_arena_new();
  dz_cli_options opts;
  dz_error err;
  dz_config *cfg = NULL;
  dz_migrations *ms = NULL;
  dz_verify_report *r = NULL;
  char cwd[4096];
  int code;
  if (!getcwd(cwd, sizeof cwd)) {
    dz_error_set(&err, DZ_ERR_IO, "cannot tell the current directory");
    code = error_exit(&err);
  } else if (dz_cli_parse(argc, argv, "config", a, &opts, &err) != DZ_OK ||
             dz_config_load(opts.config, cwd, a, &cfg, &err) != DZ_OK ||
             dz_migrations_load(dz_config_out_dir(cfg, a), cfg->dialect, a, &ms, &err) != DZ_OK ||
             dz_verify_migrations(ms, a, &r, &err) != DZ_OK) {
    code = error_exit(&err);
  } else if (ms->items.len == 0) {
    printf("No migrations in %s yet: nothing to verify\n", ms->dir);
    code = DZ_EXIT_OK;
  } else {
    code = report(ms, r);
  }
  dz_arena_free(a);
  return code;
}
