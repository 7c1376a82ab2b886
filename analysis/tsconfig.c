/*
** tsconfig.c — tsconfig.json `paths`/`baseUrl` as drizzle-kit's loader (tsx
** with get-tsconfig) applies them to imports (tsconfig.h). What it does, and
** where drizzle-lsp is stricter, is written down in docs/drizzle-kit-facts.md.
*/
#include "drizzle_lsp/tsconfig.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/package_path.h"
#include "drizzle_lsp/path.h"

#define MAX_EXTENDS_DEPTH 32
#define CONFIG_DIR "${configDir}"

/* ---- JSONC ---------------------------------------------------------------- */

/* Index just past the string literal opening at i (or where it breaks off). */
static size_t skip_string(const char *s, size_t len, size_t i) {
  for (i++; i < len; i++) {
    if (s[i] == '\\') i++;
    else if (s[i] == '"') return i + 1;
    else if (s[i] == '\n') return i; /* JSON strings cannot span lines: let the parser say so */
  }
  return len;
}

/* Blank [from, to), keeping line breaks so that line numbers stay right. */
static void blank(char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (s[i] != '\n' && s[i] != '\r') s[i] = ' ';
}

/* Index just past the comment opening at i. */
static size_t comment_end(const char *s, size_t len, size_t i) {
  if (s[i + 1] == '/') {
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
  }
  for (size_t j = i + 2; j + 1 < len; j++)
    if (s[j] == '*' && s[j + 1] == '/') return j + 2;
  return len;
}

char *dz_jsonc_strip(dz_arena *a, const char *text, size_t len) {
  char *s = dz_arena_alloc(a, len + 1);
  memcpy(s, text, len);
  size_t comma = (size_t)-1; /* a comma no value has followed yet */
  for (size_t i = 0; i < len;) {
    char c = s[i];
    if (c == '"') {
      i = skip_string(s, len, i);
      comma = (size_t)-1;
    } else if (c == '/' && i + 1 < len && (s[i + 1] == '/' || s[i + 1] == '*')) {
      size_t end = comment_end(s, len, i);
      blank(s, i, end);
      i = end;
    } else {
      if (c == '}' || c == ']') {
        if (comma != (size_t)-1) s[comma] = ' ';
        comma = (size_t)-1;
      } else if (c == ',') {
        comma = i;
      } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        comma = (size_t)-1;
      }
      i++;
    }
  }
  return s;
}

/* ---- reading the extends chain ---------------------------------------------- */

/* One `paths` key as written, targets not yet resolved. */
typedef struct ts_rawpath {
  const char *key;
  dz_strvec targets;
} ts_rawpath;
typedef DZ_VEC(ts_rawpath) ts_rawpaths;

/* The compilerOptions that matter, merged as get-tsconfig merges them: a key
** a file sets replaces the one it inherits, whole. */
typedef struct ts_opts {
  bool base_set, paths_set;
  const char *base_url;    /* absolute, or starting with ${configDir}; NULL: a falsy value */
  ts_rawpaths *paths;      /* NULL: a falsy value */
  const char *paths_file;  /* the file paths came from, for messages */
  const char *implicit;    /* folder of the file whose paths have no baseUrl */
} ts_opts;

typedef struct ts_loader {
  dz_arena *a;
  dz_tsconfig *tc;
  const char **bad;
  dz_error *err;
} ts_loader;

