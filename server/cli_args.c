/*
** cli_args.c — the option parser every CLI command shares, so that each
** command accepts exactly its options and names any other one in the error.
*/
#include "drizzle_lsp/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Is `name` (without the leading "--") in the comma-separated `allowed`? */
static bool option_allowed(const char *allowed, const char *name) {
  size_t n = strlen(name);
  for (const char *p = allowed; p && *p;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (len == n && strncmp(p, name, n) == 0) return true;
    p = comma ? comma + 1 : NULL;
  }
  return false;
}

static dz_result parse_steps(const char *value, int *out, dz_error *err) {
  char *end = NULL;
  long v = strtol(value, &end, 10);
  if (!*value || *end || v < 1 || v > INT_MAX)
    return dz_error_set(err, DZ_ERR_USAGE, "--steps takes a whole number of at least 1, not '%s'", value);
  *out = (int)v;
  return DZ_OK;
}

static dz_result set_option(const char *name, const char *value, dz_arena *a, dz_cli_options *o,
                            dz_error *err) {
  if (strcmp(name, "config") == 0) o->config = value;
  else if (strcmp(name, "db") == 0) o->db = value;
  else if (strcmp(name, "format") == 0) {
    if (strcmp(value, "text") && strcmp(value, "json") && strcmp(value, "sarif"))
      return dz_error_set(err, DZ_ERR_USAGE, "--format takes text, json or sarif, not '%s'", value);
    o->format = value;
  } else if (strcmp(name, "fail-on") == 0) {
    if (strcmp(value, "high") && strcmp(value, "careful") && strcmp(value, "never"))
      return dz_error_set(err, DZ_ERR_USAGE, "--fail-on takes high, careful or never, not '%s'", value);
    o->fail_on = value;
  } else if (strcmp(name, "name") == 0) o->name = value;
  else if (strcmp(name, "rename") == 0) dz_vec_push(a, &o->renames, value);
  else if (strcmp(name, "rename-table") == 0) dz_vec_push(a, &o->table_renames, value);
  else if (strcmp(name, "no-rename") == 0) dz_vec_push(a, &o->not_renames, value);
  else if (strcmp(name, "no-rename-table") == 0) dz_vec_push(a, &o->table_not_renames, value);
  else if (strcmp(name, "steps") == 0) return parse_steps(value, &o->steps, err);
  else if (strcmp(name, "to") == 0) o->to = value;
  return DZ_OK;
}

dz_result dz_cli_parse(int argc, char **argv, const char *allowed, dz_arena *a,
                       dz_cli_options *opts, dz_error *err) {
  memset(opts, 0, sizeof *opts);
  opts->format = "text";
  opts->fail_on = "high";
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    if (strncmp(arg, "--", 2) != 0)
      return dz_error_set(err, DZ_ERR_USAGE, "unexpected argument '%s'", arg);
    const char *name = arg + 2, *value = NULL;
    const char *eq = strchr(name, '=');
    char *owned = NULL;
    if (eq) {
      owned = dz_arena_strndup(a, name, (size_t)(eq - name));
      value = eq + 1;
      name = owned;
    }
    if (!option_allowed(allowed, name))
      return dz_error_set(err, DZ_ERR_USAGE, "unknown option '--%s' for this command", name);
    if (!value) {
      if (i + 1 >= argc) return dz_error_set(err, DZ_ERR_USAGE, "option '--%s' needs a value", name);
      value = argv[++i];
    }
    dz_result rc = set_option(name, value, a, opts, err);
    if (rc != DZ_OK) return rc;
  }
  if (opts->steps && opts->to)
    return dz_error_set(err, DZ_ERR_USAGE, "give --steps or --to, not both");
  return DZ_OK;
}
