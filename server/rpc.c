/*
** rpc.c — JSON-RPC 2.0 for the language server: checks every message against
** the spec, answers malformed ones, queues the rest and hands them out in
** batches (cancellations first, bursts of didChange merged).
*/
#include "drizzle_lsp/rpc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/framing.h"

/* A queued message, or (reply set) the error answer to a malformed one,
** kept in the queue so that answers go out in the order messages came. */
typedef struct queued {
  dz_rpc_message m;
  json_t *reply;
  bool done;
} queued;

struct dz_rpc {
  dz_rpc_hooks hooks;
  dz_framer *framer;
  queued *items;
  size_t len, cap;
  bool stopped;
};

dz_rpc *dz_rpc_new(dz_rpc_hooks hooks, size_t max_content) {
  dz_rpc *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->hooks = hooks;
  r->framer = dz_framer_new(max_content);
  if (!r->framer) {
    free(r);
    return NULL;
  }
  return r;
}

static void clear_queue(dz_rpc *r) {
  for (size_t i = 0; i < r->len; i++) {
    json_decref(r->items[i].m.json);
    json_decref(r->items[i].reply);
  }
  r->len = 0;
}

void dz_rpc_free(dz_rpc *r) {
  if (!r) return;
  clear_queue(r);
  free(r->items);
  dz_framer_free(r->framer);
  free(r);
}

void dz_rpc_stop(dz_rpc *r) { r->stopped = true; }

bool dz_rpc_has_queued(const dz_rpc *r) { return r->len > 0 && !r->stopped; }

/* ---- output ---------------------------------------------------------- */

static void send_json(dz_rpc *r, json_t *msg) {
  size_t n = json_dumpb(msg, NULL, 0, JSON_COMPACT);
  char header[64];
  int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", n);
  char *buf = n ? malloc((size_t)h + n) : NULL;
  if (buf) {
    memcpy(buf, header, (size_t)h);
    json_dumpb(msg, buf + h, n, JSON_COMPACT);
    r->hooks.write(r->hooks.ud, buf, (size_t)h + n);
  } else {
    fprintf(stderr, "drizzle-lsp: cannot serialise a %zu-byte message; dropped\n", n);
  }
  free(buf);
  json_decref(msg);
}

static json_t *envelope(json_t *id) {
  json_t *msg = json_object();
  json_object_set_new(msg, "jsonrpc", json_string("2.0"));
  json_object_set(msg, "id", id ? id : json_null());
  return msg;
}

void dz_rpc_respond(dz_rpc *r, json_t *id, json_t *result) {
  json_t *msg = envelope(id);
  json_object_set_new(msg, "result", result ? result : json_null());
  send_json(r, msg);
}

static json_t *error_message(json_t *id, int code, const char *text) {
  json_t *msg = envelope(id);
  json_object_set_new(msg, "error", json_pack("{s:i, s:s}", "code", code, "message", text));
  return msg;
}

static void respond_errorv(dz_rpc *r, json_t *id, int code, const char *fmt, va_list ap) {
  char text[DZ_ERROR_MAX];
  vsnprintf(text, sizeof text, fmt, ap);
  send_json(r, error_message(id, code, text));
}

void dz_rpc_respond_error(dz_rpc *r, json_t *id, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  respond_errorv(r, id, code, fmt, ap);
  va_end(ap);
}

void dz_rpc_notify(dz_rpc *r, const char *method, json_t *params) {
  json_t *msg = json_pack("{s:s, s:s}", "jsonrpc", "2.0", "method", method);
  if (params) json_object_set_new(msg, "params", params);
  send_json(r, msg);
}

void dz_rpc_request(dz_rpc *r, int64_t id, const char *method, json_t *params) {
  json_t *msg = json_pack("{s:s, s:I, s:s}", "jsonrpc", "2.0", "id", (json_int_t)id, "method",
                          method);
  if (params) json_object_set_new(msg, "params", params);
  send_json(r, msg);
}

/* ---- input ----------------------------------------------------------- */

static bool valid_id(const json_t *id) { return json_is_string(id) || json_is_number(id); }

int dz_rpc_check(json_t *v, dz_rpc_message *m, dz_error *err) {
  memset(m, 0, sizeof *m);
  m->json = v;
  if (json_is_array(v)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "batch messages (JSON arrays) are not part of LSP; send one message per frame");
    return DZ_RPC_INVALID_REQUEST;
  }
  if (!json_is_object(v)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "a JSON-RPC message must be an object");
    return DZ_RPC_INVALID_REQUEST;
  }
  json_t *id = json_object_get(v, "id");
  if (id && !valid_id(id)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "\"id\" must be a number or a string");
    return DZ_RPC_INVALID_REQUEST;
  }
  m->id = id;
  const char *version = json_string_value(json_object_get(v, "jsonrpc"));
  if (!version || strcmp(version, "2.0") != 0) {
    dz_error_set(err, DZ_ERR_SYNTAX, "\"jsonrpc\" must be \"2.0\"");
    return DZ_RPC_INVALID_REQUEST;
  }
  json_t *method = json_object_get(v, "method");
  if (!method) {
    if (id && (json_object_get(v, "result") || json_object_get(v, "error"))) {
      m->kind = DZ_RPC_RESPONSE;
      return 0;
    }
    dz_error_set(err, DZ_ERR_SYNTAX, "message has no \"method\" (and is not a response)");
    return DZ_RPC_INVALID_REQUEST;
  }
  if (!json_is_string(method)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "\"method\" must be a string");
    return DZ_RPC_INVALID_REQUEST;
  }
  json_t *params = json_object_get(v, "params");
  if (params && !json_is_object(params) && !json_is_array(params)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "\"params\" must be an object or an array");
    return DZ_RPC_INVALID_REQUEST;
  }
  m->method = json_string_value(method);
  m->params = params;
  m->kind = id ? DZ_RPC_REQUEST : DZ_RPC_NOTIFICATION;
  return 0;
}

