/*
** fs_watch.h — the server's own file watching (libuv fs events), for
** clients that cannot watch files for it (no dynamic registration of
** workspace/didChangeWatchedFiles): directories are watched, and the paths
** that change are reported in batches, after a short quiet period, so a
** tool writing several files (a migration) causes one refresh.
*/
#ifndef DZ_FS_WATCH_H
#define DZ_FS_WATCH_H

#include <uv.h>

#include "drizzle_lsp/common.h"

/* Called once per changed path (absolute), borrowed for the call. */
typedef void (*dz_fs_watch_fn)(void *ud, const char *path);
/* Called after each batch. */
typedef void (*dz_fs_batch_fn)(void *ud);

typedef struct dz_fs_watch dz_fs_watch;

/* A watcher on loop; the caller owns it (dz_fs_watch_free, then let the
** loop run once so the handles close). Its handles never keep the loop
** alive. NULL when out of memory. */
dz_fs_watch *dz_fs_watch_new(uv_loop_t *loop, dz_fs_watch_fn changed, dz_fs_batch_fn done,
                             void *ud);
void dz_fs_watch_free(dz_fs_watch *w);

/* Watch dir (not recursively); a directory already watched is fine. A
** directory that cannot be watched (missing) is DZ_ERR_IO naming it. */
dz_result dz_fs_watch_dir(dz_fs_watch *w, const char *dir, dz_error *err);

#endif /* DZ_FS_WATCH_H */
