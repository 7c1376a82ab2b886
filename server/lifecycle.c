/*
** lifecycle.c — the session and its method table: initialize, initialized,
** shutdown, exit and $/setTrace here, the rest by reference, and the rules
** the spec sets on top of every method (nothing before initialize, nothing
** but exit after shutdown, unknown requests are MethodNotFound, unknown
** notifications are ignored).
*/
#include "drizzle_lsp/server.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/client_caps.h"
#include "drizzle_lsp/features.h"
#include "drizzle_lsp/framing.h"

/* ---- lifecycle methods ------------------------------------------------- */

static bool offers_utf8(json_t *params) {
  json_t *caps = json_object_get(params, "capabilities");
  json_t *encodings = json_object_get(json_object_get(caps, "general"), "positionEncodings");
  size_t i;
  json_t *e;
  json_array_foreach(encodings, i, e) {
    if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0) return true;
  }
  return false;
}

static bool set_trace(dz_server *s, json_t *value) {
  const char *v = json_string_value(value);
  if (!v || (strcmp(v, "off") && strcmp(v, "messages") && strcmp(v, "verbose"))) return false;
  snprintf(s->trace, sizeof s->trace, "%s", v);
  return true;
}

static void record_workspace(dz_server *s, json_t *params) {
  const char *root = json_string_value(json_object_get(params, "rootUri"));
  if (root) {
    s->root_uri = dz_arena_strdup(s->arena, root);
    s->root_path = dz_lsp_uri_to_path(s->arena, root);
  } else if ((root = json_string_value(json_object_get(params, "rootPath")))) {
    s->root_path = dz_arena_strdup(s->arena, root);
    s->root_uri = dz_lsp_path_to_uri(s->arena, root);
  }
  size_t i;
  json_t *f;
  json_array_foreach(json_object_get(params, "workspaceFolders"), i, f) {
    const char *uri = json_string_value(json_object_get(f, "uri"));
    if (uri) dz_vec_push(s->arena, &s->folders, dz_arena_strdup(s->arena, uri));
  }
}

static json_t *capabilities(const dz_server *s) {
  json_t *caps = json_pack("{s:s, s:{s:b, s:i}, s:{s:{s:b, s:b}}}",
                           "positionEncoding", dz_lsp_encoding_name(s->encoding),
                           "textDocumentSync", "openClose", 1, "change", 2,
                           "workspace", "workspaceFolders", "supported", 1,
                           "changeNotifications", 1);
  dz_features_capabilities(s, caps);
  return caps;
}

static int on_initialize(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (s->state != DZ_SERVER_UNINITIALIZED) {
    dz_error_set(err, DZ_ERR_USAGE, "initialize may be sent only once");
    return DZ_RPC_INVALID_REQUEST;
  }
  if (!json_is_object(params)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "initialize needs InitializeParams (an object)");
    return DZ_RPC_INVALID_PARAMS;
  }
  s->encoding = offers_utf8(params) ? DZ_ENC_UTF8 : DZ_ENC_UTF16;
  set_trace(s, json_object_get(params, "trace"));
  record_workspace(s, params);
  dz_client_caps_read(s, params);
  json_t *pid = json_object_get(params, "processId");
  if (json_is_integer(pid) && json_integer_value(pid) > 0) s->client_pid = json_integer_value(pid);
  s->state = DZ_SERVER_RUNNING;
  *result = json_pack("{s:o, s:{s:s, s:s}}", "capabilities", capabilities(s), "serverInfo",
                      "name", "drizzle-lsp", "version", DZ_VERSION);
  return 0;
}

static int on_initialized(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  dz_server_log(s, DZ_LOG_INFO, "drizzle-lsp %s ready (positions in %s, root %s)", DZ_VERSION,
                dz_lsp_encoding_name(s->encoding), s->root_path ? s->root_path : "none");
  dz_client_register_watchers(s);
  if (s->features.initialized) s->features.initialized(s->features.ud, s);
  return 0;
}

static int on_shutdown(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  s->state = DZ_SERVER_SHUTDOWN;
  s->shutdown_received = true;
  return 0;
}

