/*
** package_path.c — where a bare import ("@acme/shared/enums", "pkg") points:
** the package found in the nearest node_modules up from the importing file,
** then its package.json "exports" entry (a string, or the "import",
** "default", "types" or "require" condition), "module", "main" or "types",
** as Node and TypeScript look them up; a workspace package is usually a
** symlink to TypeScript sources, which is what schemas import constants from.
*/
#include "drizzle_lsp/package_path.h"

#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/path.h"

static bool is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A target of an "exports" entry: a string or the first known condition. */
static const char *export_target(const json_t *v) {
  static const char *const conditions[] = {"import", "default", "types", "require", "node", NULL};
  if (json_is_string(v)) return json_string_value(v);
  for (size_t i = 0; json_is_object(v) && conditions[i]; i++) {
    const char *t = export_target(json_object_get(v, conditions[i]));
    if (t) return t;
  }
  return NULL;
}

/* The file a package's entry key ("." or "./sub") names, relative to it. */
static const char *package_entry(const json_t *pkg, const char *key) {
  const json_t *exports = json_object_get(pkg, "exports");
  if (exports) {
    if (strcmp(key, ".") == 0 && json_is_string(exports)) return json_string_value(exports);
    const char *t = json_is_object(exports) ? export_target(json_object_get(exports, key)) : NULL;
    if (t || strcmp(key, ".") != 0) return t;
  }
  if (strcmp(key, ".") != 0) return NULL;
  static const char *const fields[] = {"module", "main", "types", NULL};
  for (size_t i = 0; fields[i]; i++)
    if (json_is_string(json_object_get(pkg, fields[i]))) return json_string_value(json_object_get(pkg, fields[i]));
  return NULL;
}

char *dz_package_dir(dz_arena *a, const char *from_dir, const char *name, size_t name_len) {
  for (const char *dir = from_dir;; dir = dz_path_dirname(a, dir)) {
    char *pkgdir = dz_arena_printf(a, "%s/node_modules/%.*s", strcmp(dir, "/") ? dir : "", (int)name_len, name);
    if (is_dir(pkgdir)) return pkgdir;
    if (strcmp(dir, "/") == 0) return NULL;
  }
}

size_t dz_package_name_len(const char *spec) {
  const char *slash = strchr(spec, '/');
  if (spec[0] == '@' && slash) slash = strchr(slash + 1, '/');
  return slash ? (size_t)(slash - spec) : strlen(spec);
}

char *dz_package_path(dz_arena *a, const char *from_dir, const char *spec) {
  size_t name_len = dz_package_name_len(spec);
  const char *sub = spec[name_len] ? spec + name_len + 1 : NULL;
  char *pkgdir = dz_package_dir(a, from_dir, spec, name_len);
  if (!pkgdir) return NULL;
  char *text = NULL;
  size_t len = 0;
  json_t *pkg = NULL;
  if (dz_read_file(dz_arena_printf(a, "%s/package.json", pkgdir), a, &text, &len, NULL) == DZ_OK)
    dz_json_load("package.json", text, len, &pkg, NULL);
  const char *entry = pkg ? package_entry(pkg, sub ? dz_arena_printf(a, "./%s", sub) : ".") : NULL;
  char *target = entry ? dz_path_resolve(a, pkgdir, entry) : dz_path_resolve(a, pkgdir, sub ? sub : "index");
  json_decref(pkg);
  return target;
}
