/*
** cli_generate.c — `drizzle-lsp generate`. Not built yet: says so and exits 2 rather
** than pretend.
*/
#include "drizzle_lsp/cli.h"

#include <stdio.h>

int dz_cli_generate(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "drizzle-lsp: 'generate' is not implemented yet\n");
  return DZ_EXIT_ERROR;
}
