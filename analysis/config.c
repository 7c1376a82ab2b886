/*
** config.c — drizzle.config.* found, read without running it, and checked
** field by field against what drizzle-kit 0.31 accepts (its zod schema
** configCommonSchema and the defaults its commands apply). The file's
** language only matters for turning it into a value tree (config_ts.c,
** config_json.c); every rule about fields lives here.
*/
#include "drizzle_lsp/project.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "drizzle_lsp/config_value.h"
#include "drizzle_lsp/glob.h"
#include "drizzle_lsp/path.h"

/* The names drizzle-kit looks for, in its order (it knows no .mjs; we do). */
static const char *const config_names[] = {"drizzle.config.ts", "drizzle.config.js",
                                           "drizzle.config.mjs", "drizzle.config.json"};

/* drizzle-kit's migrations.prefix values. */
static const char *const prefixes[] = {"index", "timestamp", "supabase", "unix", "none"};

typedef struct dz_checker {
  const char *path;
  dz_arena *a;
  dz_error *err;
} dz_checker;

/* "path:line:col: " or "path: " when the value has no position. */
static const char *where(const dz_checker *k, const dz_cv *v) {
  if (v && v->line) return dz_arena_printf(k->a, "%s:%u:%u: ", k->path, v->line, v->col);
  return dz_arena_printf(k->a, "%s: ", k->path);
}

static const char *kind_name(const dz_cv *v) {
  switch (v->kind) {
    case DZ_CV_STRING: return "a string";
    case DZ_CV_BOOL: return "a boolean";
    case DZ_CV_NUMBER: return "a number";
    case DZ_CV_NULL: return "null";
    case DZ_CV_ARRAY: return "an array";
    case DZ_CV_OBJECT: return "an object";
    case DZ_CV_DYNAMIC: return "not a literal";
  }
  return "?";
}

/* A field whose value is there but is not of the expected kind. */
static dz_result wrong_kind(const dz_checker *k, const char *field, const dz_cv *v,
                            const char *expected) {
  if (v->kind == DZ_CV_DYNAMIC)
    return dz_error_set(k->err, DZ_ERR_CONFIG,
                        "%s'%s' is `%s`, which cannot be read statically (drizzle-lsp never runs "
                        "the config); write %s literal",
                        where(k, v), field, v->text, expected);
  return dz_error_set(k->err, DZ_ERR_CONFIG, "%s'%s' must be %s, not %s", where(k, v), field,
                      expected, kind_name(v));
}

/* An optional string field: NULL if absent (or undefined). */
static dz_result opt_string(const dz_checker *k, const dz_cv *obj, const char *field,
                            const char *name, const char **out) {
  const dz_cv *v = dz_cv_get(obj, field);
  *out = NULL;
  if (!v || v->kind == DZ_CV_NULL) return DZ_OK;
  if (v->kind != DZ_CV_STRING) return wrong_kind(k, name, v, "a string");
  *out = v->text;
  return DZ_OK;
}

static dz_result one_of(const dz_checker *k, const char *name, const dz_cv *v,
                        const char *const *allowed, size_t n) {
  const char *list = "";
  for (size_t i = 0; i < n; i++) {
    if (strcmp(v->text, allowed[i]) == 0) return DZ_OK;
    list = dz_arena_printf(k->a, "%s%s\"%s\"", list, i ? ", " : "", allowed[i]);
  }
  return dz_error_set(k->err, DZ_ERR_CONFIG, "%s'%s' is \"%s\"; it must be one of %s",
                      where(k, v), name, v->text, list);
}

static dz_result read_dialect(const dz_checker *k, const dz_cv *root, dz_config *c) {
  static const char *const known[] = {"sqlite", "turso", "postgresql", "mysql", "singlestore",
                                      "gel"};
  const dz_cv *v = dz_cv_get(root, "dialect");
  if (!v || v->kind == DZ_CV_NULL)
    return dz_error_set(k->err, DZ_ERR_CONFIG,
                        "%s'dialect' is missing; add dialect: \"sqlite\" (or \"turso\")",
                        where(k, root));
  if (v->kind != DZ_CV_STRING) return wrong_kind(k, "dialect", v, "a string");
  dz_result rc = one_of(k, "dialect", v, known, sizeof known / sizeof *known);
  if (rc != DZ_OK) return rc;
  if (strcmp(v->text, "sqlite") != 0 && strcmp(v->text, "turso") != 0)
    return dz_error_set(k->err, DZ_ERR_UNSUPPORTED,
                        "%sdialect '%s' is not supported yet (drizzle-lsp supports sqlite and "
                        "turso)",
                        where(k, v), v->text);
  c->dialect = strcmp(v->text, "turso") == 0 ? DZ_DIALECT_TURSO : DZ_DIALECT_SQLITE;
  return DZ_OK;
}

