/*
** diag.h — diagnostics found while reading a project: a construct that cannot
** be resolved statically, a reference to an unknown table, a broken file.
** They travel beside a result (a schema model, a config) rather than instead
** of it, so that a half-typed file still yields every table that parses.
*/
#ifndef DZ_DIAG_H
#define DZ_DIAG_H

#include "drizzle_lsp/model.h"

/* Values match LSP's DiagnosticSeverity. */
typedef enum dz_severity {
  DZ_SEV_ERROR = 1,
  DZ_SEV_WARNING = 2,
  DZ_SEV_INFO = 3,
  DZ_SEV_HINT = 4
} dz_severity;

typedef struct dz_diag {
  dz_severity severity;
  const char *code;     /* stable id, e.g. "unresolved-construct" */
  const char *message;  /* names the construct; no trailing newline */
  dz_span span;
} dz_diag;

typedef DZ_VEC(dz_diag) dz_diag_list;

/* Append a diagnostic whose message is formatted into a. */
void dz_diag_add(dz_arena *a, dz_diag_list *list, dz_severity sev, const char *code,
                 dz_span span, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* How many diagnostics of list mean that part of the schema could not be
** read, so that a snapshot or a migration made now would leave it out:
** errors and warnings, but not those about the set-up or the encoding that
** lose nothing by themselves (tsconfig-unusable: an import it would have
** resolved is reported on its own; invalid-utf8: the text is read as
** drizzle-kit reads it). */
size_t dz_diags_schema_problems(const dz_diag_list *list);

/* "error", "warning", "info", "hint". */
const char *dz_severity_name(dz_severity sev);

#endif /* DZ_DIAG_H */