static int on_exit_notification(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  s->exit_code = s->shutdown_received ? 0 : 1;
  s->state = DZ_SERVER_EXITED;
  dz_rpc_stop(s->rpc);
  return 0;
}

static int on_set_trace(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (set_trace(s, json_object_get(params, "value"))) return 0;
  dz_error_set(err, DZ_ERR_SYNTAX, "$/setTrace needs a value of \"off\", \"messages\" or \"verbose\"");
  return DZ_RPC_INVALID_PARAMS;
}

static int on_folders_changed(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  json_t *event = json_object_get(params, "event");
  size_t i, j;
  json_t *f;
  json_array_foreach(json_object_get(event, "removed"), i, f) {
    const char *uri = json_string_value(json_object_get(f, "uri"));
    for (j = 0; uri && j < s->folders.len; j++) {
      if (strcmp(s->folders.items[j], uri) != 0) continue;
      memmove(s->folders.items + j, s->folders.items + j + 1,
              (s->folders.len - j - 1) * sizeof *s->folders.items);
      s->folders.len--;
      break;
    }
  }
  json_array_foreach(json_object_get(event, "added"), i, f) {
    const char *uri = json_string_value(json_object_get(f, "uri"));
    if (uri) dz_vec_push(s->arena, &s->folders, dz_arena_strdup(s->arena, uri));
  }
  return 0;
}

static const dz_method methods[] = {
    {"initialize", true, on_initialize},
    {"initialized", false, on_initialized},
    {"shutdown", true, on_shutdown},
    {"exit", false, on_exit_notification},
    {"$/setTrace", false, on_set_trace},
    {"workspace/didChangeWorkspaceFolders", false, on_folders_changed},
    {"textDocument/didOpen", false, dz_sync_did_open},
    {"textDocument/didChange", false, dz_sync_did_change},
    {"textDocument/didClose", false, dz_sync_did_close},
    {"textDocument/hover", true, dz_features_hover},
    {"textDocument/codeAction", true, dz_features_code_action},
    {"textDocument/codeLens", true, dz_features_code_lens},
    {"textDocument/documentSymbol", true, dz_features_document_symbol},
    {"textDocument/definition", true, dz_features_definition},
    {"textDocument/references", true, dz_features_references},
    {"workspace/executeCommand", true, dz_features_execute_command},
    {"workspace/didChangeConfiguration", false, dz_on_did_change_configuration},
    {"workspace/didChangeWatchedFiles", false, dz_on_did_change_watched_files},
    {"drizzle/documentState", true, dz_sync_document_state},
};

static const dz_method *find_method(const char *name) {
  for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
    if (strcmp(methods[i].name, name) == 0) return &methods[i];
  return NULL;
}

/* ---- dispatch ---------------------------------------------------------- */

static void trace_message(dz_server *s, const dz_rpc_message *m) {
  if (strcmp(s->trace, "off") == 0) return;
  json_t *params = json_pack("{s:s++}", "message", m->kind == DZ_RPC_REQUEST ? "Received request '" :
                             "Received notification '", m->method, "'.");
  if (strcmp(s->trace, "verbose") == 0 && m->params) {
    char *dump = json_dumps(m->params, JSON_COMPACT);
    if (dump) json_object_set_new(params, "verbose", json_string(dump));
    free(dump);
  }
  dz_rpc_notify(s->rpc, "$/logTrace", params);
}

static void handle_request(dz_server *s, dz_rpc *rpc, const dz_rpc_message *m) {
  const dz_method *method = find_method(m->method);
  if (s->state == DZ_SERVER_UNINITIALIZED && !(method && method->fn == on_initialize)) {
    dz_rpc_respond_error(rpc, m->id, DZ_RPC_SERVER_NOT_INITIALIZED,
                         "'%s' before initialize: send initialize first", m->method);
    return;
  }
  if (s->state == DZ_SERVER_SHUTDOWN) {
    dz_rpc_respond_error(rpc, m->id, DZ_RPC_INVALID_REQUEST,
                         "'%s' after shutdown: only exit is accepted now", m->method);
    return;
  }
  if (!method || !method->request) {
    dz_rpc_respond_error(rpc, m->id, DZ_RPC_METHOD_NOT_FOUND, "unknown request '%s'", m->method);
    return;
  }
  json_t *result = NULL;
  dz_error err;
  dz_error_clear(&err);
  int code = method->fn(s, m->params, &result, &err);
  if (code) {
    json_decref(result);
    dz_rpc_respond_error(rpc, m->id, code, "%s", err.message);
  } else {
    dz_rpc_respond(rpc, m->id, result);
  }
}

