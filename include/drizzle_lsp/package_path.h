/*
** package_path.h — resolving a bare import specifier to a path in the
** nearest node_modules, as Node does (package_path.c).
*/
#ifndef DZ_PACKAGE_PATH_H
#define DZ_PACKAGE_PATH_H

#include "drizzle_lsp/arena.h"

/* The path (possibly without its extension) that spec ("pkg", "pkg/sub",
** "@scope/pkg/sub") names for a file in the absolute directory from_dir, or
** NULL when no node_modules up the tree has the package. In a. */
char *dz_package_path(dz_arena *a, const char *from_dir, const char *spec);

#endif /* DZ_PACKAGE_PATH_H */
