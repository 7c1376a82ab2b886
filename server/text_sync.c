/*
** text_sync.c — textDocument/didOpen, didChange and didClose: JSON params
** checked and turned into documents.h calls, then the features told.
** Also drizzle/documentState, a request that returns what the server holds
** for a document, so that clients and tests can check that incremental sync
** reproduces the editor's text.
*/
#include "drizzle_lsp/server.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared JSON readers ---------------------------------------------- */

static bool read_u32(json_t *v, uint32_t *out) {
  if (!json_is_integer(v)) return false;
  json_int_t x = json_integer_value(v);
  if (x < 0 || x > (json_int_t)UINT32_MAX) return false;
  *out = (uint32_t)x;
  return true;
}

bool dz_params_position(json_t *v, const char *what, dz_lsp_position *out, dz_error *err) {
  if (read_u32(json_object_get(v, "line"), &out->line) &&
      read_u32(json_object_get(v, "character"), &out->character))
    return true;
  dz_error_set(err, DZ_ERR_SYNTAX, "%s must be {line, character} with whole numbers from 0", what);
  return false;
}

bool dz_params_range(json_t *v, const char *what, dz_lsp_range *out, dz_error *err) {
  if (!json_is_object(v)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "%s must be a range {start, end}", what);
    return false;
  }
  return dz_params_position(json_object_get(v, "start"), what, &out->start, err) &&
         dz_params_position(json_object_get(v, "end"), what, &out->end, err);
}

const char *dz_params_uri(json_t *params, dz_error *err) {
  const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  if (!uri) dz_error_set(err, DZ_ERR_SYNTAX, "params.textDocument.uri must be a string");
  return uri;
}

/* ---- handlers ----------------------------------------------------------- */

static void changed(dz_server *s, const char *uri) {
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (doc && s->features.document_changed) s->features.document_changed(s->features.ud, s, doc);
}

int dz_sync_did_open(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  json_t *td = json_object_get(params, "textDocument");
  const char *uri = dz_params_uri(params, err);
  json_t *text = json_object_get(td, "text");
  json_t *version = json_object_get(td, "version");
  if (!uri) return DZ_RPC_INVALID_PARAMS;
  if (!json_is_string(text) || !json_is_integer(version)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "%s: didOpen needs textDocument.text and .version", uri);
    return DZ_RPC_INVALID_PARAMS;
  }
  const char *lang = json_string_value(json_object_get(td, "languageId"));
  dz_result rc = dz_documents_open(s->docs, uri, lang, json_integer_value(version),
                                   json_string_value(text), json_string_length(text), err);
  if (rc == DZ_ERR_UNSUPPORTED) dz_server_log(s, DZ_LOG_WARNING, "%s", err->message);
  else if (rc != DZ_OK) return DZ_RPC_INTERNAL_ERROR;
  changed(s, uri);
  return 0;
}

/* contentChanges[i] as a dz_text_change (text borrowed from the JSON). */
static bool read_change(json_t *c, size_t i, dz_text_change *out, dz_error *err) {
  json_t *text = json_object_get(c, "text");
  json_t *range = json_object_get(c, "range");
  char what[64];
  snprintf(what, sizeof what, "contentChanges[%zu].range", i);
  if (!json_is_string(text)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "contentChanges[%zu].text must be a string", i);
    return false;
  }
  out->text = json_string_value(text);
  out->len = json_string_length(text);
  out->has_range = range != NULL;
  return !range || dz_params_range(range, what, &out->range, err);
}

int dz_sync_did_change(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  const char *uri = dz_params_uri(params, err);
  json_t *changes = json_object_get(params, "contentChanges");
  json_t *version = json_object_get(json_object_get(params, "textDocument"), "version");
  if (!uri) return DZ_RPC_INVALID_PARAMS;
  if (!json_is_array(changes) || !json_is_integer(version)) {
    dz_error_set(err, DZ_ERR_SYNTAX, "%s: didChange needs contentChanges and textDocument.version", uri);
    return DZ_RPC_INVALID_PARAMS;
  }
  size_t n = json_array_size(changes);
  dz_text_change *list = calloc(n ? n : 1, sizeof *list);
  if (!list) {
    dz_error_set(err, DZ_ERR_NOMEM, "out of memory applying %zu changes to %s", n, uri);
    return DZ_RPC_INTERNAL_ERROR;
  }
  int code = 0;
  for (size_t i = 0; i < n && !code; i++)
    if (!read_change(json_array_get(changes, i), i, &list[i], err)) code = DZ_RPC_INVALID_PARAMS;
  dz_result rc = code ? DZ_OK : dz_documents_change(s->docs, uri, json_integer_value(version), list,
                                                   n, s->encoding, err);
  if (rc == DZ_ERR_UNSUPPORTED) dz_server_log(s, DZ_LOG_WARNING, "%s", err->message);
  else if (rc != DZ_OK) code = DZ_RPC_INVALID_PARAMS;
  free(list);
  if (!code) changed(s, uri);
  return code;
}

int dz_sync_did_close(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  const char *uri = dz_params_uri(params, err);
  if (!uri) return DZ_RPC_INVALID_PARAMS;
  if (dz_documents_close(s->docs, uri, err) != DZ_OK) return DZ_RPC_INVALID_PARAMS;
  if (s->features.document_closed) s->features.document_closed(s->features.ud, s, uri);
  return 0;
}

int dz_sync_document_state(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  const char *uri = dz_params_uri(params, err);
  if (!uri) return DZ_RPC_INVALID_PARAMS;
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (!doc) {
    *result = json_null();
    return 0;
  }
  json_t *tree = json_null();
  if (doc->tree) {
    TSNode root = ts_tree_root_node(doc->tree);
    tree = json_pack("{s:s, s:b}", "type", ts_node_type(root), "hasError", ts_node_has_error(root));
  }
  *result = json_pack("{s:s, s:I, s:s, s:s%, s:o}", "uri", doc->uri, "version",
                      (json_int_t)doc->version, "languageId", doc->language_id, "text", doc->text,
                      doc->len, "tree", tree);
  return 0;
}
