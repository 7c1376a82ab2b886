/* scratch_fixture.h — folders on disk for unit tests that read or write
** projects (test_config.c, test_tsconfig.c, test_project_schema.c,
** test_migrations.c, test_generate.c, test_server.c): a fresh folder under
** $DZ_BUILD_DIR/tmp/<test>/, files written into it with the folders on their
** way, and the tree removed. */
#ifndef DZ_SCRATCH_FIXTURE_H
#define DZ_SCRATCH_FIXTURE_H

#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "dz_test.h"
#include "drizzle_lsp/arena.h"

/* $DZ_BUILD_DIR/tmp/<test> (or /tmp/<test> outside ctest), made if missing,
** into buf. */
static inline void scratch_base(char *buf, size_t cap, const char *test) {
  const char *build = getenv("DZ_BUILD_DIR");
  snprintf(buf, cap, "%s/tmp", build ? build : "/tmp");
  mkdir(buf, 0755);
  snprintf(buf, cap, "%s/tmp/%s", build ? build : "/tmp", test);
  mkdir(buf, 0755);
}

/* A fresh, uniquely named empty folder under $DZ_BUILD_DIR/tmp/<test>/.
** The caller owns it: scratch_drop() removes it and frees the name. */
static inline char *scratch_new(const char *test) {
  char *dir = malloc(2048);
  scratch_base(dir, 2048, test);
  strcat(dir, "/XXXXXX");
  if (!mkdtemp(dir)) DZ_FAIL("mkdtemp %s failed", dir);
  return dir;
}

/* $DZ_BUILD_DIR/tmp/<test>/<name>, emptied (made fresh) on each call; the
** name lives in arena a. For tests that want stable names to look at after
** a failure. */
static inline const char *scratch_named(dz_arena *a, const char *test, const char *name) {
  char base[1024];
  scratch_base(base, sizeof base, test);
  char *dir = dz_arena_printf(a, "%s/%s", base, name);
  if (system(dz_arena_printf(a, "rm -rf '%s' && mkdir -p '%s'", dir, dir)) != 0) DZ_FAIL("cannot make %s", dir);
  return dir;
}

/* Write text to dir/rel, making the folders on the way (a failure is a
** failed check). */
static inline void scratch_put(const char *dir, const char *rel, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  for (char *s = path + strlen(dir) + 1; *s; s++)
    if (*s == '/') *s = '\0', mkdir(path, 0755), *s = '/';
  FILE *f = fopen(path, "wb");
  if (!f) {
    DZ_FAIL("cannot write %s", path);
    return;
  }
  fputs(text, f);
  fclose(f);
}

/* A fresh folder (as scratch_new) holding files given as relative path,
** text pairs (NULL-terminated). */
static inline char *scratch_project(const char *test, const char *const *files) {
  char *dir = scratch_new(test);
  for (size_t i = 0; files[i]; i += 2) scratch_put(dir, files[i], files[i + 1]);
  return dir;
}

static inline int scratch_remove_entry(const char *p, const struct stat *st, int flag, struct FTW *f) {
  (void)st, (void)flag, (void)f;
  return remove(p);
}

/* Remove the folder scratch_new() made, with all in it, and free its name. */
static inline void scratch_drop(char *dir) {
  nftw(dir, scratch_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  free(dir);
}

#endif
