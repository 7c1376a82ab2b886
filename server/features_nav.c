/*
** features_nav.c — the protocol side of the navigation hooks:
** textDocument/documentSymbol, definition and references, their params
** read and the hooks' byte ranges answered as LSP ranges.
*/
#include "drizzle_lsp/features.h"

static json_t *symbol_json(const dz_server *s, const dz_document *doc, const dz_symbol *sym) {
  json_t *children = json_array();
  for (size_t i = 0; i < sym->children.len; i++)
    json_array_append_new(children, symbol_json(s, doc, &sym->children.items[i]));
  json_t *out = json_pack(
      "{s:s, s:i, s:o, s:o, s:o}", "name", sym->name, "kind", sym->kind, "range",
      dz_features_range_json(doc->text, doc->len, sym->start_byte, sym->end_byte, s->encoding),
      "selectionRange",
      dz_features_range_json(doc->text, doc->len, sym->select_start, sym->select_end, s->encoding),
      "children", children);
  if (sym->detail) json_object_set_new(out, "detail", json_string(sym->detail));
  return out;
}

int dz_features_document_symbol(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.document_symbols) return dz_features_no_hook("textDocument/documentSymbol", err);
  const char *uri = dz_params_uri(params, err);
  if (!uri) return DZ_RPC_INVALID_PARAMS;
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (!doc) return 0;
  dz_arena *a = dz_arena_new();
  dz_symbol_list list = {0};
  int code = 0;
  if (s->features.document_symbols(s->features.ud, s, doc, a, &list, err) != DZ_OK) {
    code = DZ_RPC_REQUEST_FAILED;
  } else {
    *result = json_array();
    for (size_t i = 0; i < list.len; i++)
      json_array_append_new(*result, symbol_json(s, doc, &list.items[i]));
  }
  dz_arena_free(a);
  return code;
}

/* A Location; the file's text as the client has it places the bytes. */
static json_t *location_json(dz_server *s, const dz_lsp_location *l, dz_arena *a) {
  const char *uri;
  size_t len;
  const char *text = dz_features_client_text(s, l->path, a, &uri, &len, NULL);
  return json_pack("{s:s, s:o}", "uri", uri, "range",
                   dz_features_range_json(text, len, l->start_byte, l->end_byte, s->encoding));
}

typedef dz_result (*locate_fn)(dz_server *s, const dz_document *doc, uint32_t offset,
                               json_t *params, dz_arena *a, dz_lsp_location_list *out,
                               dz_error *err);

/* Shared by definition and references: position in, Location[] out. */
static int locations(dz_server *s, json_t *params, locate_fn locate, json_t **result,
                     dz_error *err) {
  const char *uri = dz_params_uri(params, err);
  dz_lsp_position pos;
  if (!uri || !dz_params_position(json_object_get(params, "position"), "position", &pos, err))
    return DZ_RPC_INVALID_PARAMS;
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (!doc) return 0;
  uint32_t offset = (uint32_t)dz_lsp_offset_of(doc->text, doc->len, pos, s->encoding);
  dz_arena *a = dz_arena_new();
  dz_lsp_location_list list = {0};
  int code = 0;
  if (locate(s, doc, offset, params, a, &list, err) != DZ_OK) {
    code = DZ_RPC_REQUEST_FAILED;
  } else if (list.len) {
    *result = json_array();
    for (size_t i = 0; i < list.len; i++)
      json_array_append_new(*result, location_json(s, &list.items[i], a));
  }
  dz_arena_free(a);
  return code;
}

static dz_result locate_definition(dz_server *s, const dz_document *doc, uint32_t offset,
                                   json_t *params, dz_arena *a, dz_lsp_location_list *out,
                                   dz_error *err) {
  return s->features.definition(s->features.ud, s, doc, offset, a, out, err);
}

static dz_result locate_references(dz_server *s, const dz_document *doc, uint32_t offset,
                                   json_t *params, dz_arena *a, dz_lsp_location_list *out,
                                   dz_error *err) {
  json_t *ctx = json_object_get(params, "context");
  bool decl = json_is_true(json_object_get(ctx, "includeDeclaration"));
  return s->features.references(s->features.ud, s, doc, offset, decl, a, out, err);
}

int dz_features_definition(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.definition) return dz_features_no_hook("textDocument/definition", err);
  return locations(s, params, locate_definition, result, err);
}

int dz_features_references(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.references) return dz_features_no_hook("textDocument/references", err);
  return locations(s, params, locate_references, result, err);
}
