/*
** package_path.h — resolving a bare import specifier to a path in the
** nearest node_modules, as Node does (package_path.c).
*/
#ifndef DZ_PACKAGE_PATH_H
#define DZ_PACKAGE_PATH_H

#include <stddef.h>

#include "drizzle_lsp/arena.h"

/* The path (possibly without its extension) that spec ("pkg", "pkg/sub",
** "@scope/pkg/sub") names for a file in the absolute directory from_dir, or
** NULL when no node_modules up the tree has the package. In a. */
char *dz_package_path(dz_arena *a, const char *from_dir, const char *spec);

/* The length of the package name at the start of spec ("pkg" of "pkg/sub",
** "@scope/pkg" of "@scope/pkg/sub"). */
size_t dz_package_name_len(const char *spec);

/* The folder of the package named by the first name_len bytes of name in the
** nearest node_modules up from the absolute directory from_dir, or NULL. In a. */
char *dz_package_dir(dz_arena *a, const char *from_dir, const char *name, size_t name_len);

#endif /* DZ_PACKAGE_PATH_H */
