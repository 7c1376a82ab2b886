/*
** rpc.h — JSON-RPC 2.0 as LSP uses it, over the framer: messages in, checked
** and queued; responses, errors and notifications out. Part of the protocol
** layer, the only part of the server that knows JSON (jansson).
**
** Bytes go in with dz_rpc_feed, which frames and parses them, answers what
** is malformed at once (ParseError, InvalidRequest) and queues the rest.
** dz_rpc_drain then handles the queue as one batch, as the LSP spec asks of
** a server that falls behind: a $/cancelRequest answers its still-queued
** request with RequestCancelled at once, and consecutive didChange
** notifications for one document are merged into one (one reparse) before
** the remaining messages go to the dispatch hook in order. A merged change
** is applied all or nothing: one invalid range in a burst refuses the burst
** (after an invalid range client and server disagree on the text anyway).
*/
#ifndef DZ_RPC_H
#define DZ_RPC_H

#include <jansson.h>

#include "drizzle_lsp/common.h"

/* Error codes from the JSON-RPC and LSP specifications. */
enum {
  DZ_RPC_PARSE_ERROR = -32700,
  DZ_RPC_INVALID_REQUEST = -32600,
  DZ_RPC_METHOD_NOT_FOUND = -32601,
  DZ_RPC_INVALID_PARAMS = -32602,
  DZ_RPC_INTERNAL_ERROR = -32603,
  DZ_RPC_SERVER_NOT_INITIALIZED = -32002,
  DZ_RPC_REQUEST_FAILED = -32803,
  DZ_RPC_REQUEST_CANCELLED = -32800
};

/* window/logMessage's MessageType. */
typedef enum dz_log_level {
  DZ_LOG_ERROR = 1,
  DZ_LOG_WARNING = 2,
  DZ_LOG_INFO = 3,
  DZ_LOG_DEBUG = 4
} dz_log_level;

typedef enum dz_rpc_kind { DZ_RPC_REQUEST, DZ_RPC_NOTIFICATION, DZ_RPC_RESPONSE } dz_rpc_kind;

/* A checked message. All pointers are borrowed from json, which the queue
** owns until dispatch returns. params is NULL when absent. */
typedef struct dz_rpc_message {
  dz_rpc_kind kind;
  const char *method;  /* NULL for a response */
  json_t *id;          /* NULL for a notification */
  json_t *params;
  json_t *json;
} dz_rpc_message;

typedef struct dz_rpc dz_rpc;

typedef struct dz_rpc_hooks {
  void *ud;
  /* Framed output bytes, borrowed for the call. */
  void (*write)(void *ud, const char *data, size_t len);
  /* One message to handle; requests must be answered (now or later). */
  void (*dispatch)(void *ud, dz_rpc *rpc, const dz_rpc_message *m);
  /* A problem worth telling the user about that has no request to answer
  ** (a bad frame); may be NULL. */
  void (*log)(void *ud, dz_log_level level, const char *message);
} dz_rpc_hooks;

/* Owned by the caller (dz_rpc_free). max_content caps a message body. */
dz_rpc *dz_rpc_new(dz_rpc_hooks hooks, size_t max_content);
void dz_rpc_free(dz_rpc *r);

/* Frame, parse and queue bytes from the client (copied). Malformed messages
** are answered here. DZ_ERR_NOMEM if the input buffer cannot grow. */
dz_result dz_rpc_feed(dz_rpc *r, const char *data, size_t len);

/* Whether messages are queued, and handling them all (see above). */
bool dz_rpc_has_queued(const dz_rpc *r);
void dz_rpc_drain(dz_rpc *r);

/* Stop dispatching: messages queued now or later are dropped (after exit). */
void dz_rpc_stop(dz_rpc *r);

/* Answer a request. id is borrowed (echoed as given); result is stolen
** (NULL sends JSON null). */
void dz_rpc_respond(dz_rpc *r, json_t *id, json_t *result);
/* Answer with an error; id NULL sends JSON null. */
void dz_rpc_respond_error(dz_rpc *r, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Send a notification; params stolen (NULL: none). */
void dz_rpc_notify(dz_rpc *r, const char *method, json_t *params);

/* Send a request with a numeric id; params stolen. The client's answer
** arrives as a DZ_RPC_RESPONSE message. */
void dz_rpc_request(dz_rpc *r, int64_t id, const char *method, json_t *params);

/* Checks a parsed value against JSON-RPC 2.0. On success fills m (borrowing
** from v) and returns 0; otherwise returns the error code to answer with
** and a message in err (m->id is set when the bad message had a usable id). */
int dz_rpc_check(json_t *v, dz_rpc_message *m, dz_error *err);

#endif /* DZ_RPC_H */