static dz_result read_schema(const dz_checker *k, const dz_cv *root, dz_config *c) {
  const dz_cv *v = dz_cv_get(root, "schema");
  if (!v || v->kind == DZ_CV_NULL || (v->kind == DZ_CV_STRING && !*v->text))
    return dz_error_set(k->err, DZ_ERR_CONFIG,
                        "%s'schema' is missing; add schema: \"./src/schema.ts\" (a file, a "
                        "directory, a glob, or an array of them)",
                        where(k, v ? v : root));
  if (v->kind == DZ_CV_STRING) {
    dz_vec_push(k->a, &c->schema, v->text);
    return DZ_OK;
  }
  if (v->kind != DZ_CV_ARRAY) return wrong_kind(k, "schema", v, "a string or an array of strings");
  for (size_t i = 0; i < v->len; i++) {
    if (v->items[i]->kind != DZ_CV_STRING)
      return wrong_kind(k, dz_arena_printf(k->a, "schema[%zu]", i), v->items[i], "a string");
    dz_vec_push(k->a, &c->schema, v->items[i]->text);
  }
  if (!c->schema.len)
    return dz_error_set(k->err, DZ_ERR_CONFIG, "%s'schema' is an empty array; list the schema "
                        "files", where(k, v));
  return DZ_OK;
}

static dz_result read_casing(const dz_checker *k, const dz_cv *root, dz_config *c) {
  static const char *const casings[] = {"camelCase", "snake_case"};
  const dz_cv *v = dz_cv_get(root, "casing");
  c->casing = DZ_CASING_NONE;
  if (!v || v->kind == DZ_CV_NULL) return DZ_OK;
  if (v->kind != DZ_CV_STRING) return wrong_kind(k, "casing", v, "a string");
  dz_result rc = one_of(k, "casing", v, casings, 2);
  if (rc == DZ_OK) c->casing = v->text[0] == 'c' ? DZ_CASING_CAMEL : DZ_CASING_SNAKE;
  return rc;
}

static dz_result read_breakpoints(const dz_checker *k, const dz_cv *root, dz_config *c) {
  const dz_cv *v = dz_cv_get(root, "breakpoints");
  c->breakpoints = true;
  if (!v || v->kind == DZ_CV_NULL) return DZ_OK;
  if (v->kind != DZ_CV_BOOL) return wrong_kind(k, "breakpoints", v, "true or false");
  c->breakpoints = v->boolean;
  return DZ_OK;
}

/* dbCredentials.url: a literal, or the literal fallback of
** `process.env.X ?? "..."`; anything else is unknown (NULL), not an error:
** only the optional data-impact figures need it. */
static void read_db_url(const dz_cv *root, dz_config *c) {
  const dz_cv *v = dz_cv_get(dz_cv_get(root, "dbCredentials"), "url");
  if (v && v->kind == DZ_CV_DYNAMIC) v = v->fallback;
  c->db_url = v && v->kind == DZ_CV_STRING ? v->text : NULL;
}

static dz_result read_migrations(const dz_checker *k, const dz_cv *root, dz_config *c) {
  const dz_cv *m = dz_cv_get(root, "migrations");
  c->migrations_table = "__drizzle_migrations";
  c->migrations_prefix = "index";
  if (!m || m->kind == DZ_CV_NULL) return DZ_OK;
  if (m->kind != DZ_CV_OBJECT) return wrong_kind(k, "migrations", m, "an object");
  const char *table, *prefix;
  dz_result rc = opt_string(k, m, "table", "migrations.table", &table);
  if (rc == DZ_OK) rc = opt_string(k, m, "prefix", "migrations.prefix", &prefix);
  if (rc != DZ_OK) return rc;
  if (table) c->migrations_table = table;
  if (prefix) {
    rc = one_of(k, "migrations.prefix", dz_cv_get(m, "prefix"), prefixes,
                sizeof prefixes / sizeof *prefixes);
    if (*prefix) c->migrations_prefix = prefix; /* drizzle-kit: prefix || "index" */
  }
  return rc;
}

