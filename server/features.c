/*
** features.c — the protocol side of the feature hooks: LSP params in,
** byte offsets to the hook, the hook's C values back out as LSP JSON, with
** positions in the negotiated encoding. A hook that is not set is neither
** advertised nor answered (MethodNotFound).
*/
#include "drizzle_lsp/features.h"

#include "drizzle_lsp/fileio.h"

#include <stdlib.h>
#include <string.h>

void dz_features_capabilities(const dz_server *s, json_t *caps) {
  if (s->features.hover) json_object_set_new(caps, "hoverProvider", json_true());
  if (s->features.code_actions)
    json_object_set_new(caps, "codeActionProvider",
                        json_pack("{s:[s,s]}", "codeActionKinds", "quickfix", "source"));
  if (s->features.code_lenses)
    json_object_set_new(caps, "codeLensProvider", json_pack("{s:b}", "resolveProvider", 0));
  if (s->features.document_symbols)
    json_object_set_new(caps, "documentSymbolProvider", json_true());
  if (s->features.definition) json_object_set_new(caps, "definitionProvider", json_true());
  if (s->features.references) json_object_set_new(caps, "referencesProvider", json_true());
  if (s->features.execute_command && s->features.commands) {
    json_t *names = json_array();
    for (const char *const *c = s->features.commands; *c; c++)
      json_array_append_new(names, json_string(*c));
    json_object_set_new(caps, "executeCommandProvider", json_pack("{s:o}", "commands", names));
  }
}

static json_t *position_json(dz_lsp_position p) {
  return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character", (json_int_t)p.character);
}

/* An LSP range for bytes [start, end) of text. */
json_t *dz_features_range_json(const char *text, size_t len, size_t start, size_t end,
                               dz_position_encoding enc) {
  return json_pack("{s:o, s:o}", "start", position_json(dz_lsp_position_of(text, len, start, enc)),
                   "end", position_json(dz_lsp_position_of(text, len, end, enc)));
}

void dz_server_publish_diagnostics(dz_server *s, const dz_document *doc, const dz_diag *diags,
                                   size_t n) {
  json_t *list = json_array();
  for (size_t i = 0; i < n; i++) {
    const dz_diag *d = &diags[i];
    json_t *item = json_pack("{s:o, s:i, s:s, s:s}", "range",
                             dz_features_range_json(doc->text, doc->len, d->span.start_byte, d->span.end_byte,
                                        s->encoding),
                             "severity", (int)d->severity, "source", "drizzle-lsp", "message",
                             d->message ? d->message : "");
    if (d->code) json_object_set_new(item, "code", json_string(d->code));
    json_array_append_new(list, item);
  }
  dz_rpc_notify(s->rpc, "textDocument/publishDiagnostics",
                json_pack("{s:s, s:I, s:o}", "uri", doc->uri, "version", (json_int_t)doc->version,
                          "diagnostics", list));
}

/* The bytes of a file that is not open (empty for a file not yet created),
** to place byte offsets on LSP lines. */
static const char *disk_text(dz_arena *a, const char *path, size_t *len) {
  char *text = NULL;
  if (dz_read_file(path, a, &text, len, NULL) != DZ_OK) {
    *len = 0;
    return "";
  }
  return text;
}

/* The text of path as the client sees it: the open document's, else the disk's. */
const char *dz_features_client_text(dz_server *s, const char *path, dz_arena *a, const char **uri,
                                    size_t *len, int64_t *version) {
  *uri = dz_lsp_path_to_uri(a, path);
  const dz_document *doc = dz_documents_get(s->docs, *uri);
  if (version) *version = doc ? doc->version : -1;
  if (!doc) return disk_text(a, path, len);
  *len = doc->len;
  return doc->text;
}

static json_t *related_json(dz_server *s, const dz_lsp_related *r, dz_arena *a) {
  const char *uri;
  size_t len;
  const char *text = dz_features_client_text(s, r->path, a, &uri, &len, NULL);
  return json_pack("{s:{s:s, s:o}, s:s}", "location", "uri", uri, "range",
                   dz_features_range_json(text, len, r->start_byte, r->end_byte, s->encoding), "message",
                   r->message ? r->message : "");
}

void dz_server_publish(dz_server *s, const char *uri, int64_t version, const char *text,
                       size_t len, const dz_lsp_diagnostic *diags, size_t n) {
  json_t *list = json_array();
  dz_arena *a = dz_arena_new();
  for (size_t i = 0; i < n; i++) {
    const dz_diag *d = &diags[i].diag;
    json_t *item = json_pack("{s:o, s:i, s:s, s:s}", "range",
                             dz_features_range_json(text, len, d->span.start_byte, d->span.end_byte,
                                        s->encoding),
                             "severity", (int)d->severity, "source", "drizzle-lsp", "message",
                             d->message ? d->message : "");
    if (d->code) json_object_set_new(item, "code", json_string(d->code));
    if (diags[i].href)
      json_object_set_new(item, "codeDescription", json_pack("{s:s}", "href", diags[i].href));
    json_t *rel = json_array();
    for (size_t j = 0; j < diags[i].related.len; j++)
      json_array_append_new(rel, related_json(s, &diags[i].related.items[j], a));
    if (json_array_size(rel)) json_object_set(item, "relatedInformation", rel);
    json_decref(rel);
    json_array_append_new(list, item);
  }
  dz_arena_free(a);
  json_t *params = json_pack("{s:s, s:o}", "uri", uri, "diagnostics", list);
  if (version >= 0) json_object_set_new(params, "version", json_integer(version));
  dz_rpc_notify(s->rpc, "textDocument/publishDiagnostics", params);
}

