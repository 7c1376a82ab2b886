/*
** glob.c — the config's `schema` patterns expanded into files exactly as
** drizzle-kit's prepareFilenames does (see glob.h for the rules and the two
** deliberate differences). The file order decides the snapshot's table
** order, so the sort uses ICU's "en" collation, which is what JavaScript's
** String.localeCompare uses in Node.
*/
#include "drizzle_lsp/glob.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/ucol.h>

#include "drizzle_lsp/path.h"

/* One glob match: the string glob would return (what drizzle-kit sorts) and
** the absolute path it names. */
typedef struct dz_match {
  const char *shown;
  const char *abs;
  size_t seq; /* insertion order, to keep the sort stable as JavaScript's is */
} dz_match;

typedef DZ_VEC(dz_match) dz_match_vec;

typedef struct dz_walk {
  dz_arena *a;
  const char **segs;
  size_t nseg;
  dz_match_vec *out;
  dz_error *err;
  dz_result rc;
  locale_t utf8; /* for segment_matches; 0 if the system has no C.UTF-8 */
} dz_walk;

/* The JavaScript module extensions drizzle-kit's loader accepts. */
static bool is_module_file(const char *name) {
  static const char *const exts[] = {".ts", ".js", ".mjs", ".cjs", ".mts", ".cts"};
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
    if (dz_path_has_ext(name, exts[i])) return true;
  return false;
}

/* fnmatch under a UTF-8 character type, so that `?` and `[...]` match a
** character as in JavaScript rather than a byte; uselocale changes only
** this thread, and only for the call. */
static bool segment_matches(locale_t utf8, const char *pattern, const char *name) {
  locale_t old = utf8 ? uselocale(utf8) : (locale_t)0;
  bool m = fnmatch(pattern, name, FNM_PERIOD | FNM_EXTMATCH) == 0;
  if (utf8) uselocale(old);
  return m;
}

static locale_t utf8_locale(void) { return newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0); }

bool dz_glob_segment_matches(const char *pattern, const char *name) {
  locale_t utf8 = utf8_locale();
  bool m = segment_matches(utf8, pattern, name);
  if (utf8) freelocale(utf8);
  return m;
}

static bool is_magic(const char *seg) {
  for (const char *s = seg; *s; s++) {
    if (*s == '\\' && s[1]) { s++; continue; }
    if (*s == '*' || *s == '?' || *s == '[') return true;
    if ((*s == '+' || *s == '@' || *s == '!') && s[1] == '(') return true;
  }
  return false;
}

static char *unescape(dz_arena *a, const char *seg) {
  char *out = dz_arena_strdup(a, seg), *o = out;
  for (const char *s = seg; *s; s++) {
    if (*s == '\\' && s[1]) s++;
    *o++ = *s;
  }
  *o = '\0';
  return out;
}

/* ---- brace expansion: "a{b,c}d" -> "abd", "acd" (a brace without a comma
** at its top level stays literal, as in minimatch) ---- */

static const char *brace_close(const char *open) {
  int depth = 0;
  bool comma = false;
  for (const char *s = open; *s; s++) {
    if (*s == '\\' && s[1]) { s++; continue; }
    if (*s == '{') depth++;
    else if (*s == ',' && depth == 1) comma = true;
    else if (*s == '}' && --depth == 0) return comma ? s : NULL;
  }
  return NULL;
}

static void brace_expand(dz_arena *a, const char *p, dz_strvec *out) {
  const char *open = NULL, *close = NULL;
  for (const char *s = p; *s && !open; s++) {
    if (*s == '\\' && s[1]) { s++; continue; }
    if (*s == '{' && (close = brace_close(s))) open = s;
  }
  if (!open) {
    dz_vec_push(a, out, p);
    return;
  }
  const char *alt = open + 1;
  int depth = 0;
  for (const char *s = open + 1; s <= close; s++) {
    if (*s == '\\' && s[1]) { s++; continue; }
    if (*s == '{') depth++;
    else if (*s == '}' && depth > 0) depth--;
    else if ((*s == ',' && depth == 0) || s == close) {
      brace_expand(a, dz_arena_printf(a, "%.*s%.*s%s", (int)(open - p), p,
                                       (int)(s - alt), alt, close + 1), out);
      alt = s + 1;
    }
  }
}

/* ---- the walk over the file system ---- */

static const char *join_shown(dz_arena *a, const char *shown, const char *seg) {
  if (!*shown) return dz_arena_strdup(a, seg);
  size_t n = strlen(shown);
  return dz_arena_printf(a, "%s%s%s", shown, shown[n - 1] == '/' ? "" : "/", seg);
}

