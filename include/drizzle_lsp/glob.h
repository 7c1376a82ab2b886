/*
** glob.h — drizzle-kit's expansion of the config's `schema` option into the
** list of files it loads, in the same order (the order decides the order of
** tables in the snapshot).
**
** What drizzle-kit 0.31 does (prepareFilenames + glob 8.1, verified by running
** it): each entry is globbed on its own (`*`, `?`, `[...]`, `**`, `{a,b}`,
** extglobs; names starting with '.' only match a pattern that starts with
** '.'); one entry's matches are sorted with ICU's "en" collation
** (String.localeCompare); a match that is a directory is replaced by its
** top-level non-directory entries in byte order (dot files included); the
** files are de-duplicated by absolute path, first occurrence wins.
** Deliberate differences: only .ts .js .mjs .cjs .mts .cts files are kept
** (drizzle-kit require()s anything and crashes on a README.md), and
** wildcards never descend into or match node_modules.
*/
#ifndef DZ_GLOB_H
#define DZ_GLOB_H

#include "drizzle_lsp/model.h"

/* Expand patterns (relative to the absolute directory dir) into absolute file
** paths appended to files, allocated in a. Nothing matching at all is
** DZ_ERR_NOT_FOUND naming the patterns and dir; a pattern that matches
** nothing while others match is accepted, as drizzle-kit does. */
dz_result dz_glob_schema_files(const char *dir, const dz_strvec *patterns, dz_arena *a,
                               dz_strvec *files, dz_error *err);

/* Does one path segment match one glob segment (fnmatch with extglobs, a
** leading '.' matched only explicitly)? */
bool dz_glob_segment_matches(const char *pattern, const char *name);

#endif /* DZ_GLOB_H */
