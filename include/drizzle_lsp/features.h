/*
** features.h — the JSON side of the feature hooks of lsp.h: capabilities
** for the hooks that are set, textDocument/hover and textDocument/codeAction
** converted to and from the hooks' C values. (Diagnostics go out through
** dz_server_publish_diagnostics in server.h.)
*/
#ifndef DZ_FEATURES_H
#define DZ_FEATURES_H

#include "drizzle_lsp/server.h"

/* Add the providers (hover, code actions, code lenses, commands, symbols,
** definition, references) to caps for the hooks that are set. */
void dz_features_capabilities(const dz_server *s, json_t *caps);

/* Shared by the handlers: an LSP range for bytes [start, end) of text; the
** text of path as the client has it (the open document's, else the disk's,
** "" for a missing file) with its URI and version (-1: not open), in a;
** MethodNotFound for a hook that is not set. */
json_t *dz_features_range_json(const char *text, size_t len, size_t start, size_t end,
                               dz_position_encoding enc);
const char *dz_features_client_text(dz_server *s, const char *path, dz_arena *a,
                                    const char **uri, size_t *len, int64_t *version);
int dz_features_no_hook(const char *method, dz_error *err);

/* Method handlers (see dz_method_fn); MethodNotFound when the hook is NULL. */
int dz_features_hover(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_code_action(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_document_symbol(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_definition(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_references(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_code_lens(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_execute_command(dz_server *s, json_t *params, json_t **result, dz_error *err);

#endif /* DZ_FEATURES_H */
