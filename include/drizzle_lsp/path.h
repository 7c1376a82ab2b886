/*
** path.h — file-path arithmetic done the way Node's `path` module does it
** (lexically: `..` removes the previous segment without looking at symlinks),
** because drizzle-kit resolves config and schema paths with path.resolve and
** we must name the same files it does.
*/
#ifndef DZ_PATH_H
#define DZ_PATH_H

#include <stdbool.h>

#include "drizzle_lsp/arena.h"

/* Like path.resolve(base, path): path if absolute, else base/path, with `.`,
** `..` and repeated slashes removed and no trailing slash (except "/"). base
** must be absolute. The result lives in a. */
char *dz_path_resolve(dz_arena *a, const char *base, const char *path);

/* Like path.dirname of an absolute, normalized path ("/a/b" -> "/a",
** "/a" -> "/"). The result lives in a. */
char *dz_path_dirname(dz_arena *a, const char *path);

/* The part after the last '/', borrowed from path. */
const char *dz_path_basename(const char *path);

/* True if name ends with ext (e.g. ".ts"). */
bool dz_path_has_ext(const char *name, const char *ext);

#endif /* DZ_PATH_H */
