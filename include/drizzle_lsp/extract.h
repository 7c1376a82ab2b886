/*
** extract.h — from TypeScript schema files to the schema model, statically:
** the tables and views drizzle-kit would find by importing the files, with a
** source span on every element.
**
** Nothing is run. Constructs that cannot be resolved without running code
** are reported as diagnostics naming them (file:line:col), never guessed.
** Broken TypeScript mid-edit still yields every table that parses.
*/
#ifndef DZ_EXTRACT_H
#define DZ_EXTRACT_H

#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/model.h"
#include "drizzle_lsp/project.h"

typedef struct dz_source_file {
  const char *path;  /* absolute; also used to resolve relative imports */
  const char *text;  /* UTF-8, borrowed for the call */
  size_t len;
} dz_source_file;

typedef struct dz_extract_options {
  dz_dialect dialect;
  dz_casing casing;
} dz_extract_options;

/* Extract the schema drizzle-kit would see from files, given in the config's
** order. Files imported by these but not in the list are read from disk when
** needed for resolution (shared columns, enum constants) but contribute no
** tables. The schema and diagnostics are allocated in a. Fails only on
** allocation failure or an unreadable import; never on bad TypeScript. */
dz_result dz_extract_schema(const dz_source_file *files, size_t n, const dz_extract_options *opt,
                            dz_arena *a, dz_schema **out, dz_diag_list *diags, dz_error *err);

#endif /* DZ_EXTRACT_H */
