/*
** fswrite.c — atomic file writing (fswrite.h): temp name in the same
** directory, fsync, then a rename (or, where replacing is not allowed, a
** hard link, which fails rather than overwrite). A set of files is landed in
** order and undone completely on failure.
*/
#include "drizzle_lsp/fswrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where each file of a set is in its journey, so a failure can undo it. */
typedef struct landing {
  const dz_file_write *f;
  char *tmp;     /* the new bytes, until moved into place */
  char *backup;  /* a second name for the file it replaced, or NULL */
  bool landed;   /* now at f->path */
} landing;

static char *dir_of(dz_arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return dz_arena_strdup(a, ".");
  if (slash == path) return dz_arena_strdup(a, "/");
  return dz_arena_strndup(a, path, (size_t)(slash - path));
}

static const char *base_of(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* A fresh hidden name beside path: ".<base>.<what>-<pid>-<n>". O_EXCL (or
** link's EEXIST) makes a clash with a leftover file harmless: try the next n. */
static char *sibling_name(dz_arena *a, const char *path, const char *what, unsigned n) {
  char *dir = dir_of(a, path);
  return dz_arena_printf(a, "%s/.%s.%s-%ld-%u", dir, base_of(path), what, (long)getpid(), n);
}

static dz_result write_all(int fd, const char *data, size_t len, const char *path, dz_error *err) {
  while (len > 0) {
    ssize_t w = write(fd, data, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return dz_error_set(err, DZ_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
    data += w;
    len -= (size_t)w;
  }
  return DZ_OK;
}

/* Create and fill a temp file beside f->path; *tmp_out names it. */
static dz_result write_temp(dz_arena *a, const dz_file_write *f, char **tmp_out, dz_error *err) {
  int fd = -1;
  char *tmp = NULL;
  for (unsigned n = 0; fd < 0 && n < 100; n++) {
    tmp = sibling_name(a, f->path, "tmp", n);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST)
      return dz_error_set(err, DZ_ERR_IO, "%s: cannot create a temporary file beside it: %s", f->path,
                          strerror(errno));
  }
  if (fd < 0) return dz_error_set(err, DZ_ERR_IO, "%s: no free temporary name beside it", f->path);
  dz_result rc = write_all(fd, f->data, f->len, f->path, err);
  if (rc == DZ_OK && fsync(fd) != 0)
    rc = dz_error_set(err, DZ_ERR_IO, "%s: cannot flush to disk: %s", f->path, strerror(errno));
  if (close(fd) != 0 && rc == DZ_OK)
    rc = dz_error_set(err, DZ_ERR_IO, "%s: cannot close: %s", f->path, strerror(errno));
  if (rc != DZ_OK) {
    unlink(tmp);
    return rc;
  }
  *tmp_out = tmp;
  return DZ_OK;
}

static dz_result fsync_dir(const char *dir, dz_error *err) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return dz_error_set(err, DZ_ERR_IO, "%s: cannot open directory: %s", dir, strerror(errno));
  int rc = fsync(fd);
  int saved = errno;
  close(fd);
  if (rc != 0) return dz_error_set(err, DZ_ERR_IO, "%s: cannot flush directory: %s", dir, strerror(saved));
  return DZ_OK;
}

/* Keep the file being replaced under a second name, so it can be put back. */
static dz_result keep_backup(dz_arena *a, landing *l, dz_error *err) {
  for (unsigned n = 0; n < 100; n++) {
    char *b = sibling_name(a, l->f->path, "old", n);
    if (link(l->f->path, b) == 0) {
      l->backup = b;
      return DZ_OK;
    }
    if (errno == ENOENT) return DZ_OK; /* nothing to replace */
    if (errno != EEXIST) break;
  }
  return dz_error_set(err, DZ_ERR_IO, "%s: cannot keep the old version while replacing it: %s",
                      l->f->path, strerror(errno));
}

/* Move one temp into place. link() refuses an existing target, which is how a
** file that must not be overwritten never is. */
static dz_result land(dz_arena *a, landing *l, dz_error *err) {
  const char *path = l->f->path;
  if (l->f->replace) {
    dz_result rc = keep_backup(a, l, err);
    if (rc != DZ_OK) return rc;
    if (rename(l->tmp, path) != 0)
      return dz_error_set(err, DZ_ERR_IO, "%s: cannot move into place: %s", path, strerror(errno));
  } else {
    if (link(l->tmp, path) != 0) {
      if (errno == EEXIST)
        return dz_error_set(err, DZ_ERR_IO, "%s already exists; refusing to overwrite it", path);
      return dz_error_set(err, DZ_ERR_IO, "%s: cannot move into place: %s", path, strerror(errno));
    }
    unlink(l->tmp);
  }
  l->tmp = NULL;
  l->landed = true;
  return DZ_OK;
}

/* Undo everything: temps removed, landed files removed or put back. */
static void undo(landing *ls, size_t n) {
  for (size_t i = n; i-- > 0;) {
    landing *l = &ls[i];
    if (l->tmp) unlink(l->tmp);
    if (l->landed && l->backup) rename(l->backup, l->f->path);
    else if (l->landed) unlink(l->f->path);
    else if (l->backup) unlink(l->backup);
  }
}

typedef DZ_VEC(char *) dirlist;

/* mkdir -p dir, remembering (outermost first) what was created. */
static dz_result make_dirs(dz_arena *a, const char *dir, dirlist *made, dz_error *err) {
  struct stat st;
  if (stat(dir, &st) == 0) {
    if (S_ISDIR(st.st_mode)) return DZ_OK;
    return dz_error_set(err, DZ_ERR_IO, "%s is not a directory", dir);
  }
  char *parent = dir_of(a, dir);
  if (strcmp(parent, dir) != 0) {
    dz_result rc = make_dirs(a, parent, made, err);
    if (rc != DZ_OK) return rc;
  }
  if (mkdir(dir, 0777) != 0 && errno != EEXIST)
    return dz_error_set(err, DZ_ERR_IO, "%s: cannot create directory: %s", dir, strerror(errno));
  dz_vec_push(a, made, dz_arena_strdup(a, dir));
  return DZ_OK;
}

static void remove_dirs(const dirlist *made) {
  for (size_t i = made->len; i-- > 0;) rmdir(made->items[i]);
}

dz_result dz_write_file(const dz_file_write *f, dz_error *err) {
  return dz_write_files(f, 1, err);
}

/* Flush each distinct directory the set touched, so the renames survive a
** crash; done before the caller hears "written". */
static dz_result flush_dirs(dz_arena *a, const dz_file_write *files, size_t n, dz_error *err) {
  for (size_t i = 0; i < n; i++) {
    char *dir = dir_of(a, files[i].path);
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++) seen = strcmp(dir, dir_of(a, files[j].path)) == 0;
    dz_result rc = seen ? DZ_OK : fsync_dir(dir, err);
    if (rc != DZ_OK) return rc;
  }
  return DZ_OK;
}

static dz_result write_set(dz_arena *a, const dz_file_write *files, size_t n, landing *ls,
                           dirlist *made, dz_error *err) {
  dz_result rc = DZ_OK;
  for (size_t i = 0; i < n && rc == DZ_OK; i++) {
    struct stat st;
    if (!files[i].replace && lstat(files[i].path, &st) == 0)
      return dz_error_set(err, DZ_ERR_IO, "%s already exists; refusing to overwrite it", files[i].path);
    rc = make_dirs(a, dir_of(a, files[i].path), made, err);
  }
  for (size_t i = 0; i < n && rc == DZ_OK; i++) rc = write_temp(a, &files[i], &ls[i].tmp, err);
  for (size_t i = 0; i < n && rc == DZ_OK; i++) rc = land(a, &ls[i], err);
  if (rc == DZ_OK) rc = flush_dirs(a, files, n, err);
  return rc;
}

dz_result dz_write_files(const dz_file_write *files, size_t n, dz_error *err) {
  dz_arena *a = dz_arena_new();
  landing *ls = dz_arena_alloc(a, (n ? n : 1) * sizeof *ls);
  for (size_t i = 0; i < n; i++) ls[i].f = &files[i];
  dirlist made = {0};
  dz_result rc = write_set(a, files, n, ls, &made, err);
  if (rc != DZ_OK) {
    undo(ls, n);
    remove_dirs(&made);
  } else {
    for (size_t i = 0; i < n; i++)
      if (ls[i].backup) unlink(ls[i].backup);
  }
  dz_arena_free(a);
  return rc;
}