/* The names in dir (without "." and ".."); false if it cannot be listed. A
** missing entry or a non-directory is no match; anything else (permission
** denied) is an error, as it is for glob in its default strict mode. */
static bool list_dir(dz_walk *w, const char *dir, dz_strvec *names) {
  DIR *d = opendir(dir);
  if (!d) {
    if (errno != ENOENT && errno != ENOTDIR && errno != ELOOP && errno != ENAMETOOLONG &&
        w->rc == DZ_OK)
      w->rc = dz_error_set(w->err, DZ_ERR_IO, "cannot list directory %s: %s", dir,
                           strerror(errno));
    return false;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    dz_vec_push(w->a, names, dz_arena_strdup(w->a, e->d_name));
  }
  closedir(d);
  return true;
}

static void add_match(dz_walk *w, const char *shown, const char *abs) {
  dz_match m = {shown, abs, w->out->len};
  dz_vec_push(w->a, w->out, m);
}

static void walk(dz_walk *w, size_t i, const char *shown, const char *abs, bool no_descend);

/* `**`: zero directories, or one more (not a dot directory, not
** node_modules) and `**` again. Like glob, a symlinked directory is entered
** but `**` goes no deeper inside it. */
static void walk_globstar(dz_walk *w, size_t i, const char *shown, const char *abs,
                          bool no_descend) {
  walk(w, i + 1, shown, abs, false);
  dz_strvec names = {0};
  if (no_descend || !list_dir(w, abs, &names)) return;
  for (size_t k = 0; k < names.len; k++) {
    const char *name = names.items[k];
    if (name[0] == '.' || strcmp(name, "node_modules") == 0) continue;
    const char *child = dz_path_resolve(w->a, abs, name);
    struct stat st, lst;
    if (stat(child, &st) != 0 || !S_ISDIR(st.st_mode) || lstat(child, &lst) != 0) continue;
    walk(w, i, join_shown(w->a, shown, name), child, S_ISLNK(lst.st_mode));
  }
}

static void walk_wildcard(dz_walk *w, size_t i, const char *shown, const char *abs) {
  dz_strvec names = {0};
  if (!list_dir(w, abs, &names)) return;
  for (size_t k = 0; k < names.len; k++) {
    const char *name = names.items[k];
    if (strcmp(name, "node_modules") == 0 || !segment_matches(w->utf8, w->segs[i], name))
      continue;
    walk(w, i + 1, join_shown(w->a, shown, name), dz_path_resolve(w->a, abs, name), false);
  }
}

static void walk(dz_walk *w, size_t i, const char *shown, const char *abs, bool no_descend) {
  struct stat st;
  if (w->rc != DZ_OK) return;
  if (i == w->nseg) {
    if (stat(abs, &st) == 0) add_match(w, shown, abs);
    return;
  }
  const char *seg = w->segs[i];
  if (!*seg) { /* a trailing or doubled slash: only a directory goes on */
    if (stat(abs, &st) == 0 && S_ISDIR(st.st_mode)) walk(w, i + 1, shown, abs, no_descend);
  } else if (strcmp(seg, "**") == 0) {
    walk_globstar(w, i, shown, abs, no_descend);
  } else if (is_magic(seg)) {
    walk_wildcard(w, i, shown, abs);
  } else {
    const char *lit = unescape(w->a, seg);
    walk(w, i + 1, join_shown(w->a, shown, seg), dz_path_resolve(w->a, abs, lit), false);
  }
}

/* Split at '/', keeping an empty first segment out (the root is handled by
** the caller) but an empty last one in (a trailing slash means "a
** directory"). */
static void split_segments(dz_arena *a, const char *p, dz_strvec *segs) {
  const char *s = *p == '/' ? p + 1 : p;
  for (;;) {
    const char *slash = strchr(s, '/');
    if (!slash) {
      dz_vec_push(a, segs, dz_arena_strdup(a, s));
      return;
    }
    dz_vec_push(a, segs, dz_arena_strndup(a, s, (size_t)(slash - s)));
    s = slash + 1;
  }
}

static dz_result glob_one(const char *dir, const char *pattern, dz_arena *a, dz_match_vec *out,
                          dz_error *err) {
  dz_walk w = {a, NULL, 0, out, err, DZ_OK, utf8_locale()};
  dz_strvec segs = {0};
  split_segments(a, pattern, &segs);
  w.segs = segs.items;
  w.nseg = segs.len;
  bool absolute = pattern[0] == '/';
  walk(&w, 0, absolute ? "/" : "", absolute ? "/" : dir, false);
  if (w.utf8) freelocale(w.utf8);
  return w.rc;
}

/* ---- ordering: ICU "en" collation, stable ---- */

static int compare_matches(const void *x, const void *y, void *coll) {
  const dz_match *m = x, *n = y;
  UErrorCode st = U_ZERO_ERROR;
  UCollationResult r = ucol_strcollUTF8(coll, m->shown, -1, n->shown, -1, &st);
  if (U_SUCCESS(st) && r != UCOL_EQUAL) return r == UCOL_LESS ? -1 : 1;
  return m->seq < n->seq ? -1 : m->seq > n->seq;
}

