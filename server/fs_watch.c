/*
** fs_watch.c — directory watching with uv_fs_event_t, debounced with a
** timer (fs_watch.h). Every handle is unreferenced so that watching never
** keeps the server running after its client is gone.
*/
#include "drizzle_lsp/fs_watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define QUIET_MS 100

typedef struct watched {
  uv_fs_event_t handle;
  char *dir;
  struct dz_fs_watch *owner;
} watched;

struct dz_fs_watch {
  uv_loop_t *loop;
  dz_fs_watch_fn changed;
  dz_fs_batch_fn done;
  void *ud;
  uv_timer_t *timer;
  watched **dirs;
  size_t n_dirs;
  char **pending;
  size_t n_pending;
};

static void free_handle(uv_handle_t *h) {
  if (h->type == UV_FS_EVENT) free(((watched *)h->data)->dir);
  free(h->data);
}

static void flush(uv_timer_t *t) {
  dz_fs_watch *w = t->data;
  for (size_t i = 0; i < w->n_pending; i++) {
    w->changed(w->ud, w->pending[i]);
    free(w->pending[i]);
  }
  w->n_pending = 0;
  if (w->done) w->done(w->ud);
}

static void queue(dz_fs_watch *w, char *path) {
  for (size_t i = 0; i < w->n_pending; i++)
    if (strcmp(w->pending[i], path) == 0) {
      free(path);
      return;
    }
  char **grown = realloc(w->pending, (w->n_pending + 1) * sizeof *grown);
  if (!grown) {
    free(path);
    return;
  }
  w->pending = grown;
  w->pending[w->n_pending++] = path;
  uv_timer_start(w->timer, flush, QUIET_MS, 0);
}

static void on_event(uv_fs_event_t *h, const char *filename, int events, int status) {
  watched *d = h->data;
  if (status < 0 || !filename) return;
  size_t n = strlen(d->dir) + strlen(filename) + 2;
  char *path = malloc(n);
  if (!path) return;
  snprintf(path, n, "%s/%s", d->dir, filename);
  queue(d->owner, path);
}

dz_fs_watch *dz_fs_watch_new(uv_loop_t *loop, dz_fs_watch_fn changed, dz_fs_batch_fn done,
                             void *ud) {
  dz_fs_watch *w = calloc(1, sizeof *w);
  if (!w) return NULL;
  w->timer = calloc(1, sizeof *w->timer);
  if (!w->timer) {
    free(w);
    return NULL;
  }
  *w = (dz_fs_watch){loop, changed, done, ud, w->timer, NULL, 0, NULL, 0};
  uv_timer_init(loop, w->timer);
  w->timer->data = w;
  uv_unref((uv_handle_t *)w->timer);
  return w;
}

void dz_fs_watch_free(dz_fs_watch *w) {
  if (!w) return;
  for (size_t i = 0; i < w->n_dirs; i++) {
    w->dirs[i]->handle.data = w->dirs[i];
    uv_close((uv_handle_t *)&w->dirs[i]->handle, free_handle);
  }
  w->timer->data = w->timer;
  uv_close((uv_handle_t *)w->timer, free_handle);
  for (size_t i = 0; i < w->n_pending; i++) free(w->pending[i]);
  free(w->pending);
  free(w->dirs);
  free(w);
}

dz_result dz_fs_watch_dir(dz_fs_watch *w, const char *dir, dz_error *err) {
  for (size_t i = 0; i < w->n_dirs; i++)
    if (strcmp(w->dirs[i]->dir, dir) == 0) return DZ_OK;
  watched *d = calloc(1, sizeof *d);
  watched **grown = d ? realloc(w->dirs, (w->n_dirs + 1) * sizeof *grown) : NULL;
  if (!grown || !(d->dir = strdup(dir))) {
    free(d);
    return dz_error_set(err, DZ_ERR_NOMEM, "out of memory watching %s", dir);
  }
  w->dirs = grown;
  d->owner = w;
  uv_fs_event_init(w->loop, &d->handle);
  d->handle.data = d;
  int rc = uv_fs_event_start(&d->handle, on_event, dir, 0);
  if (rc < 0) {
    uv_close((uv_handle_t *)&d->handle, free_handle);
    return dz_error_set(err, DZ_ERR_IO, "cannot watch %s: %s", dir, uv_strerror(rc));
  }
  uv_unref((uv_handle_t *)&d->handle);
  w->dirs[w->n_dirs++] = d;
  return DZ_OK;
}
