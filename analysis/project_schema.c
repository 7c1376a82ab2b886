/*
** project_schema.c — dz_project_read_schema (project.h): the config's schema
** files, read from disk, through extraction. Kept apart from extract.c so the
** extraction engine does not depend on the config reader.
*/
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/tsconfig.h"

#include <stdlib.h>

dz_result dz_project_read_schema(const dz_config *c, dz_arena *a, dz_schema **out,
                                 dz_diag_list *diags, dz_error *err) {
  dz_strvec files = {0};
  dz_result rc = dz_config_schema_files(c, a, &files, err);
  if (rc != DZ_OK) return rc;
  dz_module **mods = calloc(files.len ? files.len : 1, sizeof *mods);
  if (!mods) return dz_error_set(err, DZ_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < files.len && rc == DZ_OK; i++) {
    mods[i] = dz_module_read(files.items[i], err);
    if (!mods[i]) rc = err ? err->code : DZ_ERR_IO;
  }
  /* drizzle-kit's tsconfig is the one nearest its working directory, which
  ** is where the config is (it resolves the config's paths from there). */
  dz_tsconfig *tc = NULL;
  const char *bad = NULL;
  dz_error tc_err;
  dz_result tc_rc = dz_tsconfig_find(c->dir, a, &tc, &bad, &tc_err);
  dz_extract_options opt = {c->dialect, c->casing, tc};
  if (rc == DZ_OK)
    rc = dz_schema_link(mods, files.len, &opt, dz_module_read_loader, NULL, a, out, diags, err);
  if (rc == DZ_OK && tc_rc != DZ_OK) dz_tsconfig_warn(*out, diags, bad, &tc_err);
  for (size_t i = 0; i < files.len; i++) dz_module_free(mods[i]);
  free(mods);
  return rc;
}