static void handle_notification(dz_server *s, const dz_rpc_message *m) {
  const dz_method *method = find_method(m->method);
  bool is_exit = method && method->fn == on_exit_notification;
  if (!is_exit && s->state != DZ_SERVER_RUNNING) return; /* dropped, as the spec says */
  if (!method || method->request) {
    if (strncmp(m->method, "$/", 2) != 0)
      fprintf(stderr, "drizzle-lsp: ignoring notification '%s'\n", m->method);
    return;
  }
  json_t *unused = NULL;
  dz_error err;
  dz_error_clear(&err);
  if (method->fn(s, m->params, &unused, &err))
    dz_server_log(s, DZ_LOG_ERROR, "%s: %s", m->method, err.message);
  json_decref(unused);
}

static void dispatch(void *ud, dz_rpc *rpc, const dz_rpc_message *m) {
  dz_server *s = ud;
  if (s->state == DZ_SERVER_EXITED || m->kind == DZ_RPC_RESPONSE) return;
  trace_message(s, m);
  if (m->kind == DZ_RPC_REQUEST) handle_request(s, rpc, m);
  else handle_notification(s, m);
}

/* ---- the session ------------------------------------------------------- */

static void write_out(void *ud, const char *data, size_t len) {
  dz_server *s = ud;
  s->write(s->write_ud, data, len);
}

static void log_frame_error(void *ud, dz_log_level level, const char *message) {
  dz_server_log(ud, level, "%s", message);
}

dz_server *dz_server_new(const dz_lsp_features *features, dz_server_write_fn write, void *ud) {
  dz_server *s = calloc(1, sizeof *s);
  if (!s) return NULL;
  if (features) s->features = *features;
  s->write = write;
  s->write_ud = ud;
  s->encoding = DZ_ENC_UTF16;
  snprintf(s->trace, sizeof s->trace, "off");
  s->arena = dz_arena_new();
  s->docs = dz_documents_new();
  dz_rpc_hooks hooks = {s, write_out, dispatch, log_frame_error};
  s->rpc = dz_rpc_new(hooks, DZ_FRAME_MAX_CONTENT);
  if (!s->docs || !s->rpc) {
    dz_server_free(s);
    return NULL;
  }
  return s;
}

void dz_server_free(dz_server *s) {
  if (!s) return;
  dz_rpc_free(s->rpc);
  dz_documents_free(s->docs);
  dz_arena_free(s->arena);
  free(s);
}

void dz_server_feed(dz_server *s, const char *data, size_t len) {
  if (dz_rpc_feed(s->rpc, data, len) != DZ_OK)
    dz_server_log(s, DZ_LOG_ERROR, "out of memory buffering %zu bytes of input; dropped", len);
}

bool dz_server_has_queued(const dz_server *s) { return dz_rpc_has_queued(s->rpc); }

void dz_server_drain(dz_server *s) { dz_rpc_drain(s->rpc); }

void dz_server_input_ended(dz_server *s) {
  if (s->state == DZ_SERVER_EXITED) return;
  dz_server_drain(s);
  if (s->state != DZ_SERVER_EXITED) on_exit_notification(s, NULL, NULL, NULL);
}

bool dz_server_exited(const dz_server *s) { return s->state == DZ_SERVER_EXITED; }

void dz_server_log(dz_server *s, dz_log_level level, const char *fmt, ...) {
  char text[DZ_ERROR_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  static const char *const names[] = {"", "error", "warning", "info", "debug"};
  fprintf(stderr, "drizzle-lsp: %s: %s\n", names[level], text);
  dz_rpc_notify(s->rpc, "window/logMessage", json_pack("{s:i, s:s}", "type", level, "message", text));
}
