/*
** client_caps.h — the protocol layer's reading of client capabilities and
** user settings, and the workspace notifications that change them
** (server/client_caps.c).
*/
#ifndef DZ_CLIENT_CAPS_H
#define DZ_CLIENT_CAPS_H

#include "drizzle_lsp/server.h"

/* From initialize's params: s->client and s->settings (defaults, then
** initializationOptions). */
void dz_client_caps_read(dz_server *s, json_t *params);

/* Read the "drizzle" settings object ({"severity": {"high": "error",
** "careful": "warning", "safe": "information"}, "diagnostics":
** {"closedFiles": true}}) into s->settings; true when something changed. */
bool dz_settings_read(dz_server *s, json_t *options);

/* Ask the client to watch schema, config and migration files, when it
** supports dynamic registration (after initialized). */
void dz_client_register_watchers(dz_server *s);

/* Method handlers (dz_method_fn). */
int dz_on_did_change_configuration(dz_server *s, json_t *params, json_t **result, dz_error *err);
int dz_on_did_change_watched_files(dz_server *s, json_t *params, json_t **result, dz_error *err);

#endif /* DZ_CLIENT_CAPS_H */
