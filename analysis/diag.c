/*
** diag.c — appending diagnostics (diag.h).
*/
#include "drizzle_lsp/diag.h"

#include <stdio.h>
#include <string.h>

void dz_diag_add(dz_arena *a, dz_diag_list *list, dz_severity sev, const char *code,
                 dz_span span, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *msg = dz_arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
  if (n > 0) vsnprintf(msg, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  dz_diag d = {sev, dz_arena_strdup(a, code), msg, span};
  dz_vec_push(a, list, d);
}

size_t dz_diags_schema_problems(const dz_diag_list *list) {
  static const char *const advisory[] = {"tsconfig-unusable", "invalid-utf8", NULL};
  size_t n = 0;
  for (size_t i = 0; i < list->len; i++) {
    const dz_diag *d = &list->items[i];
    bool counts = d->severity == DZ_SEV_ERROR || d->severity == DZ_SEV_WARNING;
    for (size_t k = 0; counts && advisory[k]; k++) counts = strcmp(d->code, advisory[k]) != 0;
    n += counts;
  }
  return n;
}

const char *dz_severity_name(dz_severity sev) {
  switch (sev) {
    case DZ_SEV_ERROR: return "error";
    case DZ_SEV_WARNING: return "warning";
    case DZ_SEV_INFO: return "info";
    case DZ_SEV_HINT: return "hint";
  }
  return "unknown";
}
