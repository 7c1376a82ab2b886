/* test_settings.c — the user's settings as clients send them
** (initializationOptions, didChangeConfiguration): drizzle.severity and
** drizzle.diagnostics.closedFiles in each shape clients use, defaults, and
** what counts as a change. */
#include "dz_test.h"
#include "drizzle_lsp/client_caps.h"
#include "drizzle_lsp/rules.h"

#include <stdlib.h>

static void discard(void *ud, const char *data, size_t len) {
  (void)ud, (void)data, (void)len;
}

/* A server whose settings were read from initialize params with these
** initializationOptions (JSON text, or NULL). */
static dz_server *with_options(const char *options) {
  dz_server *s = dz_server_new(NULL, discard, NULL);
  json_t *params = json_pack("{s:{}}", "capabilities");
  if (options) json_object_set_new(params, "initializationOptions", json_loads(options, 0, NULL));
  dz_client_caps_read(s, params);
  json_decref(params);
  return s;
}

static bool read_json(dz_server *s, const char *text) {
  json_t *v = json_loads(text, 0, NULL);
  bool changed = dz_settings_read(s, v);
  json_decref(v);
  return changed;
}

DZ_TEST(defaults_show_closed_files_and_severity_by_risk) {
  dz_server *s = with_options(NULL);
  DZ_CHECK(s->settings.closed_files);
  DZ_CHECK_INT(s->settings.risk_severity[DZ_RISK_HIGH], DZ_SEV_ERROR);
  DZ_CHECK_INT(s->settings.risk_severity[DZ_RISK_CAREFUL], DZ_SEV_WARNING);
  DZ_CHECK_INT(s->settings.risk_severity[DZ_RISK_SAFE], DZ_SEV_INFO);
  dz_server_free(s);
}

DZ_TEST(closed_files_is_read_in_every_shape) {
  const char *off[] = {
      "{\"drizzle\":{\"diagnostics\":{\"closedFiles\":false}}}",
      "{\"diagnostics\":{\"closedFiles\":false}}",
      "{\"drizzle.diagnostics\":{\"closedFiles\":false}}",
      "{\"drizzle.diagnostics.closedFiles\":false}",
  };
  for (size_t i = 0; i < sizeof off / sizeof *off; i++) {
    dz_server *s = with_options(off[i]);
    if (s->settings.closed_files) DZ_FAIL("%s left closedFiles on", off[i]);
    dz_server_free(s);
  }
}

DZ_TEST(a_change_is_reported_once_and_other_values_are_ignored) {
  dz_server *s = with_options(NULL);
  DZ_CHECK(!read_json(s, "{\"drizzle\":{\"diagnostics\":{\"closedFiles\":\"no\"}}}"));
  DZ_CHECK(s->settings.closed_files);
  DZ_CHECK(!read_json(s, "{\"drizzle\":{\"diagnostics\":{\"closedFiles\":true}}}"));
  DZ_CHECK(read_json(s, "{\"drizzle\":{\"diagnostics\":{\"closedFiles\":false}}}"));
  DZ_CHECK(!s->settings.closed_files);
  DZ_CHECK(!read_json(s, "{\"drizzle\":{}}"));
  DZ_CHECK(!s->settings.closed_files);
  DZ_CHECK(read_json(s, "{\"drizzle\":{\"severity\":{\"safe\":\"hint\"}}}"));
  DZ_CHECK_INT(s->settings.risk_severity[DZ_RISK_SAFE], DZ_SEV_HINT);
  DZ_CHECK(!s->settings.closed_files);
  dz_server_free(s);
}

DZ_TEST(severity_is_read_in_every_shape) {
  const char *hint[] = {
      "{\"drizzle\":{\"severity\":{\"high\":\"hint\"}}}",
      "{\"severity\":{\"high\":\"hint\"}}",
      "{\"drizzle.severity\":{\"high\":4}}",
      "{\"drizzle.severity.high\":\"hint\"}",
  };
  for (size_t i = 0; i < sizeof hint / sizeof *hint; i++) {
    dz_server *s = with_options(hint[i]);
    if (s->settings.risk_severity[DZ_RISK_HIGH] != DZ_SEV_HINT) DZ_FAIL("%s: high is not hint", hint[i]);
    DZ_CHECK_INT(s->settings.risk_severity[DZ_RISK_CAREFUL], DZ_SEV_WARNING);
    dz_server_free(s);
  }
}

DZ_TEST_MAIN
