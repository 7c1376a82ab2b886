/*
** introspect.h — a SQLite database's schema read into the schema model, so
** that it can be compared with a snapshot (schema_compare.h).
**
** PRAGMAs give the structure (columns, NOT NULL, primary keys, indexes and
** their columns, foreign keys); what they do not tell — a declared type and
** a default exactly as written, AUTOINCREMENT, generated expressions, CHECK
** constraints, expression index terms, partial-index WHERE clauses, view
** definitions, constraint names — is read from the CREATE statements in
** sqlite_master. Names SQLite does not keep (foreign keys, unnamed composite
** primary keys) get drizzle-kit's generated names; compare them by content.
*/
#ifndef DZ_INTROSPECT_H
#define DZ_INTROSPECT_H

#include <sqlite3.h>

#include "drizzle_lsp/model.h"

/* Read db's tables and views (not sqlite_* internals, not virtual tables
** and their shadow tables, which no snapshot describes, nor skip_table, e.g.
** "__drizzle_migrations"; skip_table may be NULL) into a new schema in a.
** A failing query is DZ_ERR_SQLITE with SQLite's message. */
dz_result dz_introspect_sqlite(sqlite3 *db, const char *skip_table, dz_arena *a, dz_schema **out,
                               dz_error *err);

#endif /* DZ_INTROSPECT_H */