static dz_result check_fields(const dz_checker *k, const dz_cv *root, dz_config *c) {
  const char *out;
  dz_result rc = read_dialect(k, root, c);
  if (rc == DZ_OK) rc = read_schema(k, root, c);
  if (rc == DZ_OK) rc = opt_string(k, root, "out", "out", &out);
  if (rc == DZ_OK) rc = read_casing(k, root, c);
  if (rc == DZ_OK) rc = read_breakpoints(k, root, c);
  if (rc == DZ_OK) rc = read_migrations(k, root, c);
  if (rc != DZ_OK) return rc;
  c->out = out && *out ? out : "drizzle"; /* drizzle-kit: out || "drizzle" */
  read_db_url(root, c);
  return DZ_OK;
}

static bool is_json(const char *path) { return dz_path_has_ext(path, ".json"); }

static const char *absolute(dz_arena *a, const char *path, const char *cwd) {
  if (path[0] == '/') return dz_path_resolve(a, "/", path);
  char buf[4096];
  if (!cwd) cwd = getcwd(buf, sizeof buf) ? buf : "/";
  return dz_path_resolve(a, cwd, path);
}

dz_result dz_config_parse(const char *path, const char *text, size_t len, dz_arena *a,
                          dz_config **out, dz_error *err) {
  dz_config *c = dz_arena_alloc(a, sizeof *c);
  c->path = absolute(a, path, NULL);
  c->dir = dz_path_dirname(a, c->path);
  dz_cv *root = NULL;
  dz_result rc = is_json(path) ? dz_config_read_json(c->path, text, len, a, &root, err)
                               : dz_config_read_ts(c->path, text, len, a, &root, err);
  if (rc != DZ_OK) return rc;
  dz_checker k = {c->path, a, err};
  rc = check_fields(&k, root, c);
  if (rc == DZ_OK) *out = c;
  return rc;
}

/* The whole file into a (NUL-terminated), or an error naming it. */
static dz_result read_file(const char *path, dz_arena *a, char **text, size_t *len,
                           dz_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return dz_error_set(err, DZ_ERR_IO, "cannot read %s: %s", path, strerror(errno));
  struct stat st;
  dz_result rc = DZ_OK;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    rc = dz_error_set(err, DZ_ERR_IO, "cannot read %s: not a regular file", path);
  } else {
    *len = (size_t)st.st_size;
    *text = dz_arena_alloc(a, *len + 1);
    if (fread(*text, 1, *len, f) != *len)
      rc = dz_error_set(err, DZ_ERR_IO, "cannot read %s: %s", path,
                        ferror(f) ? strerror(errno) : "file changed while reading");
  }
  fclose(f);
  return rc;
}

static dz_result find_config(const char *cwd, dz_arena *a, const char **path, dz_error *err) {
  const char *dir = absolute(a, ".", cwd);
  for (size_t i = 0; i < sizeof config_names / sizeof *config_names; i++) {
    const char *p = dz_path_resolve(a, dir, config_names[i]);
    if (access(p, F_OK) == 0) {
      *path = p;
      return DZ_OK;
    }
  }
  return dz_error_set(err, DZ_ERR_NOT_FOUND,
                      "no drizzle.config.ts, drizzle.config.js, drizzle.config.mjs or "
                      "drizzle.config.json in %s; run from the project's directory or pass "
                      "--config <file>",
                      dir);
}

dz_result dz_config_load(const char *path, const char *cwd, dz_arena *a, dz_config **out,
                         dz_error *err) {
  dz_result rc;
  if (path) {
    path = absolute(a, path, cwd);
    if (access(path, F_OK) != 0)
      return dz_error_set(err, DZ_ERR_NOT_FOUND, "config file %s does not exist", path);
  } else if ((rc = find_config(cwd, a, &path, err)) != DZ_OK) {
    return rc;
  }
  char *text = NULL;
  size_t len = 0;
  if ((rc = read_file(path, a, &text, &len, err)) != DZ_OK) return rc;
  return dz_config_parse(path, text, len, a, out, err);
}

dz_result dz_config_schema_files(const dz_config *c, dz_arena *a, dz_strvec *files,
                                 dz_error *err) {
  dz_result rc = dz_glob_schema_files(c->dir, &c->schema, a, files, err);
  if (rc != DZ_OK && err) {
    char msg[DZ_ERROR_MAX];
    snprintf(msg, sizeof msg, "%s", err->message);
    dz_error_set(err, rc, "%s: %s", c->path, msg);
  }
  return rc;
}

const char *dz_config_out_dir(const dz_config *c, dz_arena *a) {
  return dz_path_resolve(a, c->dir, c->out);
}
