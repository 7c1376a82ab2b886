/*
** window.c — requests the server makes of the client's window:
** window/showDocument, and work-done progress (window/workDoneProgress/create
** then $/progress begin, report, end). Each is sent only when the client
** said it supports it; answers are not waited for.
*/
#include "drizzle_lsp/server.h"

static int64_t next_id(dz_server *s) { return ++s->next_request_id; }

bool dz_server_show_document(dz_server *s, const char *path) {
  if (!s->client.show_document) return false;
  dz_arena *a = dz_arena_new();
  dz_rpc_request(s->rpc, next_id(s), "window/showDocument",
                 json_pack("{s:s, s:b}", "uri", dz_lsp_path_to_uri(a, path), "takeFocus", 1));
  dz_arena_free(a);
  return true;
}

static json_t *token_json(int64_t token) {
  return json_sprintf("drizzle-lsp/%lld", (long long)token);
}

static void progress(dz_server *s, int64_t token, json_t *value) {
  dz_rpc_notify(s->rpc, "$/progress",
                json_pack("{s:o, s:o}", "token", token_json(token), "value", value));
}

int64_t dz_server_progress_begin(dz_server *s, const char *title, const char *message) {
  if (!s->client.work_done_progress) return 0;
  int64_t token = next_id(s);
  dz_rpc_request(s->rpc, token, "window/workDoneProgress/create",
                 json_pack("{s:o}", "token", token_json(token)));
  progress(s, token,
           json_pack("{s:s, s:s, s:s, s:b}", "kind", "begin", "title", title, "message",
                     message ? message : "", "cancellable", 0));
  return token;
}

void dz_server_progress_report(dz_server *s, int64_t token, const char *message, int percent) {
  if (!token) return;
  progress(s, token,
           json_pack("{s:s, s:s, s:i}", "kind", "report", "message", message ? message : "",
                     "percentage", percent));
}

void dz_server_progress_end(dz_server *s, int64_t token, const char *message) {
  if (!token) return;
  progress(s, token, json_pack("{s:s, s:s}", "kind", "end", "message", message ? message : ""));
}
