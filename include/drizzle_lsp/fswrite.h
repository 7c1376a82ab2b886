/*
** fswrite.h — writing files so that a crash or a failure never leaves a
** half-written one behind: each file goes to a temporary name in its own
** directory, is fsync'ed, and is renamed into place.
**
** dz_write_files lands a set of files (a migration, its snapshot, its
** rollback and the journal) all together or not at all: every temporary is
** written first, then they are moved into place in order, and on any failure
** the temporaries and the files already moved are removed (and directories it
** created, removed again), so the folder is exactly as it was.
*/
#ifndef DZ_FSWRITE_H
#define DZ_FSWRITE_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/common.h"

typedef struct dz_file_write {
  const char *path;  /* where the file lands */
  const char *data;  /* its bytes, borrowed for the call */
  size_t len;
  bool replace;      /* may replace an existing file (the journal); otherwise an
                        existing file at path is an error and is left alone */
} dz_file_write;

/* Write one file atomically (temp, fsync, rename); dz_write_files of one.
** Without `replace`, an existing file at path is DZ_ERR_IO naming it. */
dz_result dz_write_file(const dz_file_write *f, dz_error *err);

/* Write files[0..n) all or nothing, renaming in the order given (put the
** journal last). Missing parent directories are created (and removed again on
** failure). On failure the folder is left as it was and err names the file
** and the reason. */
dz_result dz_write_files(const dz_file_write *files, size_t n, dz_error *err);

#endif /* DZ_FSWRITE_H */
