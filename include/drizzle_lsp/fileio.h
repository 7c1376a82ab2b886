/*
** fileio.h — whole-file reads for the engine (config, journal, snapshots),
** with errors that name the file.
*/
#ifndef DZ_FILEIO_H
#define DZ_FILEIO_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"

/* The whole regular file at path into a, NUL-terminated (*len, if len is not
** NULL, excludes the NUL). A missing file is DZ_ERR_NOT_FOUND; anything else that stops the
** read (a directory, permissions, an I/O error) is DZ_ERR_IO. Both name path. */
dz_result dz_read_file(const char *path, dz_arena *a, char **text, size_t *len, dz_error *err);

#endif /* DZ_FILEIO_H */