/* Queue a message (m->json) or an error reply; takes both references. */
static void enqueue(dz_rpc *r, const dz_rpc_message *m, json_t *reply) {
  if (r->len == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    queued *items = realloc(r->items, cap * sizeof *items);
    if (!items) {
      fprintf(stderr, "drizzle-lsp: out of memory queueing a message; dropped\n");
      json_decref(m->json);
      json_decref(reply);
      return;
    }
    r->items = items;
    r->cap = cap;
  }
  r->items[r->len++] = (queued){*m, reply, false};
}

static void take_body(dz_rpc *r, const char *body, size_t len) {
  json_error_t jerr;
  dz_rpc_message m = {0};
  json_t *v = json_loadb(body, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
  if (!v) {
    char text[DZ_ERROR_MAX];
    snprintf(text, sizeof text, "invalid JSON at byte %d: %s", jerr.position, jerr.text);
    enqueue(r, &m, error_message(NULL, DZ_RPC_PARSE_ERROR, text));
    return;
  }
  dz_error err;
  int code = dz_rpc_check(v, &m, &err);
  if (code) {
    json_t *reply = error_message(m.id, code, err.message);
    json_decref(v);
    m = (dz_rpc_message){0};
    enqueue(r, &m, reply);
    return;
  }
  enqueue(r, &m, NULL);
}

dz_result dz_rpc_feed(dz_rpc *r, const char *data, size_t len) {
  if (dz_framer_feed(r->framer, data, len) != DZ_OK) return DZ_ERR_NOMEM;
  for (;;) {
    const char *body;
    size_t n;
    dz_error err;
    dz_frame_status st = dz_framer_next(r->framer, &body, &n, &err);
    if (st == DZ_FRAME_NEED_MORE) return DZ_OK;
    if (st == DZ_FRAME_ERROR) {
      if (r->hooks.log) r->hooks.log(r->hooks.ud, DZ_LOG_ERROR, err.message);
      continue;
    }
    if (!r->stopped) take_body(r, body, n);
  }
}

/* ---- the batch ------------------------------------------------------- */

static bool is_method(const queued *q, dz_rpc_kind kind, const char *method) {
  return !q->done && !q->reply && q->m.kind == kind && q->m.method && strcmp(q->m.method, method) == 0;
}

/* A cancellation answers its request if that request is still queued;
** otherwise the request was answered already and there is nothing to do. */
static void apply_cancellations(dz_rpc *r) {
  for (size_t i = 0; i < r->len; i++) {
    if (!is_method(&r->items[i], DZ_RPC_NOTIFICATION, "$/cancelRequest")) continue;
    r->items[i].done = true;
    json_t *id = json_object_get(r->items[i].m.params, "id");
    for (size_t j = 0; id && j < i; j++) {
      queued *q = &r->items[j];
      if (q->done || q->reply || q->m.kind != DZ_RPC_REQUEST || !json_equal(q->m.id, id)) continue;
      dz_rpc_respond_error(r, q->m.id, DZ_RPC_REQUEST_CANCELLED, "request %s was cancelled",
                           q->m.method);
      q->done = true;
    }
  }
}

static const char *change_uri(const queued *q) {
  json_t *doc = json_object_get(q->m.params, "textDocument");
  return json_string_value(json_object_get(doc, "uri"));
}

/* Append b's content changes to a's and take b's version: the same document
** state as applying both, for one reparse. False if either is malformed (the
** handler then reports it). */
static bool merge_change(queued *a, const queued *b) {
  json_t *ca = json_object_get(a->m.params, "contentChanges");
  json_t *cb = json_object_get(b->m.params, "contentChanges");
  json_t *doc_a = json_object_get(a->m.params, "textDocument");
  json_t *version = json_object_get(json_object_get(b->m.params, "textDocument"), "version");
  if (!json_is_array(ca) || !json_is_array(cb) || !json_is_object(doc_a) || !version) return false;
  json_array_extend(ca, cb);
  json_object_set(doc_a, "version", version);
  return true;
}

/* Merge each didChange with later ones for the same document, looking past
** changes to other documents and $/ notifications but never past anything
** that could observe the document's state. */
static void merge_changes(dz_rpc *r) {
  static const char did_change[] = "textDocument/didChange";
  for (size_t i = 0; i < r->len; i++) {
    if (!is_method(&r->items[i], DZ_RPC_NOTIFICATION, did_change)) continue;
    const char *uri = change_uri(&r->items[i]);
    for (size_t j = i + 1; uri && j < r->len; j++) {
      queued *q = &r->items[j];
      if (q->done) continue;
      if (is_method(q, DZ_RPC_NOTIFICATION, did_change)) {
        const char *other = change_uri(q);
        if (!other || strcmp(other, uri) != 0) continue;
        if (!merge_change(&r->items[i], q)) break;
        q->done = true;
        continue;
      }
      if (!q->reply && q->m.kind == DZ_RPC_NOTIFICATION && strncmp(q->m.method, "$/", 2) == 0)
        continue;
      break;
    }
  }
}

void dz_rpc_drain(dz_rpc *r) {
  if (!r->stopped) {
    apply_cancellations(r);
    merge_changes(r);
  }
  for (size_t i = 0; i < r->len && !r->stopped; i++) {
    if (r->items[i].done) continue;
    queued *q = &r->items[i];
    q->done = true;
    if (q->reply) {
      send_json(r, q->reply);
      q->reply = NULL;
    } else {
      r->hooks.dispatch(r->hooks.ud, r, &q->m);
    }
  }
  clear_queue(r);
}
