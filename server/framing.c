/*
** framing.c — cuts LSP frames out of the byte stream from the client.
**
** Three states: reading a header block, waiting for a body of known length,
** and resynchronising after a bad header block. Resynchronising looks for the
** next `Content-Length:` and keeps only a short tail
** while it searches, so a refused multi-gigabyte body is skipped without ever
** being buffered.
*/
#include "drizzle_lsp/framing.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A header block longer than this is not a header block. */
#define DZ_FRAME_MAX_HEADER 8192

static const char length_header[] = "content-length:";
#define LENGTH_HEADER_LEN (sizeof length_header - 1)

typedef enum { ST_HEADER, ST_BODY, ST_RESYNC } framer_state;

struct dz_framer {
  char *buf;
  size_t start, end, cap;
  size_t max_content;
  size_t body_len;       /* in ST_BODY */
  framer_state state;
};

dz_framer *dz_framer_new(size_t max_content) {
  dz_framer *f = calloc(1, sizeof *f);
  if (f) f->max_content = max_content;
  return f;
}

void dz_framer_free(dz_framer *f) {
  if (!f) return;
  free(f->buf);
  free(f);
}

size_t dz_framer_buffered(const dz_framer *f) { return f->end - f->start; }

/* Room for `need` more bytes after end, moving live bytes to the front first. */
static dz_result reserve(dz_framer *f, size_t need) {
  if (f->start > 0) {
    memmove(f->buf, f->buf + f->start, f->end - f->start);
    f->end -= f->start;
    f->start = 0;
  }
  if (f->cap - f->end >= need) return DZ_OK;
  size_t cap = f->cap ? f->cap : 4096;
  while (cap - f->end < need) {
    if (cap > SIZE_MAX / 2) return DZ_ERR_NOMEM;
    cap *= 2;
  }
  char *buf = realloc(f->buf, cap);
  if (!buf) return DZ_ERR_NOMEM;
  f->buf = buf;
  f->cap = cap;
  return DZ_OK;
}

dz_result dz_framer_feed(dz_framer *f, const char *data, size_t len) {
  if (len == 0) return DZ_OK;
  dz_result rc = reserve(f, len);
  if (rc != DZ_OK) return rc;
  memcpy(f->buf + f->end, data, len);
  f->end += len;
  return DZ_OK;
}

static bool starts_with_nocase(const char *s, size_t n, const char *prefix, size_t plen) {
  if (n < plen) return false;
  for (size_t i = 0; i < plen; i++)
    if (tolower((unsigned char)s[i]) != prefix[i]) return false;
  return true;
}

/* Look for the next `Content-Length:`, wherever it starts: a frame's body
** is followed directly by the next header, with no line break between.
** Found: read headers from there. Not found: drop all but a tail that could
** still begin a match. */
static bool resync(dz_framer *f) {
  for (size_t p = f->start; p < f->end; p++) {
    size_t avail = f->end - p;
    size_t n = avail < LENGTH_HEADER_LEN ? avail : LENGTH_HEADER_LEN;
    if (!starts_with_nocase(f->buf + p, n, length_header, n)) continue;
    f->start = p;
    if (n < LENGTH_HEADER_LEN) return false; /* cut short: wait for more */
    f->state = ST_HEADER;
    return true;
  }
  f->start = f->end;
  return false;
}

static void start_resync(dz_framer *f, size_t from) {
  f->start = from;
  f->state = ST_RESYNC;
}

/* Parse "Content-Length" value digits; false on anything else or overflow. */
static bool parse_length(const char *v, size_t n, size_t *out) {
  while (n && (*v == ' ' || *v == '\t')) v++, n--;
  while (n && (v[n - 1] == ' ' || v[n - 1] == '\t')) n--;
  if (n == 0 || n > 19) return false;
  size_t x = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i] < '0' || v[i] > '9') return false;
    x = x * 10 + (size_t)(v[i] - '0');
  }
  *out = x;
  return true;
}

