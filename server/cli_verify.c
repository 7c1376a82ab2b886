/*
** cli_verify.c — `drizzle-lsp verify`. Not built yet: says so and exits 2 rather
** than pretend.
*/
#include "drizzle_lsp/cli.h"

#include <stdio.h>

int dz_cli_verify(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "drizzle-lsp: 'verify' is not implemented yet\n");
  return DZ_EXIT_ERROR;
}
