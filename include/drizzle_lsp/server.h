/*
** server.h — one language-server session: lifecycle state, negotiated
** options, open documents and the method table, independent of where the
** bytes come from. lsp_main.c connects it to stdin/stdout through the
** transport; unit tests drive it directly with bytes in memory.
**
** The dz_method handlers (lifecycle.c, text_sync.c, features.c) are the
** protocol layer and see JSON; feature hooks (lsp.h) never do.
*/
#ifndef DZ_SERVER_H
#define DZ_SERVER_H

#include <jansson.h>

#include "drizzle_lsp/documents.h"
#include "drizzle_lsp/lsp.h"
#include "drizzle_lsp/rpc.h"

typedef enum dz_server_state {
  DZ_SERVER_UNINITIALIZED, /* until an initialize request */
  DZ_SERVER_RUNNING,       /* initialize answered */
  DZ_SERVER_SHUTDOWN,      /* shutdown answered: only exit is accepted */
  DZ_SERVER_EXITED         /* exit received (or input ended) */
} dz_server_state;

/* Bytes for the client; borrowed for the call. */
typedef void (*dz_server_write_fn)(void *ud, const char *data, size_t len);

/* What the client said it can do (initialize's capabilities). */
typedef struct dz_client_caps {
  bool document_changes;       /* workspace.workspaceEdit.documentChanges */
  bool create_files;           /* ... resourceOperations includes "create" */
  bool show_document;          /* window.showDocument.support */
  bool work_done_progress;     /* window.workDoneProgress */
  bool watch_dynamic;          /* workspace.didChangeWatchedFiles.dynamicRegistration */
  bool related_information;    /* textDocument.publishDiagnostics.relatedInformation */
  bool code_description;       /* ... codeDescriptionSupport */
} dz_client_caps;

/* User settings: initializationOptions and didChangeConfiguration's
** "drizzle" section. */
typedef struct dz_settings {
  dz_severity risk_severity[3]; /* by dz_risk: safe, careful, high */
  bool closed_files;            /* diagnostics.closedFiles: publish files not open too */
} dz_settings;

struct dz_server {
  dz_rpc *rpc;
  dz_documents *docs;
  dz_lsp_features features;
  dz_arena *arena;             /* session-long strings: root, folders */
  dz_server_state state;
  bool shutdown_received;
  int exit_code;               /* valid once EXITED: 0 after shutdown, else 1 */
  dz_position_encoding encoding;
  int64_t client_pid;          /* initialize's processId; 0 when not given */
  const char *root_uri;        /* NULL if the client gave none */
  const char *root_path;       /* its path, or NULL */
  dz_strvec folders;           /* workspace folder URIs */
  char trace[16];              /* "off", "messages", "verbose" */
  dz_server_write_fn write;
  void *write_ud;
  dz_client_caps client;
  dz_settings settings;
  int64_t next_request_id;     /* for requests the server sends */
};

/* A session. features may be NULL (no feature beyond document sync). The
** caller owns it (dz_server_free); NULL when out of memory. */
dz_server *dz_server_new(const dz_lsp_features *features, dz_server_write_fn write, void *ud);
void dz_server_free(dz_server *s);

/* Bytes from the client; then drain to handle every complete message. */
void dz_server_feed(dz_server *s, const char *data, size_t len);
bool dz_server_has_queued(const dz_server *s);
void dz_server_drain(dz_server *s);

/* The client's input ended without exit: the session ends as if it had
** sent exit (exit code 1 unless shutdown came first). */
void dz_server_input_ended(dz_server *s);
bool dz_server_exited(const dz_server *s);

/* window/logMessage (and the same line on stderr). */
void dz_server_log(dz_server *s, dz_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* textDocument/publishDiagnostics for an open document, spans converted to
** the negotiated encoding. n == 0 clears them. */
void dz_server_publish_diagnostics(dz_server *s, const dz_document *doc, const dz_diag *diags,
                                   size_t n);

/* The same with LSP's extras (codeDescription, relatedInformation) for
** the document uri whose text is text[0..len) (version < 0: none). */
void dz_server_publish(dz_server *s, const char *uri, int64_t version, const char *text,
                       size_t len, const dz_lsp_diagnostic *diags, size_t n);

/* window/showDocument of a file when the client supports it (the answer is
** not waited for); false when it does not. */
bool dz_server_show_document(dz_server *s, const char *path);

/* Progress for long work (window/workDoneProgress/create, then $/progress
** begin / report / end) when the client supports it; no-ops otherwise.
** dz_server_progress_begin returns a token (0: none) for the others. */
int64_t dz_server_progress_begin(dz_server *s, const char *title, const char *message);
void dz_server_progress_report(dz_server *s, int64_t token, const char *message, int percent);
void dz_server_progress_end(dz_server *s, int64_t token, const char *message);

/* ---- the method table (protocol layer only) ---------------------------
** A handler returns 0, with *result set for a request (NULL means JSON
** null), or an RPC error code with err->message for the client. */
typedef int (*dz_method_fn)(dz_server *s, json_t *params, json_t **result, dz_error *err);

typedef struct dz_method {
  const char *name;
  bool request; /* false: a notification */
  dz_method_fn fn;
} dz_method;

/* text_sync.c */
int dz_sync_did_open(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_sync_did_change(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_sync_did_close(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_sync_document_state(dz_server *s, json_t *params, json_t **result, dz_error *err);

/* Shared JSON readers for handlers: false (and err set, naming `what`) when
** the value is missing or has the wrong shape. */
bool dz_params_position(json_t *v, const char *what, dz_lsp_position *out, dz_error *err);
bool dz_params_range(json_t *v, const char *what, dz_lsp_range *out, dz_error *err);
const char *dz_params_uri(json_t *params, dz_error *err);

#endif /* DZ_SERVER_H */
