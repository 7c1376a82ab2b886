/*
** transport.c — stdin and stdout through libuv, for every kind of file
** descriptor a client (or a test) can hand the server.
**
** Streams (pipes, sockets, terminals) use libuv's stream handles. Regular
** files and character devices, which uv_guess_handle reports as UV_FILE,
** cannot be opened as streams, so they are read with chained uv_fs_read
** requests and written with synchronous uv_fs_write (a regular file never
** blocks for long, and synchronous writes keep the output in order).
*/
#include "drizzle_lsp/transport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_CHUNK 65536

typedef struct endpoint {
  uv_handle_type type;
  int fd;
  union {
    uv_handle_t handle;
    uv_stream_t stream;
    uv_pipe_t pipe;
    uv_tty_t tty;
    uv_tcp_t tcp;
  } h;
} endpoint;

struct dz_transport {
  uv_loop_t *loop;
  endpoint in, out;
  dz_transport_read_fn on_read;
  void *ud;
  uv_fs_t read_req;
  uv_shutdown_t shutdown_req;
  bool file_read_in_flight;
  bool closing, write_failed, input_ended;
  int pending; /* close callbacks and requests to wait for before freeing */
  char read_buf[READ_CHUNK];
};

typedef struct write_req {
  uv_write_t req;
  char data[];
} write_req;

static bool is_stream(const endpoint *e) { return e->type != UV_FILE; }

static dz_result open_endpoint(uv_loop_t *loop, endpoint *e, int fd, const char *which,
                               dz_error *err) {
  e->fd = fd;
  e->type = uv_guess_handle(fd);
  int rc;
  switch (e->type) {
    case UV_FILE: return DZ_OK;
    case UV_NAMED_PIPE:
      rc = uv_pipe_init(loop, &e->h.pipe, 0);
      if (rc == 0 && (rc = uv_pipe_open(&e->h.pipe, fd)) != 0) uv_close(&e->h.handle, NULL);
      break;
    case UV_TTY:
      rc = uv_tty_init(loop, &e->h.tty, fd, 0);
      /* LSP needs the bytes as sent: no echo, no \r to \n, no line editing. */
      if (rc == 0 && fd == 0) rc = uv_tty_set_mode(&e->h.tty, UV_TTY_MODE_IO);
      break;
    case UV_TCP:
      rc = uv_tcp_init(loop, &e->h.tcp);
      if (rc == 0 && (rc = uv_tcp_open(&e->h.tcp, fd)) != 0) uv_close(&e->h.handle, NULL);
      break;
    default:
      return dz_error_set(err, DZ_ERR_IO, "%s (fd %d) is not a pipe, terminal, socket or file",
                          which, fd);
  }
  if (rc != 0)
    return dz_error_set(err, DZ_ERR_IO, "cannot open %s (fd %d): %s", which, fd, uv_strerror(rc));
  return DZ_OK;
}

static void release(dz_transport *t) {
  if (--t->pending == 0) free(t);
}

static void on_handle_closed(uv_handle_t *h) { release(h->data); }

static void report_end(dz_transport *t, const char *what, int status) {
  if (t->input_ended) return;
  t->input_ended = true;
  dz_error e, *ep = NULL;
  if (status < 0) {
    dz_error_set(&e, DZ_ERR_IO, "reading stdin failed: %s: %s", what, uv_strerror(status));
    ep = &e;
  }
  t->on_read(t->ud, NULL, 0, ep);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  dz_transport *t = h->data;
  *buf = uv_buf_init(t->read_buf, sizeof t->read_buf);
}

static void on_stream_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  dz_transport *t = s->data;
  if (nread > 0) t->on_read(t->ud, buf->base, (size_t)nread, NULL);
  else if (nread < 0) {
    uv_read_stop(s);
    report_end(t, "read", nread == UV_EOF ? 0 : (int)nread);
  }
}

static void start_file_read(dz_transport *t);

static void on_file_read(uv_fs_t *req) {
  dz_transport *t = req->data;
  ssize_t n = req->result;
  uv_fs_req_cleanup(req);
  t->file_read_in_flight = false;
  if (t->closing) {
    release(t);
    return;
  }
  if (n > 0) {
    t->on_read(t->ud, t->read_buf, (size_t)n, NULL);
    if (!t->closing) start_file_read(t);
  } else {
    report_end(t, "file read", (int)n);
  }
}

static void start_file_read(dz_transport *t) {
  uv_buf_t buf = uv_buf_init(t->read_buf, sizeof t->read_buf);
  t->read_req.data = t;
  int rc = uv_fs_read(t->loop, &t->read_req, t->in.fd, &buf, 1, -1, on_file_read);
  if (rc < 0) {
    uv_fs_req_cleanup(&t->read_req);
    report_end(t, "file read", rc);
    return;
  }
  t->file_read_in_flight = true;
}

