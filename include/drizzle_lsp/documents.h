/*
** documents.h — the documents the editor has open: their current text (the
** editor's, not the disk's) and, for TypeScript and JavaScript, a tree-sitter
** tree kept in step with every edit by ts_tree_edit and an incremental
** reparse.
**
** No JSON here: text_sync.c turns didOpen/didChange/didClose into these
** calls. The store owns every document; a dz_document pointer stays valid
** until that document is closed or the store freed, but its text and tree
** are replaced by each change.
*/
#ifndef DZ_DOCUMENTS_H
#define DZ_DOCUMENTS_H

#include <tree_sitter/api.h>

#include "drizzle_lsp/lsp.h"

struct dz_document {
  const char *uri;
  const char *path;        /* NULL unless a file: URI */
  const char *language_id; /* as the client said: "typescript", ... */
  int64_t version;
  const char *text;        /* UTF-8 as sent (may contain NUL bytes); text[len] == '\0' */
  size_t len;
  TSTree *tree;            /* NULL for languages we do not parse */
};

/* One entry of didChange's contentChanges: a range replaced (positions in
** the negotiated encoding), or the whole text when has_range is false. */
typedef struct dz_text_change {
  bool has_range;
  dz_lsp_range range;
  const char *text; /* borrowed */
  size_t len;
} dz_text_change;

typedef struct dz_documents dz_documents;

/* A store using one parser. Owned by the caller; NULL when out of memory. */
dz_documents *dz_documents_new(void);
void dz_documents_free(dz_documents *d);

/* Open (or reopen, replacing) a document; text is copied and parsed.
** DZ_ERR_UNSUPPORTED (here and from dz_documents_change): the text is
** stored but could not be parsed safely, and tree is NULL; err says why. */
dz_result dz_documents_open(dz_documents *d, const char *uri, const char *language_id,
                            int64_t version, const char *text, size_t len, dz_error *err);

/* Apply changes in order, then reparse once. DZ_ERR_NOT_FOUND for a document
** that is not open; on any error the document is left as it was. */
dz_result dz_documents_change(dz_documents *d, const char *uri, int64_t version,
                              const dz_text_change *changes, size_t n,
                              dz_position_encoding enc, dz_error *err);

/* DZ_ERR_NOT_FOUND when not open. */
dz_result dz_documents_close(dz_documents *d, const char *uri, dz_error *err);

/* An open document, or NULL. */
const dz_document *dz_documents_get(const dz_documents *d, const char *uri);

/* Number of open documents, and the i-th (in opening order) for iteration. */
size_t dz_documents_count(const dz_documents *d);
const dz_document *dz_documents_at(const dz_documents *d, size_t i);

/* Whether documents of this language (or URI extension) get a tree. */
bool dz_documents_parses(const char *language_id, const char *uri);

#endif /* DZ_DOCUMENTS_H */
