/*
** schema_check.h — mistakes in a schema that extraction accepts but a
** migration would trip on: an index over a column its table does not have,
** a foreign key to a table or column the schema does not have. (Two tables
** or columns with one SQL name are extraction's "duplicate-table" and
** "duplicate-column" warnings.)
**
** Diagnostic codes: "unknown-column" (error: an index or foreign key names a
** column that does not exist), "unknown-table" (warning: a foreign key to a
** table outside the schema's exported tables, which drizzle-kit writes
** anyway and SQLite then refuses on the first write).
*/
#ifndef DZ_SCHEMA_CHECK_H
#define DZ_SCHEMA_CHECK_H

#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/model.h"

/* Append what is found in s to diags (messages in a). */
void dz_schema_check(const dz_schema *s, dz_arena *a, dz_diag_list *diags);

#endif /* DZ_SCHEMA_CHECK_H */
