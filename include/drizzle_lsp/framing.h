/*
** framing.h — LSP's base protocol: `Content-Length: N\r\n\r\n<N bytes>` frames
** cut out of a byte stream that arrives in arbitrary pieces.
**
** The framer is forgiving about what clients really send (header names in
** any case, a Content-Type header, bare \n line ends) and strict about what
** could hurt the server: a Content-Length above the cap, a missing or
** unreadable length, or an endless header block is reported as an error and
** the framer resynchronises on the next `Content-Length:` header, so one
** bad frame never stops the stream.
*/
#ifndef DZ_FRAMING_H
#define DZ_FRAMING_H

#include "drizzle_lsp/common.h"

/* The largest body the server accepts by default (64 MiB). */
#define DZ_FRAME_MAX_CONTENT ((size_t)64 << 20)

typedef struct dz_framer dz_framer;

typedef enum dz_frame_status {
  DZ_FRAME_NEED_MORE, /* no complete frame buffered; feed more bytes */
  DZ_FRAME_MESSAGE,   /* a body was returned */
  DZ_FRAME_ERROR      /* a bad header block was dropped; err says why; call again */
} dz_frame_status;

/* A framer that refuses bodies larger than max_content bytes. Owned by the
** caller (dz_framer_free); NULL when out of memory. */
dz_framer *dz_framer_new(size_t max_content);
void dz_framer_free(dz_framer *f);

/* Append bytes (copied). DZ_ERR_NOMEM if the buffer cannot grow. */
dz_result dz_framer_feed(dz_framer *f, const char *data, size_t len);

/* The next frame. On DZ_FRAME_MESSAGE body and len point into the framer and
** stay valid until the next call to dz_framer_feed or dz_framer_next. */
dz_frame_status dz_framer_next(dz_framer *f, const char **body, size_t *len, dz_error *err);

/* Bytes buffered but not yet returned (for tests). */
size_t dz_framer_buffered(const dz_framer *f);

#endif /* DZ_FRAMING_H */
