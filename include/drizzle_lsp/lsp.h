/*
** lsp.h — the boundary between the protocol layer and the features.
**
** Only the protocol layer (server/rpc.c, lifecycle.c, text_sync.c,
** features.c) knows JSON. Feature code — diagnostics, hover, code actions,
** built on the analysis engine — sees C values: open documents (documents.h)
** with their text and tree-sitter tree, byte offsets into that text, and
** dz_diag / dz_span from the engine. The protocol layer converts between
** those and LSP's line/character positions in the negotiated encoding
** (UTF-16 code units by default, UTF-8 bytes when the client offers it).
**
** A feature plugs in by filling a dz_lsp_features and passing it to
** dz_server_new (server.h). A NULL hook means the capability is not
** advertised and its method is MethodNotFound.
*/
#ifndef DZ_LSP_H
#define DZ_LSP_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"
#include "drizzle_lsp/diag.h"

typedef enum dz_position_encoding { DZ_ENC_UTF16, DZ_ENC_UTF8 } dz_position_encoding;

/* LSP's Position and Range: zero-based line, and character in the
** negotiated encoding. */
typedef struct dz_lsp_position {
  uint32_t line, character;
} dz_lsp_position;

typedef struct dz_lsp_range {
  dz_lsp_position start, end;
} dz_lsp_range;

/* ---- positions (server/lsp_protocol.c) --------------------------------
** Lines end at \n, \r\n or \r, as LSP says. A character past the end of its
** line clamps to the line end; a line past the last clamps to the end of the
** text; a position inside a UTF-8 sequence (or between the two halves of a
** UTF-16 surrogate pair) moves to the start of that character. Invalid UTF-8
** bytes count as one character (one unit in either encoding). */

/* Byte offset within one line (line[0..len), no line end) of a character. */
size_t dz_lsp_column_to_byte(const char *line, size_t len, uint32_t character,
                             dz_position_encoding enc);
/* Character of a byte offset within one line (byte clamps to len). */
uint32_t dz_lsp_byte_to_column(const char *line, size_t len, size_t byte,
                               dz_position_encoding enc);

/* Byte offset in text of a position, and the position of a byte offset. */
size_t dz_lsp_offset_of(const char *text, size_t len, dz_lsp_position pos,
                        dz_position_encoding enc);
dz_lsp_position dz_lsp_position_of(const char *text, size_t len, size_t offset,
                                   dz_position_encoding enc);

/* The wire name of an encoding ("utf-16", "utf-8"). */
const char *dz_lsp_encoding_name(dz_position_encoding enc);

/* ---- URIs ---------------------------------------------------------------
** file: URIs only; percent-escapes decoded and written as RFC 3986 wants.
** Results live in a; dz_lsp_uri_to_path gives NULL for other schemes or a
** malformed escape. */
char *dz_lsp_uri_to_path(dz_arena *a, const char *uri);
char *dz_lsp_path_to_uri(dz_arena *a, const char *path);

/* ---- the features' side ------------------------------------------------ */

typedef struct dz_server dz_server;
typedef struct dz_document dz_document;

/* A hover: Markdown, and the span of source it describes (bytes in the
** document; end 0 for none). */
typedef struct dz_hover {
  const char *markdown;
  uint32_t start_byte, end_byte;
} dz_hover;

/* A text replacement in a document, by byte offsets into its text (for a
** file that is not open: into the file's bytes on disk; a new file: 0, 0). */
typedef struct dz_text_edit {
  const char *path;
  uint32_t start_byte, end_byte;
  const char *new_text;
} dz_text_edit;

/* A command the client runs by sending it back (workspace/executeCommand);
** arguments are strings. */
typedef struct dz_command {
  const char *title;
  const char *name;           /* "drizzle.generateMigration" */
  DZ_VEC(const char *) arguments;
} dz_command;

typedef struct dz_code_action {
  const char *title;
  const char *kind;           /* "quickfix", "source", ... */
  DZ_VEC(dz_text_edit) edits; /* applied together, as one WorkspaceEdit */
  DZ_VEC(const char *) create_files; /* paths to create before the edits */
  dz_command command;         /* run after the edit (or alone); name NULL: none */
  /* Sent instead of the edit (and command) when the client cannot apply
  ** the edit: it creates files and the client offers no resourceOperations
  ** create, or no documentChanges. name NULL: none. */
  dz_command fallback;
  const char *diagnostic_code; /* the code of the diagnostics it fixes, or NULL */
  bool preferred;
} dz_code_action;

