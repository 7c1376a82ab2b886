/*
** transport.h — the server's byte pipes: stdin and stdout through libuv,
** whatever they are. A pipe or socket is read with uv_pipe_t, a terminal with
** uv_tty_t, and a regular file (`drizzle-lsp < transcript`) with uv_fs_read,
** because a pipe handle cannot be opened on a file. Output goes the same way
** (uv_write on streams, uv_fs_write on files). Nothing else writes to stdout.
*/
#ifndef DZ_TRANSPORT_H
#define DZ_TRANSPORT_H

#include <uv.h>

#include "drizzle_lsp/common.h"

typedef struct dz_transport dz_transport;

/* Called with each piece read (borrowed for the call), then once with
** data == NULL at end of input or on a read error (err set, else NULL). */
typedef void (*dz_transport_read_fn)(void *ud, const char *data, size_t len, const dz_error *err);

/* Open in_fd and out_fd on loop and start reading. The caller owns the
** transport and ends it with dz_transport_close; the loop must then run until
** it has no more handles before the transport's memory is released. */
dz_result dz_transport_open(uv_loop_t *loop, int in_fd, int out_fd, dz_transport_read_fn on_read,
                            void *ud, dz_transport **out, dz_error *err);

/* Queue bytes (copied) for output, in order. Write errors (the client went
** away) are reported once on stderr and further output is dropped. */
void dz_transport_write(dz_transport *t, const char *data, size_t len);

/* Stop reading, let queued output drain, close the handles and free t once
** the loop has closed them. */
void dz_transport_close(dz_transport *t);

/* The handle type stdin was found to be, for logs ("pipe", "tty", "file"). */
const char *dz_transport_input_kind(const dz_transport *t);

#endif /* DZ_TRANSPORT_H */
