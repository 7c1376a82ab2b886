/*
** client_caps.c — what the client can do and what the user set: the
** capabilities and initializationOptions of initialize, and the handlers
** for workspace/didChangeConfiguration and workspace/didChangeWatchedFiles
** (registered with client/registerCapability when the client allows it).
*/
#include "drizzle_lsp/client_caps.h"

#include <stdio.h>
#include <string.h>

#include "drizzle_lsp/rules.h"

static bool flag(json_t *obj, const char *path) {
  /* path: "a.b.c" */
  char key[64];
  const char *p = path;
  while (obj && *p) {
    size_t n = strcspn(p, ".");
    if (n >= sizeof key) return false;
    memcpy(key, p, n);
    key[n] = '\0';
    obj = json_object_get(obj, key);
    p += n + (p[n] == '.');
  }
  return json_is_true(obj);
}

static bool creates_files(json_t *caps) {
  json_t *ops = json_object_get(json_object_get(json_object_get(caps, "workspace"),
                                                "workspaceEdit"), "resourceOperations");
  size_t i;
  json_t *op;
  json_array_foreach(ops, i, op) {
    if (json_is_string(op) && strcmp(json_string_value(op), "create") == 0) return true;
  }
  return false;
}

void dz_client_caps_read(dz_server *s, json_t *params) {
  json_t *caps = json_object_get(params, "capabilities");
  dz_client_caps *c = &s->client;
  c->document_changes = flag(caps, "workspace.workspaceEdit.documentChanges");
  c->create_files = creates_files(caps);
  c->show_document = flag(caps, "window.showDocument.support");
  c->work_done_progress = flag(caps, "window.workDoneProgress");
  c->watch_dynamic = flag(caps, "workspace.didChangeWatchedFiles.dynamicRegistration");
  c->related_information = flag(caps, "textDocument.publishDiagnostics.relatedInformation");
  c->code_description = flag(caps, "textDocument.publishDiagnostics.codeDescriptionSupport");
  for (int r = DZ_RISK_SAFE; r <= DZ_RISK_HIGH; r++)
    s->settings.risk_severity[r] = dz_risk_severity((dz_risk)r);
  s->settings.closed_files = true;
  dz_settings_read(s, json_object_get(params, "initializationOptions"));
}

static bool severity_of(json_t *v, dz_severity *out) {
  static const char *const names[] = {NULL, "error", "warning", "information", "hint"};
  const char *name = json_string_value(v);
  if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 4) {
    *out = (dz_severity)json_integer_value(v);
    return true;
  }
  for (int i = 1; name && i <= 4; i++)
    if (strcmp(name, names[i]) == 0 || (i == 3 && strcmp(name, "info") == 0)) {
      *out = (dz_severity)i;
      return true;
    }
  return false;
}

/* A setting under "drizzle": {"drizzle": {"a": {"b": v}}}, the inner
** object alone, or flat keys ("drizzle.a.b" or "drizzle.a": {"b": v}). */
static json_t *setting(json_t *options, const char *group, const char *key) {
  json_t *d = json_object_get(options, "drizzle");
  json_t *g = json_object_get(d ? d : options, group);
  char flat[64];
  if (!json_is_object(g)) {
    snprintf(flat, sizeof flat, "drizzle.%s", group);
    g = json_object_get(options, flat);
  }
  if (json_is_object(g)) return json_object_get(g, key);
  snprintf(flat, sizeof flat, "drizzle.%s.%s", group, key);
  return json_object_get(options, flat);
}

static bool read_severities(dz_server *s, json_t *options) {
  bool changed = false;
  for (int r = DZ_RISK_SAFE; r <= DZ_RISK_HIGH; r++) {
    dz_severity v;
    if (severity_of(setting(options, "severity", dz_risk_name((dz_risk)r)), &v)) {
      changed |= s->settings.risk_severity[r] != v;
      s->settings.risk_severity[r] = v;
    }
  }
  return changed;
}

bool dz_settings_read(dz_server *s, json_t *options) {
  bool changed = read_severities(s, options);
  json_t *closed = setting(options, "diagnostics", "closedFiles");
  if (json_is_boolean(closed)) {
    changed |= s->settings.closed_files != json_is_true(closed);
    s->settings.closed_files = json_is_true(closed);
  }
  return changed;
}

int dz_on_did_change_configuration(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  if (dz_settings_read(s, json_object_get(params, "settings")) && s->features.settings_changed)
    s->features.settings_changed(s->features.ud, s);
  return 0;
}

int dz_on_did_change_watched_files(dz_server *s, json_t *params, json_t **result, dz_error *err) {
  size_t i;
  json_t *change;
  dz_arena *a = dz_arena_new();
  json_array_foreach(json_object_get(params, "changes"), i, change) {
    const char *path = dz_lsp_uri_to_path(a, json_string_value(json_object_get(change, "uri")));
    if (path && s->features.file_changed) s->features.file_changed(s->features.ud, s, path);
  }
  dz_arena_free(a);
  return 0;
}

void dz_client_register_watchers(dz_server *s) {
  if (!s->client.watch_dynamic || !s->features.file_changed) return;
  json_t *watchers = json_pack("[{s:s}, {s:s}, {s:s}, {s:s}, {s:s}, {s:s}]",
                               "globPattern", "**/*.{ts,mts,cts,js,mjs,cjs}",
                               "globPattern", "**/tsconfig*.json",
                               "globPattern", "**/drizzle.config.*",
                               "globPattern", "**/meta/_journal.json",
                               "globPattern", "**/*.sql",
                               "globPattern", "**/meta/*_snapshot.json");
  json_t *reg = json_pack("{s:[{s:s, s:s, s:{s:o}}]}", "registrations", "id",
                          "drizzle-lsp-watch", "method", "workspace/didChangeWatchedFiles",
                          "registerOptions", "watchers", watchers);
  dz_rpc_request(s->rpc, ++s->next_request_id, "client/registerCapability", reg);
}
