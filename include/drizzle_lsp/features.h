/*
** features.h — the JSON side of the feature hooks of lsp.h: capabilities
** for the hooks that are set, textDocument/hover and textDocument/codeAction
** converted to and from the hooks' C values. (Diagnostics go out through
** dz_server_publish_diagnostics in server.h.)
*/
#ifndef DZ_FEATURES_H
#define DZ_FEATURES_H

#include "drizzle_lsp/server.h"

/* Add hoverProvider, codeActionProvider, codeLensProvider and
** executeCommandProvider to caps for the hooks that are set. */
void dz_features_capabilities(const dz_server *s, json_t *caps);

/* Method handlers (see dz_method_fn); MethodNotFound when the hook is NULL. */
int dz_features_hover(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_code_action(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_code_lens(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_features_execute_command(dz_server *s, json_t *params, json_t **result, dz_error *err);

#endif /* DZ_FEATURES_H */
