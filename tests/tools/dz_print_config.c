/*
** dz_print_config.c — test tool: reads a config with the engine and prints
** what it found as one JSON object, so that script tests can compare it with
** what drizzle-kit does with the same file.
**   dz_print_config <drizzle.config.*>     exit 0, or 2 with the error
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "drizzle_lsp/project.h"

static json_t *config_json(const dz_config *c, dz_arena *a) {
  static const char *const casings[] = {"none", "camelCase", "snake_case"};
  json_t *schema = json_array();
  for (size_t i = 0; i < c->schema.len; i++) json_array_append_new(schema, json_string(c->schema.items[i]));
  return json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:b, s:s?, s:s, s:s}",
                   "path", c->path, "dir", c->dir,
                   "dialect", c->dialect == DZ_DIALECT_TURSO ? "turso" : "sqlite",
                   "schema", schema, "out", c->out, "out_dir", dz_config_out_dir(c, a),
                   "casing", casings[c->casing], "breakpoints", c->breakpoints,
                   "db_url", c->db_url, "migrations_table", c->migrations_table,
                   "migrations_prefix", c->migrations_prefix);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: dz_print_config <drizzle.config.*>\n");
    return 2;
  }
  dz_arena *a = dz_arena_new();
  dz_config *c = NULL;
  dz_error err = {0};
  int rc = 0;
  if (dz_config_load(argv[1], NULL, a, &c, &err) != DZ_OK) {
    fprintf(stderr, "%s\n", err.message);
    rc = 2;
  } else {
    json_t *j = config_json(c, a);
    char *s = json_dumps(j, JSON_INDENT(2));
    puts(s);
    free(s);
    json_decref(j);
  }
  dz_arena_free(a);
  return rc;
}