int dz_features_no_hook(const char *method, dz_error *err) {
  dz_error_set(err, DZ_ERR_UNSUPPORTED, "%s is not provided by this server", method);
  return DZ_RPC_METHOD_NOT_FOUND;
}

/* ---- hover --------------------------------------------------------------- */

static json_t *hover_json(const dz_server *s, const dz_document *doc, const dz_hover *h) {
  json_t *out = json_pack("{s:{s:s, s:s}}", "contents", "kind", "markdown", "value",
                          h->markdown ? h->markdown : "");
  if (h->end_byte > h->start_byte)
    json_object_set_new(out, "range",
                        dz_features_range_json(doc->text, doc->len, h->start_byte, h->end_byte, s->encoding));
  return out;
}

int dz_features_hover(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.hover) return dz_features_no_hook("textDocument/hover", err);
  const char *uri = dz_params_uri(params, err);
  dz_lsp_position pos;
  if (!uri || !dz_params_position(json_object_get(params, "position"), "position", &pos, err))
    return DZ_RPC_INVALID_PARAMS;
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (!doc) return 0; /* not open: nothing to say (null) */
  uint32_t offset = (uint32_t)dz_lsp_offset_of(doc->text, doc->len, pos, s->encoding);
  dz_arena *a = dz_arena_new();
  dz_hover *h = NULL;
  int code = 0;
  if (s->features.hover(s->features.ud, s, doc, offset, a, &h, err) != DZ_OK)
    code = DZ_RPC_REQUEST_FAILED;
  else if (h)
    *result = hover_json(s, doc, h);
  dz_arena_free(a);
  return code;
}

/* ---- code actions -------------------------------------------------------- */

/* The TextDocumentEdit for every edit of `path` in action, in order. */
static json_t *document_edit(dz_server *s, const dz_code_action *action, const char *path,
                             dz_arena *a) {
  const char *uri;
  size_t len;
  int64_t version;
  const char *text = dz_features_client_text(s, path, a, &uri, &len, &version);
  json_t *edits = json_array();
  for (size_t i = 0; i < action->edits.len; i++) {
    const dz_text_edit *e = &action->edits.items[i];
    if (strcmp(e->path, path) != 0) continue;
    json_array_append_new(edits, json_pack("{s:o, s:s}", "range",
                                           dz_features_range_json(text, len, e->start_byte, e->end_byte,
                                                      s->encoding),
                                           "newText", e->new_text ? e->new_text : ""));
  }
  json_t *v = version >= 0 ? json_integer(version) : json_null();
  return json_pack("{s:{s:s, s:o}, s:o}", "textDocument", "uri", uri, "version", v, "edits",
                   edits);
}

static bool seen_path(const dz_code_action *action, size_t upto, const char *path) {
  for (size_t i = 0; i < upto; i++)
    if (strcmp(action->edits.items[i].path, path) == 0) return true;
  return false;
}

static json_t *command_json(const dz_command *c) {
  json_t *args = json_array();
  for (size_t i = 0; i < c->arguments.len; i++)
    json_array_append_new(args, json_string(c->arguments.items[i]));
  return json_pack("{s:s, s:s, s:o}", "title", c->title ? c->title : c->name, "command", c->name,
                   "arguments", args);
}

/* Whether the client can apply the action's edit. */
static bool can_apply(const dz_server *s, const dz_code_action *action) {
  if (!action->edits.len && !action->create_files.len) return true;
  return s->client.document_changes && (!action->create_files.len || s->client.create_files);
}

/* The request's diagnostics with the code the action fixes. */
static json_t *fixed_diagnostics(json_t *context, const char *code) {
  json_t *out = json_array();
  size_t i;
  json_t *d;
  json_array_foreach(json_object_get(context, "diagnostics"), i, d) {
    const char *c = json_string_value(json_object_get(d, "code"));
    if (c && strcmp(c, code) == 0) json_array_append(out, d);
  }
  return out;
}

