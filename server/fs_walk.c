/*
** fs_walk.c — dz_walk_files (fs_walk.h).
*/
#include "drizzle_lsp/fs_walk.h"

#include <string.h>
#include <uv.h>

#include "drizzle_lsp/arena.h"

static void walk(dz_arena *a, const char *dir, int depth, int max_depth, dz_walk_fn fn, void *ud) {
  uv_fs_t req;
  if (uv_fs_scandir(NULL, &req, dir, 0, NULL) < 0) {
    uv_fs_req_cleanup(&req);
    return;
  }
  DZ_VEC(const char *) subdirs = {0};
  uv_dirent_t ent;
  while (uv_fs_scandir_next(&req, &ent) != UV_EOF) {
    if (ent.type == UV_DIRENT_DIR) {
      if (ent.name[0] != '.' && strcmp(ent.name, "node_modules") != 0)
        dz_vec_push(a, &subdirs,
                    dz_arena_printf(a, "%s/%s", strcmp(dir, "/") ? dir : "", ent.name));
    } else if (ent.type == UV_DIRENT_FILE) {
      fn(ud, dir, ent.name);
    }
  }
  uv_fs_req_cleanup(&req);
  for (size_t i = 0; depth < max_depth && i < subdirs.len; i++)
    walk(a, subdirs.items[i], depth + 1, max_depth, fn, ud);
}

void dz_walk_files(const char *dir, int max_depth, dz_walk_fn fn, void *ud) {
  dz_arena *a = dz_arena_new();
  walk(a, dir, 0, max_depth, fn, ud);
  dz_arena_free(a);
}
