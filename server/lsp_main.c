/*
** lsp_main.c — the language server entry point. Not built yet: says so on
** stderr and exits 2 rather than pretend.
*/
#include "drizzle_lsp/cli.h"

#include <stdio.h>

int dz_server_run(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fprintf(stderr, "drizzle-lsp: the language server is not implemented yet\n");
  return DZ_EXIT_ERROR;
}