static json_t *action_json(dz_server *s, const dz_code_action *action, json_t *context,
                           dz_arena *a) {
  json_t *out = json_pack("{s:s, s:s}", "title", action->title ? action->title : "", "kind",
                          action->kind ? action->kind : "quickfix");
  if (action->diagnostic_code)
    json_object_set_new(out, "diagnostics", fixed_diagnostics(context, action->diagnostic_code));
  if (action->preferred) json_object_set_new(out, "isPreferred", json_true());
  if (!can_apply(s, action)) {
    if (action->fallback.name) json_object_set_new(out, "command", command_json(&action->fallback));
    return out;
  }
  if (action->command.name) json_object_set_new(out, "command", command_json(&action->command));
  if (!action->edits.len && !action->create_files.len) return out;
  json_t *changes = json_array();
  for (size_t i = 0; i < action->create_files.len; i++)
    json_array_append_new(changes, json_pack("{s:s, s:s, s:{s:b}}", "kind", "create", "uri",
                                             dz_lsp_path_to_uri(a, action->create_files.items[i]),
                                             "options", "ignoreIfExists", 1));
  for (size_t i = 0; i < action->edits.len; i++) {
    const char *path = action->edits.items[i].path;
    if (!seen_path(action, i, path)) json_array_append_new(changes, document_edit(s, action, path, a));
  }
  json_object_set_new(out, "edit", json_pack("{s:o}", "documentChanges", changes));
  return out;
}

int dz_features_code_action(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.code_actions) return dz_features_no_hook("textDocument/codeAction", err);
  const char *uri = dz_params_uri(params, err);
  dz_lsp_range range;
  if (!uri || !dz_params_range(json_object_get(params, "range"), "range", &range, err))
    return DZ_RPC_INVALID_PARAMS;
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (!doc) return 0;
  size_t start = dz_lsp_offset_of(doc->text, doc->len, range.start, s->encoding);
  size_t end = dz_lsp_offset_of(doc->text, doc->len, range.end, s->encoding);
  if (start > end) {
    size_t t = start;
    start = end;
    end = t;
  }
  dz_arena *a = dz_arena_new();
  dz_code_action_list list = {0};
  int code = 0;
  if (s->features.code_actions(s->features.ud, s, doc, (uint32_t)start, (uint32_t)end, a, &list,
                               err) != DZ_OK) {
    code = DZ_RPC_REQUEST_FAILED;
  } else {
    *result = json_array();
    for (size_t i = 0; i < list.len; i++) {
      json_t *action = action_json(s, list.items[i], json_object_get(params, "context"), a);
      if (json_object_get(action, "edit") || json_object_get(action, "command"))
        json_array_append_new(*result, action);
      else
        json_decref(action);
    }
  }
  dz_arena_free(a);
  return code;
}

/* ---- code lenses ---------------------------------------------------------- */

int dz_features_code_lens(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.code_lenses) return dz_features_no_hook("textDocument/codeLens", err);
  const char *uri = dz_params_uri(params, err);
  if (!uri) return DZ_RPC_INVALID_PARAMS;
  const dz_document *doc = dz_documents_get(s->docs, uri);
  if (!doc) return 0;
  dz_arena *a = dz_arena_new();
  dz_code_lens_list list = {0};
  int code = 0;
  if (s->features.code_lenses(s->features.ud, s, doc, a, &list, err) != DZ_OK) {
    code = DZ_RPC_REQUEST_FAILED;
  } else {
    *result = json_array();
    for (size_t i = 0; i < list.len; i++) {
      const dz_code_lens *l = &list.items[i];
      json_array_append_new(*result, json_pack("{s:o, s:o}", "range",
                                               dz_features_range_json(doc->text, doc->len, l->start_byte,
                                                          l->end_byte, s->encoding),
                                               "command", command_json(&l->command)));
    }
  }
  dz_arena_free(a);
  return code;
}

/* ---- commands ------------------------------------------------------------- */

static bool known_command(const dz_server *s, const char *name) {
  for (const char *const *c = s->features.commands; c && *c; c++)
    if (strcmp(*c, name) == 0) return true;
  return false;
}

int dz_features_execute_command(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (!s->features.execute_command) return dz_features_no_hook("workspace/executeCommand", err);
  const char *name = json_string_value(json_object_get(params, "command"));
  if (!name) {
    dz_error_set(err, DZ_ERR_SYNTAX, "params.command must be a string");
    return DZ_RPC_INVALID_PARAMS;
  }
  if (!known_command(s, name)) {
    dz_error_set(err, DZ_ERR_USAGE, "unknown command '%s'", name);
    return DZ_RPC_INVALID_PARAMS;
  }
  json_t *args = json_object_get(params, "arguments");
  size_t n = json_array_size(args);
  dz_arena *a = dz_arena_new();
  const char **argv = dz_arena_alloc(a, (n + 1) * sizeof *argv);
  for (size_t i = 0; i < n; i++) {
    argv[i] = json_string_value(json_array_get(args, i));
    if (!argv[i]) {
      dz_arena_free(a);
      dz_error_set(err, DZ_ERR_SYNTAX, "argument %zu of %s must be a string", i + 1, name);
      return DZ_RPC_INVALID_PARAMS;
    }
  }
  const char *message = NULL;
  int code = 0;
  if (s->features.execute_command(s->features.ud, s, name, argv, n, a, &message, err) != DZ_OK)
    code = DZ_RPC_REQUEST_FAILED;
  else if (message)
    *result = json_string(message);
  dz_arena_free(a);
  return code;
}
