/*
** fileio.c — reading a whole file into an arena (fileio.h).
*/
#include "drizzle_lsp/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

dz_result dz_read_file(const char *path, dz_arena *a, char **text, size_t *len, dz_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return dz_error_set(err, errno == ENOENT ? DZ_ERR_NOT_FOUND : DZ_ERR_IO, "cannot read %s: %s",
                        path, strerror(errno));
  struct stat st;
  dz_result rc = DZ_OK;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    rc = dz_error_set(err, DZ_ERR_IO, "cannot read %s: not a regular file", path);
  } else {
    size_t size = (size_t)st.st_size;
    *text = dz_arena_alloc(a, size + 1);
    if (len) *len = size;
    if (fread(*text, 1, size, f) != size)
      rc = dz_error_set(err, DZ_ERR_IO, "cannot read %s: %s", path,
                        ferror(f) ? strerror(errno) : "the file changed while it was read");
  }
  fclose(f);
  return rc;
}