/* Parse the header lines in [p, block_end). */
static dz_result parse_headers(dz_framer *f, const char *p, const char *block_end, size_t *length,
                               dz_error *err) {
  bool have_length = false;
  while (p < block_end) {
    const char *nl = memchr(p, '\n', (size_t)(block_end - p));
    const char *line_end = nl ? nl : block_end;
    size_t n = (size_t)(line_end - p);
    if (n && p[n - 1] == '\r') n--;
    if (n == 0) break; /* the empty line that ends the block */
    const char *colon = memchr(p, ':', n);
    if (!colon)
      return dz_error_set(err, DZ_ERR_SYNTAX, "malformed LSP header line '%.*s' (expected 'Name: value')",
                          (int)(n > 80 ? 80 : n), p);
    if (starts_with_nocase(p, n, length_header, LENGTH_HEADER_LEN)) {
      const char *v = colon + 1;
      if (!parse_length(v, (size_t)(p + n - v), length))
        return dz_error_set(err, DZ_ERR_SYNTAX, "Content-Length '%.*s' is not a number",
                            (int)(p + n - v > 40 ? 40 : p + n - v), v);
      if (*length > f->max_content)
        return dz_error_set(err, DZ_ERR_UNSUPPORTED,
                            "Content-Length %zu exceeds the limit of %zu bytes; message skipped",
                            *length, f->max_content);
      have_length = true;
    }
    p = nl ? nl + 1 : block_end;
  }
  if (!have_length)
    return dz_error_set(err, DZ_ERR_SYNTAX, "LSP header block without Content-Length; skipped");
  return DZ_OK;
}

/* Find the empty line ending the header block at buf[start]; returns the
** offset just past it, or 0 when the block is not complete yet. */
static size_t header_block_end(const dz_framer *f) {
  const char *b = f->buf + f->start;
  size_t n = f->end - f->start;
  for (size_t i = 0; i < n; i++) {
    if (b[i] != '\n') continue;
    if (i + 1 < n && b[i + 1] == '\n') return f->start + i + 2;
    if (i + 2 < n && b[i + 1] == '\r' && b[i + 2] == '\n') return f->start + i + 3;
  }
  return 0;
}

static dz_frame_status read_header(dz_framer *f, dz_error *err) {
  while (f->start < f->end && (f->buf[f->start] == '\r' || f->buf[f->start] == '\n')) f->start++;
  size_t block_end = header_block_end(f);
  if (!block_end) {
    if (f->end - f->start <= DZ_FRAME_MAX_HEADER) return DZ_FRAME_NEED_MORE;
    dz_error_set(err, DZ_ERR_SYNTAX, "LSP header block longer than %d bytes; skipped",
                 DZ_FRAME_MAX_HEADER);
    start_resync(f, f->start + 1);
    return DZ_FRAME_ERROR;
  }
  size_t length = 0;
  if (parse_headers(f, f->buf + f->start, f->buf + block_end, &length, err) != DZ_OK) {
    /* From just past the block's start, not its end: junk before a frame's
    ** own header lines lands in the same block, and the frame is kept. */
    start_resync(f, f->start + 1);
    return DZ_FRAME_ERROR;
  }
  f->start = block_end;
  f->body_len = length;
  f->state = ST_BODY;
  return DZ_FRAME_NEED_MORE;
}

dz_frame_status dz_framer_next(dz_framer *f, const char **body, size_t *len, dz_error *err) {
  for (;;) {
    if (f->state == ST_RESYNC && !resync(f)) return DZ_FRAME_NEED_MORE;
    if (f->state == ST_HEADER) {
      dz_frame_status st = read_header(f, err);
      if (st == DZ_FRAME_ERROR) return st;
      if (f->state == ST_HEADER) return DZ_FRAME_NEED_MORE;
    }
    if (f->state == ST_BODY) {
      if (f->end - f->start < f->body_len) {
        /* Grow once for the whole body instead of doubling per piece. */
        if (f->cap - f->start < f->body_len) reserve(f, f->body_len - (f->end - f->start));
        return DZ_FRAME_NEED_MORE;
      }
      *body = f->buf + f->start;
      *len = f->body_len;
      f->start += f->body_len;
      f->state = ST_HEADER;
      return DZ_FRAME_MESSAGE;
    }
  }
}