static bool is_file(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static bool is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An error about file: "file: what", and *bad = file. */
static dz_result fail(ts_loader *L, const char *file, dz_result code, const char *what) {
  if (L->bad) *L->bad = dz_arena_strdup(L->a, file);
  return dz_error_set(L->err, code, "%s: %s", file, what);
}

static ts_opts merge(ts_opts parent, ts_opts child) {
  if (child.base_set) {
    parent.base_set = true;
    parent.base_url = child.base_url;
  }
  if (child.paths_set) {
    parent.paths_set = true;
    parent.paths = child.paths;
    parent.paths_file = child.paths_file;
  }
  if (child.implicit) parent.implicit = child.implicit;
  return parent;
}

static ts_rawpaths *read_paths(dz_arena *a, json_t *paths) {
  ts_rawpaths *out = dz_arena_alloc(a, sizeof *out);
  const char *key;
  json_t *targets;
  json_object_foreach(paths, key, targets) {
    ts_rawpath p = {dz_arena_strdup(a, key), {0}};
    size_t i;
    json_t *t;
    json_array_foreach(targets, i, t) {
      if (json_is_string(t)) dz_vec_push(a, &p.targets, dz_arena_strdup(a, json_string_value(t)));
    }
    dz_vec_push(a, out, p);
  }
  return out;
}

/* A file's own compilerOptions; dir is its folder. */
static ts_opts own_options(dz_arena *a, const char *file, const char *dir, json_t *doc) {
  ts_opts o = {0};
  json_t *co = json_object_get(doc, "compilerOptions");
  if (!json_is_object(co)) return o;
  json_t *base = json_object_get(co, "baseUrl"), *paths = json_object_get(co, "paths");
  const char *b = json_string_value(base);
  o.base_set = base != NULL;
  if (b && *b) o.base_url = strncmp(b, CONFIG_DIR, strlen(CONFIG_DIR)) == 0 ? dz_arena_strdup(a, b)
                                                                              : dz_path_resolve(a, dir, b);
  o.paths_set = paths != NULL;
  if (json_is_object(paths)) {
    o.paths = read_paths(a, paths);
    o.paths_file = file;
    if (!o.base_url) o.implicit = dir;
  }
  return o;
}

/* The file an `extends` entry names in a package: its package.json
** "tsconfig" field or tsconfig.json; for "pkg/sub", sub, sub.json or
** sub/tsconfig.json. */
static char *package_extends(dz_arena *a, const char *dir, const char *spec) {
  size_t n = dz_package_name_len(spec);
  char *pkg = dz_package_dir(a, dir, spec, n);
  if (!pkg) return NULL;
  if (!spec[n]) {
    char *text;
    size_t len;
    json_t *pj = NULL;
    const char *field = NULL;
    if (dz_read_file(dz_arena_printf(a, "%s/package.json", pkg), a, &text, &len, NULL) == DZ_OK &&
        dz_json_load("package.json", text, len, &pj, NULL) == DZ_OK)
      field = dz_arena_strdup(a, json_string_value(json_object_get(pj, "tsconfig")));
    json_decref(pj);
    char *p = dz_path_resolve(a, pkg, field ? field : "tsconfig.json");
    return is_file(p) ? p : NULL;
  }
  char *p = dz_path_resolve(a, pkg, spec + n + 1);
  if (is_file(p)) return p;
  char *json = dz_arena_printf(a, "%s.json", p);
  if (!dz_path_has_ext(p, ".json") && is_file(json)) return json;
  char *inner = dz_arena_printf(a, "%s/tsconfig.json", p);
  return is_dir(p) && is_file(inner) ? inner : NULL;
}

/* The file an `extends` entry names, or NULL when there is none. */
static char *extends_path(dz_arena *a, const char *dir, const char *spec) {
  if (strcmp(spec, "..") == 0) spec = "../tsconfig.json";
  if (spec[0] != '.' && spec[0] != '/') return package_extends(a, dir, spec);
  char *p = dz_path_resolve(a, dir, spec);
  struct stat st;
  if (stat(p, &st) == 0) return S_ISREG(st.st_mode) ? p : NULL;
  char *json = dz_arena_printf(a, "%s.json", p);
  return !dz_path_has_ext(p, ".json") && is_file(json) ? json : NULL;
}

static bool in_chain(const dz_strvec *chain, const char *path) {
  for (size_t i = 0; i < chain->len; i++)
    if (strcmp(chain->items[i], path) == 0) return true;
  return false;
}

static dz_result load_file(ts_loader *L, const char *path, dz_strvec chain, ts_opts *out);

/* Merge what doc extends under *o, the last entry of an array nearest. */
static dz_result load_extends(ts_loader *L, const char *path, json_t *ext, dz_strvec chain, ts_opts *o) {
  size_t n = json_is_array(ext) ? json_array_size(ext) : 1;
  const char *dir = dz_path_dirname(L->a, path);
  for (size_t i = n; i-- > 0;) {
    const char *spec = json_string_value(json_is_array(ext) ? json_array_get(ext, i) : ext);
    if (!spec) return fail(L, path, DZ_ERR_CONFIG, "\"extends\" must be a string or an array of strings");
    char *parent = extends_path(L->a, dir, spec);
    if (!parent) return fail(L, path, DZ_ERR_NOT_FOUND,
                                   dz_arena_printf(L->a, "the file \"extends\" names (\"%s\") was not found", spec));
    ts_opts po;
    dz_result rc = load_file(L, parent, chain, &po);
    if (rc != DZ_OK) return rc;
    *o = merge(po, *o);
  }
  return DZ_OK;
}

/* Read path and its chain of extends into *out; chain: the files extending
** it (a copy per branch, as an array may extend one file twice). */
static dz_result load_file(ts_loader *L, const char *path, dz_strvec chain, ts_opts *out) {
  if (in_chain(&chain, path))
    return fail(L, path, DZ_ERR_CONFIG, "\"extends\" leads back to this file");
  if (chain.len >= MAX_EXTENDS_DEPTH)
    return fail(L, path, DZ_ERR_CONFIG, "the \"extends\" chain is too long (more than 32 files)");
  dz_strvec mine = {0};
  for (size_t i = 0; i < chain.len; i++) dz_vec_push(L->a, &mine, chain.items[i]);
  dz_vec_push(L->a, &mine, path);
  if (!in_chain(&L->tc->files, path)) dz_vec_push(L->a, &L->tc->files, dz_arena_strdup(L->a, path));
  char *text;
  size_t len;
  json_t *doc = NULL;
  dz_result rc = dz_read_file(path, L->a, &text, &len, L->err);
  if (rc == DZ_OK) rc = dz_json_load(path, dz_jsonc_strip(L->a, text, len), len, &doc, L->err);
  if (rc != DZ_OK) {
    if (L->bad) *L->bad = dz_arena_strdup(L->a, path);
    return rc;
  }
  if (!json_is_object(doc)) {
    json_decref(doc);
    return fail(L, path, DZ_ERR_SYNTAX, "a tsconfig must be a JSON object");
  }
  *out = own_options(L->a, path, dz_path_dirname(L->a, path), doc);
  json_t *ext = json_object_get(doc, "extends");
  bool falsy = !ext || json_is_null(ext) || json_is_false(ext) || (json_is_string(ext) && !*json_string_value(ext));
  if (!falsy) rc = load_extends(L, path, ext, mine, out); /* JavaScript's `if (extends)` */
  json_decref(doc);
  return rc;
}

/* ---- patterns ------------------------------------------------------------------ */

static size_t count_stars(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += *s == '*';
  return n;
}

/* "${configDir}/x" -> <folder of the found tsconfig>/x. */
static const char *interpolate(dz_arena *a, const char *s, const char *top_dir) {
  size_t n = strlen(CONFIG_DIR);
  return strncmp(s, CONFIG_DIR, n) == 0 ? dz_arena_printf(a, "%s%s", top_dir, s + n) : s;
}

/* "." "..", "./x", "../x": what TypeScript calls a relative path. */
static bool is_dot_relative(const char *s) {
  size_t dots = s[0] == '.' ? (s[1] == '.' ? 2 : 1) : 0;
  return dots > 0 && (s[dots] == '\0' || s[dots] == '/');
}

static dz_result add_pattern(ts_loader *L, const ts_opts *o, const ts_rawpath *raw, const char *base,
                             const char *top_dir) {
  dz_tspattern p = {dz_arena_strdup(L->a, raw->key), NULL, {0}};
  if (count_stars(raw->key) > 1)
    return fail(L, o->paths_file, DZ_ERR_CONFIG,
                dz_arena_printf(L->a, "paths key \"%s\" can have at most one '*'", raw->key));
  char *star = strchr(p.prefix, '*');
  if (star) {
    *star = '\0';
    p.suffix = star + 1;
  }
  for (size_t i = 0; i < raw->targets.len; i++) {
    const char *t = interpolate(L->a, raw->targets.items[i], top_dir);
    if (count_stars(t) > 1)
      return fail(L, o->paths_file, DZ_ERR_CONFIG,
                  dz_arena_printf(L->a, "paths target \"%s\" can have at most one '*'", t));
    if (!L->tc->base_url && !is_dot_relative(t) && t[0] != '/')
      return fail(L, o->paths_file, DZ_ERR_CONFIG,
                  dz_arena_printf(L->a,
                                  "paths target \"%s\" must start with ./ when baseUrl is not set "
                                  "(drizzle-kit stops with \"Non-relative paths are not allowed\")",
                                  t));
    dz_vec_push(L->a, &p.targets, dz_path_resolve(L->a, base, t));
  }
  dz_vec_push(L->a, &L->tc->patterns, p);
  return DZ_OK;
}

static dz_result build_patterns(ts_loader *L, const ts_opts *o) {
  const char *top_dir = dz_path_dirname(L->a, L->tc->path);
  if (o->base_url) L->tc->base_url = dz_path_resolve(L->a, top_dir, interpolate(L->a, o->base_url, top_dir));
  if (!o->paths) return DZ_OK;
  const char *base = L->tc->base_url ? L->tc->base_url : o->implicit ? o->implicit : top_dir;
  for (size_t i = 0; i < o->paths->len; i++) {
    dz_result rc = add_pattern(L, o, &o->paths->items[i], base, top_dir);
    if (rc != DZ_OK) return rc;
  }
  return DZ_OK;
}

dz_result dz_tsconfig_load(const char *path, dz_arena *a, dz_tsconfig **out, const char **bad, dz_error *err) {
  dz_tsconfig *tc = dz_arena_alloc(a, sizeof *tc);
  tc->path = dz_arena_strdup(a, path);
  ts_loader L = {a, tc, bad, err};
  ts_opts o;
  dz_strvec chain = {0};
  *out = NULL;
  dz_result rc = load_file(&L, tc->path, chain, &o);
  if (rc == DZ_OK) rc = build_patterns(&L, &o);
  if (rc == DZ_OK) *out = tc;
  return rc;
}

dz_result dz_tsconfig_find(const char *dir, dz_arena *a, dz_tsconfig **out, const char **bad, dz_error *err) {
  *out = NULL;
  for (const char *d = dir;; d = dz_path_dirname(a, d)) {
    char *p = dz_arena_printf(a, "%s/tsconfig.json", strcmp(d, "/") ? d : "");
    if (is_file(p)) return dz_tsconfig_load(p, a, out, bad, err);
    if (strcmp(d, "/") == 0) return DZ_OK;
  }
}

/* ---- matching ------------------------------------------------------------------- */

static bool matches(const dz_tspattern *p, const char *spec, size_t len) {
  size_t np = strlen(p->prefix), ns = strlen(p->suffix);
  return strncmp(spec, p->prefix, np) == 0 && len >= ns && strcmp(spec + len - ns, p->suffix) == 0;
}

void dz_tsconfig_candidates(const dz_tsconfig *tc, const char *spec, dz_arena *a, dz_strvec *out) {
  if (is_dot_relative(spec)) return;
  const dz_tspattern *best = NULL;
  size_t len = strlen(spec);
  for (size_t i = 0; i < tc->patterns.len; i++) {
    const dz_tspattern *p = &tc->patterns.items[i];
    if (!p->suffix && strcmp(p->prefix, spec) == 0) {
      for (size_t j = 0; j < p->targets.len; j++) dz_vec_push(a, out, p->targets.items[j]);
      return;
    }
    if (p->suffix && matches(p, spec, len) && (!best || strlen(p->prefix) > strlen(best->prefix))) best = p;
  }
  if (!best) {
    if (tc->base_url) dz_vec_push(a, out, dz_path_resolve(a, tc->base_url, spec));
    return;
  }
  /* the text the '*' stands for; empty when prefix and suffix overlap */
  size_t from = strlen(best->prefix), to = len - strlen(best->suffix);
  int mid = to > from ? (int)(to - from) : 0;
  for (size_t j = 0; j < best->targets.len; j++) {
    const char *t = best->targets.items[j], *star = strchr(t, '*');
    dz_vec_push(a, out, star ? dz_arena_printf(a, "%.*s%.*s%s", (int)(star - t), t, mid, spec + from, star + 1)
                             : t);
  }
}

/* ---- reporting ------------------------------------------------------------------ */

/* Where in bad a "bad:line:column: what" message (dz_json_load's) points;
** returns what follows the file name (the diagnostic names it), or the whole
** message when it does not start with it. */
static const char *position_of(const char *bad, const char *msg, dz_span *at) {
  size_t n = strlen(bad);
  unsigned line, col;
  int used = 0;
  if (strncmp(msg, bad, n) != 0) return msg;
  if (strncmp(msg + n, ": ", 2) == 0) return msg + n + 2;
  if (sscanf(msg + n, ":%u:%u: %n", &line, &col, &used) != 2 || !used || !line) return msg;
  at->start = at->end = (dz_point){line - 1, col ? col - 1 : 0};
  return msg + n + used;
}

void dz_tsconfig_warn(dz_schema *s, dz_diag_list *diags, const char *bad, const dz_error *err) {
  dz_span at = {0};
  const char *what = bad ? position_of(bad, err->message, &at) : err->message;
  at.file = (uint32_t)s->files.len;
  dz_strvec_push(s, &s->files, bad ? bad : "tsconfig.json");
  dz_diag_add(s->arena, diags, DZ_SEV_WARNING, "tsconfig-unusable", at,
              "%s; imports through its \"paths\" are not followed until it is fixed", what);
}