/* A diagnostic with LSP's extras: a link to the rule's documentation and
** other places involved (by path and bytes of that file). */
typedef struct dz_lsp_related {
  const char *path;
  uint32_t start_byte, end_byte;
  const char *message;
} dz_lsp_related;

typedef struct dz_lsp_diagnostic {
  dz_diag diag;               /* span bytes index the published document */
  const char *href;           /* codeDescription.href, or NULL */
  DZ_VEC(dz_lsp_related) related;
} dz_lsp_diagnostic;

typedef DZ_VEC(dz_lsp_diagnostic) dz_lsp_diagnostic_list;

/* A code lens: a command shown above a range of the document. */
typedef struct dz_code_lens {
  uint32_t start_byte, end_byte;
  dz_command command;
} dz_code_lens;

typedef DZ_VEC(dz_code_lens) dz_code_lens_list;

/* A place in a file (bytes of the open document's text, else the disk's). */
typedef struct dz_lsp_location {
  const char *path;
  uint32_t start_byte, end_byte;
} dz_lsp_location;

typedef DZ_VEC(dz_lsp_location) dz_lsp_location_list;

/* LSP's SymbolKind values the features use. */
enum { DZ_SYMBOL_FIELD = 8, DZ_SYMBOL_KEY = 20, DZ_SYMBOL_STRUCT = 23 };

/* A DocumentSymbol: ranges in bytes of the document. */
typedef struct dz_symbol {
  const char *name;
  const char *detail;         /* or NULL */
  int kind;                   /* DZ_SYMBOL_* */
  uint32_t start_byte, end_byte;         /* the whole construct */
  uint32_t select_start, select_end;     /* its name */
  DZ_VEC(struct dz_symbol) children;
} dz_symbol;

typedef DZ_VEC(dz_symbol) dz_symbol_list;

typedef DZ_VEC(dz_code_action *) dz_code_action_list;

/* Everything a hook returns lives in the arena a it is given, which the
** protocol layer frees after answering. Hooks must not keep doc beyond the
** call (a later change replaces its text and tree). */
typedef struct dz_lsp_features {
  void *ud;
  /* A document was opened or changed (a burst of changes arrives merged):
  ** recompute and publish with dz_server_publish_diagnostics. */
  void (*document_changed)(void *ud, dz_server *s, const dz_document *doc);
  /* A document was closed (the hook decides what its diagnostics become). */
  void (*document_closed)(void *ud, dz_server *s, const char *uri);
  /* textDocument/hover at a byte offset; *out NULL for no hover. */
  dz_result (*hover)(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                     dz_arena *a, dz_hover **out, dz_error *err);
  /* textDocument/codeAction for a byte range. */
  dz_result (*code_actions)(void *ud, dz_server *s, const dz_document *doc, uint32_t start,
                            uint32_t end, dz_arena *a, dz_code_action_list *out, dz_error *err);
  /* workspace/executeCommand for one of `commands` (NULL-terminated);
  ** *message (in a, may stay NULL) is returned to the client. */
  const char *const *commands;
  dz_result (*execute_command)(void *ud, dz_server *s, const char *name, const char *const *args,
                               size_t n_args, dz_arena *a, const char **message, dz_error *err);
  /* workspace/didChangeWatchedFiles (or the server's own watcher): a file
  ** was created, changed or deleted on disk. */
  void (*file_changed)(void *ud, dz_server *s, const char *path);
  /* The client said initialized: the workspace can be read. */
  void (*initialized)(void *ud, dz_server *s);
  /* The settings changed (initializationOptions, didChangeConfiguration). */
  void (*settings_changed)(void *ud, dz_server *s);
  /* textDocument/codeLens. */
  dz_result (*code_lenses)(void *ud, dz_server *s, const dz_document *doc, dz_arena *a,
                           dz_code_lens_list *out, dz_error *err);
  /* textDocument/documentSymbol. */
  dz_result (*document_symbols)(void *ud, dz_server *s, const dz_document *doc, dz_arena *a,
                                dz_symbol_list *out, dz_error *err);
  /* textDocument/definition at a byte offset. */
  dz_result (*definition)(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                          dz_arena *a, dz_lsp_location_list *out, dz_error *err);
  /* textDocument/references at a byte offset. */
  dz_result (*references)(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                          bool include_declaration, dz_arena *a, dz_lsp_location_list *out,
                          dz_error *err);
} dz_lsp_features;

#endif /* DZ_LSP_H */
