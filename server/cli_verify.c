/*
** cli_verify.c — `drizzle-lsp verify [--config F]`: replay the migrations
** folder on an in-memory SQLite database and say, one line per migration,
** whether its SQL gives its snapshot and its rollback gives the previous one
** (a migration whose snapshot file is missing is applied, and reported as
** not compared). Exit 1 on any failure, 2 on a config error or an inconsistent folder.
*/
#include <stdio.h>
#include <unistd.h>

#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/verify.h"

static void print_step(const dz_verify_step *s) {
  const char *tag = s->migration->entry->tag;
  if (s->status == DZ_VERIFY_OK) {
    const char *rollback = s->rollback_checked ? " (and its rollback)" : " (no rollback file)";
    if (s->rollback_unchecked) printf("ok    %s (%s)\n", tag, s->rollback_unchecked);
    else printf("ok    %s%s\n", tag, rollback);
    return;
  }
  if (s->status == DZ_VERIFY_UNCOMPARED) {
    printf("note  %s: %s%s%s\n", tag, s->reason, s->rollback_unchecked ? "; " : "",
           s->rollback_unchecked ? s->rollback_unchecked : "");
    return;
  }
  printf("%s  %s: %s\n", s->status == DZ_VERIFY_SKIPPED ? "skip" : "FAIL", tag, s->reason);
  for (size_t i = 0; i < s->details.len; i++) printf("        %s\n", s->details.items[i]);
}

/* A migration without a snapshot is neither ok nor a failure: it is counted
** apart, and does not change the exit code. */
static int report(const dz_migrations *ms, const dz_verify_report *r) {
  size_t skipped = 0, uncompared = 0;
  for (size_t i = 0; i < r->steps.len; i++) {
    print_step(&r->steps.items[i]);
    skipped += r->steps.items[i].status == DZ_VERIFY_SKIPPED;
    uncompared += r->steps.items[i].status == DZ_VERIFY_UNCOMPARED;
  }
  size_t ok = r->steps.len - r->failures - skipped - uncompared;
  printf("%zu migration%s in %s: %zu ok, %zu failed, %zu not run", r->steps.len, r->steps.len == 1 ? "" : "s",
         ms->dir, ok, r->failures, skipped);
  if (uncompared) printf(", %zu not compared (no snapshot)", uncompared);
  printf("\n");
  return r->failures || skipped ? DZ_EXIT_FAIL : DZ_EXIT_OK;
}

static int verify(const dz_cli_options *o, dz_arena *a) {
  dz_error err;
  dz_config *cfg = NULL;
  dz_migrations *ms = NULL;
  dz_verify_report *r = NULL;
  char cwd[4096];
  if (!getcwd(cwd, sizeof cwd)) {
    dz_error_set(&err, DZ_ERR_IO, "cannot tell the current directory");
    return dz_cli_fail("verify", &err);
  }
  /* Only the config and the folder: verify does not read the schema files. */
  if (dz_config_load(o->config, cwd, a, &cfg, &err) != DZ_OK ||
      dz_migrations_load(dz_config_out_dir(cfg, a), cfg->dialect, a, &ms, &err) != DZ_OK ||
      dz_verify_migrations(ms, a, &r, &err) != DZ_OK)
    return dz_cli_fail("verify", &err);
  if (ms->items.len == 0) {
    printf("No migrations in %s yet: nothing to verify\n", ms->dir);
    return DZ_EXIT_OK;
  }
  return report(ms, r);
}

int dz_cli_verify(int argc, char **argv) {
  dz_arena *a = dz_arena_new();
  dz_cli_options opts;
  dz_error err;
  int code = dz_cli_parse(argc, argv, "config", a, &opts, &err) == DZ_OK ? verify(&opts, a)
                                                                          : dz_cli_fail("verify", &err);
  dz_arena_free(a);
  return code;
}
