/*
** dz_print_schema_files.c — test tool: prints the schema files a config
** selects, one absolute path per line, in the order drizzle-lsp loads them,
** so that script tests can hold that order against drizzle-kit's.
**   dz_print_schema_files <drizzle.config.*>     exit 0, or 2 with the error
*/
#include <stdio.h>

#include "drizzle_lsp/project.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: dz_print_schema_files <drizzle.config.*>\n");
    return 2;
  }
  dz_arena *a = dz_arena_new();
  dz_config *c = NULL;
  dz_strvec files = {0};
  dz_error err = {0};
  if (dz_config_load(argv[1], NULL, a, &c, &err) != DZ_OK ||
      dz_config_schema_files(c, a, &files, &err) != DZ_OK) {
    fprintf(stderr, "%s\n", err.message);
    dz_arena_free(a);
    return 2;
  }
  for (size_t i = 0; i < files.len; i++) printf("%s\n", files.items[i]);
  dz_arena_free(a);
  return 0;
}
