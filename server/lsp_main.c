/*
** lsp_main.c — `drizzle-lsp [--stdio]`: one session on stdin/stdout.
**
** Bytes read are framed and queued as they arrive; the queue is handled in
** libuv's check phase, after every read the poll phase could make, so a
** burst that arrived together is handled as one batch (cancellations first,
** didChange merged). The exit code is the session's: 0 when shutdown came
** before exit, 1 otherwise. As the spec asks, the server also ends when the
** client process named in initialize's processId is gone.
*/
#include "drizzle_lsp/cli.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <uv.h>

#include "drizzle_lsp/drizzle_features.h"
#include "drizzle_lsp/server.h"
#include "drizzle_lsp/transport.h"

#define CLIENT_CHECK_MS 2000

typedef struct session {
  dz_server *server;
  dz_transport *transport;
  uv_check_t check;
  uv_timer_t client_watch;
  bool finished;
} session;

static void finish(session *ss) {
  if (ss->finished) return;
  ss->finished = true;
  uv_check_stop(&ss->check);
  uv_close((uv_handle_t *)&ss->check, NULL);
  uv_close((uv_handle_t *)&ss->client_watch, NULL);
  dz_transport_close(ss->transport);
}

static void on_client_watch(uv_timer_t *h) {
  session *ss = h->data;
  int64_t pid = ss->server->client_pid;
  if (pid <= 0 || pid > INT32_MAX || uv_kill((int)pid, 0) != UV_ESRCH) return;
  dz_server_log(ss->server, DZ_LOG_WARNING, "client process %lld is gone; exiting", (long long)pid);
  dz_server_input_ended(ss->server);
  finish(ss);
}

static void on_check(uv_check_t *h) {
  session *ss = h->data;
  uv_check_stop(h);
  dz_server_drain(ss->server);
  if (dz_server_exited(ss->server)) finish(ss);
}

static void on_read(void *ud, const char *data, size_t len, const dz_error *err) {
  session *ss = ud;
  if (ss->finished) return;
  if (data) {
    dz_server_feed(ss->server, data, len);
    if (dz_server_has_queued(ss->server)) uv_check_start(&ss->check, on_check);
    return;
  }
  if (err) fprintf(stderr, "drizzle-lsp: %s\n", err->message);
  dz_server_input_ended(ss->server);
  finish(ss);
}

static void on_write(void *ud, const char *data, size_t len) {
  session *ss = ud;
  dz_transport_write(ss->transport, data, len);
}

int dz_server_run(int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--stdio") == 0) continue;
    fprintf(stderr, "drizzle-lsp: unknown server option '%s' (the server speaks LSP on stdin/stdout)\n",
            argv[i]);
    return DZ_EXIT_ERROR;
  }
  signal(SIGPIPE, SIG_IGN); /* a client that goes away is a write error, not a kill */
  uv_loop_t *loop = uv_default_loop();
  session ss = {0};
  dz_features_state *features = dz_features_state_new();
  dz_lsp_features hooks;
  if (features) dz_features_hooks(features, &hooks);
  ss.server = features ? dz_server_new(&hooks, on_write, &ss) : NULL;
  if (!ss.server) {
    dz_features_state_free(features);
    fprintf(stderr, "drizzle-lsp: out of memory starting the server\n");
    return DZ_EXIT_ERROR;
  }
  dz_error err;
  if (dz_transport_open(loop, 0, 1, on_read, &ss, &ss.transport, &err) != DZ_OK) {
    fprintf(stderr, "drizzle-lsp: %s\n", err.message);
    dz_server_free(ss.server);
    dz_features_state_free(features);
    return DZ_EXIT_ERROR;
  }
  dz_features_attach(features, loop, ss.server);
  uv_check_init(loop, &ss.check);
  ss.check.data = &ss;
  uv_timer_init(loop, &ss.client_watch);
  ss.client_watch.data = &ss;
  uv_timer_start(&ss.client_watch, on_client_watch, CLIENT_CHECK_MS, CLIENT_CHECK_MS);
  uv_unref((uv_handle_t *)&ss.client_watch); /* never what keeps the loop alive */
  uv_run(loop, UV_RUN_DEFAULT);
  int code = ss.server->exit_code;
  dz_server_free(ss.server);
  dz_features_state_free(features);
  uv_run(loop, UV_RUN_NOWAIT); /* let the watchers' handles close */
  uv_loop_close(loop);
  return code;
}