static dz_result start_reading(dz_transport *t, dz_error *err) {
  if (!is_stream(&t->in)) {
    start_file_read(t);
    return DZ_OK;
  }
  int rc = uv_read_start(&t->in.h.stream, on_alloc, on_stream_read);
  if (rc != 0) return dz_error_set(err, DZ_ERR_IO, "cannot read stdin: %s", uv_strerror(rc));
  return DZ_OK;
}

dz_result dz_transport_open(uv_loop_t *loop, int in_fd, int out_fd, dz_transport_read_fn on_read,
                            void *ud, dz_transport **out, dz_error *err) {
  *out = NULL;
  dz_transport *t = calloc(1, sizeof *t);
  if (!t) return dz_error_set(err, DZ_ERR_NOMEM, "out of memory opening stdin/stdout");
  t->loop = loop;
  t->on_read = on_read;
  t->ud = ud;
  t->pending = 1; /* the transport itself, released by dz_transport_close */
  dz_result rc = open_endpoint(loop, &t->in, in_fd, "stdin", err);
  if (rc == DZ_OK && (rc = open_endpoint(loop, &t->out, out_fd, "stdout", err)) != DZ_OK &&
      is_stream(&t->in))
    uv_close(&t->in.h.handle, NULL);
  if (rc != DZ_OK) {
    /* A handle closed above only needs the loop to run once; its memory is
    ** inside t, so run the loop before freeing. */
    uv_run(loop, UV_RUN_NOWAIT);
    free(t);
    return rc;
  }
  t->in.h.handle.data = t;
  t->out.h.handle.data = t;
  if ((rc = start_reading(t, err)) != DZ_OK) {
    dz_transport_close(t);
    return rc;
  }
  *out = t;
  return DZ_OK;
}

static void write_failed(dz_transport *t, int status) {
  if (t->write_failed) return;
  t->write_failed = true;
  fprintf(stderr, "drizzle-lsp: writing to stdout failed: %s; further output is dropped\n",
          uv_strerror(status));
}

static void on_write(uv_write_t *req, int status) {
  dz_transport *t = req->data;
  if (status < 0) write_failed(t, status);
  free(req);
}

static void write_file(dz_transport *t, const char *data, size_t len) {
  while (len > 0 && !t->write_failed) {
    uv_fs_t req;
    uv_buf_t buf = uv_buf_init((char *)data, (unsigned)(len > (1u << 30) ? (1u << 30) : len));
    int n = uv_fs_write(t->loop, &req, t->out.fd, &buf, 1, -1, NULL);
    uv_fs_req_cleanup(&req);
    if (n <= 0) {
      write_failed(t, n < 0 ? n : UV_EIO);
      return;
    }
    data += n;
    len -= (size_t)n;
  }
}

void dz_transport_write(dz_transport *t, const char *data, size_t len) {
  if (t->write_failed || len == 0) return;
  if (!is_stream(&t->out)) {
    write_file(t, data, len);
    return;
  }
  write_req *w = malloc(sizeof *w + len);
  if (!w) {
    write_failed(t, UV_ENOMEM);
    return;
  }
  memcpy(w->data, data, len);
  w->req.data = t;
  uv_buf_t buf = uv_buf_init(w->data, (unsigned)len);
  int rc = uv_write(&w->req, &t->out.h.stream, &buf, 1, on_write);
  if (rc < 0) {
    free(w);
    write_failed(t, rc);
  }
}

static void on_shutdown(uv_shutdown_t *req, int status) {
  dz_transport *t = req->data;
  uv_close(&t->out.h.handle, on_handle_closed);
}

void dz_transport_close(dz_transport *t) {
  if (t->closing) return;
  t->closing = true;
  if (is_stream(&t->in)) {
    uv_read_stop(&t->in.h.stream);
    if (t->in.type == UV_TTY) uv_tty_reset_mode();
    t->pending++;
    uv_close(&t->in.h.handle, on_handle_closed);
  } else if (t->file_read_in_flight) {
    t->pending++; /* on_file_read releases it */
  }
  if (is_stream(&t->out)) {
    t->pending++;
    t->shutdown_req.data = t;
    /* shutdown waits for queued writes; then the handle is closed. */
    if (uv_shutdown(&t->shutdown_req, &t->out.h.stream, on_shutdown) != 0)
      uv_close(&t->out.h.handle, on_handle_closed);
  }
  release(t);
}

const char *dz_transport_input_kind(const dz_transport *t) {
  switch (t->in.type) {
    case UV_NAMED_PIPE: return "pipe";
    case UV_TTY: return "tty";
    case UV_TCP: return "socket";
    case UV_FILE: return "file";
    default: return "unknown";
  }
}
