/*
** fs_walk.h — visiting the files of a project directory the way the
** workspace needs: depth-first, skipping node_modules and dot-directories,
** to a bounded depth (server/fs_walk.c, libuv's synchronous scandir).
*/
#ifndef DZ_FS_WALK_H
#define DZ_FS_WALK_H

#include <stdbool.h>

/* Called for each regular file (dir: its directory, name: its name; both
** borrowed for the call). */
typedef void (*dz_walk_fn)(void *ud, const char *dir, const char *name);

/* Visit the files under dir, down to max_depth levels of subdirectories.
** Unreadable directories are skipped. */
void dz_walk_files(const char *dir, int max_depth, dz_walk_fn fn, void *ud);

#endif /* DZ_FS_WALK_H */