/* Remove repeated strings (glob returns each match once), keeping the first. */
static void unique_matches(dz_match_vec *v) {
  size_t n = 0;
  for (size_t i = 0; i < v->len; i++) {
    bool seen = false;
    for (size_t j = 0; j < n && !seen; j++) seen = strcmp(v->items[j].shown, v->items[i].shown) == 0;
    if (!seen) v->items[n++] = v->items[i];
  }
  v->len = n;
}

static dz_result sort_matches(dz_match_vec *v, dz_error *err) {
  UErrorCode st = U_ZERO_ERROR;
  UCollator *coll = ucol_open("en", &st);
  if (U_FAILURE(st))
    return dz_error_set(err, DZ_ERR_UNSUPPORTED, "ICU cannot open the \"en\" collation (%s)",
                        u_errorName(st));
  if (v->len) qsort_r(v->items, v->len, sizeof *v->items, compare_matches, coll);
  ucol_close(coll);
  return DZ_OK;
}

/* ---- from matches to files, as prepareFilenames does ---- */

typedef struct dz_file_set {
  dz_arena *a;
  dz_strvec *files;
  size_t skipped; /* matched, but not a JavaScript or TypeScript module */
} dz_file_set;

static void add_file(dz_file_set *fs, const char *abs) {
  if (!is_module_file(abs)) {
    fs->skipped++;
    return;
  }
  for (size_t i = 0; i < fs->files->len; i++)
    if (strcmp(fs->files->items[i], abs) == 0) return;
  dz_vec_push(fs->a, fs->files, abs);
}

static int compare_bytes(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* A matched directory stands for its top-level files, in byte order (Node's
** readdirSync sorts with strcmp), dot files included. */
static dz_result add_directory(dz_file_set *fs, const char *dir, dz_error *err) {
  dz_walk w = {fs->a, NULL, 0, NULL, err, DZ_OK, (locale_t)0};
  dz_strvec names = {0};
  if (!list_dir(&w, dir, &names)) {
    if (w.rc != DZ_OK) return w.rc;
    return dz_error_set(err, DZ_ERR_IO, "cannot list directory %s: %s", dir, strerror(errno));
  }
  if (names.len) qsort(names.items, names.len, sizeof *names.items, compare_bytes);
  for (size_t i = 0; i < names.len; i++) {
    const char *abs = dz_path_resolve(fs->a, dir, names.items[i]);
    struct stat st;
    if (lstat(abs, &st) == 0 && !S_ISDIR(st.st_mode)) add_file(fs, abs);
  }
  return DZ_OK;
}

static dz_result add_pattern(dz_file_set *fs, const char *dir, const char *pattern,
                             dz_error *err) {
  dz_match_vec matches = {0};
  dz_strvec alternatives = {0};
  brace_expand(fs->a, pattern, &alternatives);
  for (size_t i = 0; i < alternatives.len; i++) {
    dz_result rc = glob_one(dir, alternatives.items[i], fs->a, &matches, err);
    if (rc != DZ_OK) return rc;
  }
  unique_matches(&matches);
  dz_result rc = sort_matches(&matches, err);
  for (size_t i = 0; rc == DZ_OK && i < matches.len; i++) {
    struct stat st;
    const char *abs = matches.items[i].abs;
    if (lstat(abs, &st) == 0 && S_ISDIR(st.st_mode)) rc = add_directory(fs, abs, err);
    else add_file(fs, abs);
  }
  return rc;
}

static const char *pattern_list(dz_arena *a, const dz_strvec *patterns) {
  const char *s = "";
  for (size_t i = 0; i < patterns->len; i++)
    s = dz_arena_printf(a, "%s%s'%s'", s, i ? ", " : "", patterns->items[i]);
  return s;
}

dz_result dz_glob_schema_files(const char *dir, const dz_strvec *patterns, dz_arena *a,
                               dz_strvec *files, dz_error *err) {
  dz_file_set fs = {a, files, 0};
  size_t before = files->len;
  for (size_t i = 0; i < patterns->len; i++) {
    dz_result rc = add_pattern(&fs, dir, patterns->items[i], err);
    if (rc != DZ_OK) return rc;
  }
  if (files->len > before) return DZ_OK;
  const char *others =
      fs.skipped ? dz_arena_printf(a, " (only %zu file(s) that are not .ts, .js, .mjs, .cjs, .mts or "
                                      ".cts modules)", fs.skipped)
                 : "";
  return dz_error_set(err, DZ_ERR_NOT_FOUND,
                      "no schema files found for schema [%s] (relative to %s)%s; a file must be "
                      "named with its extension, e.g. './src/schema.ts'",
                      pattern_list(a, patterns), dir, others);
}
