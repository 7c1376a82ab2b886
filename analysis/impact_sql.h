/*
** impact_sql.h — the read-only SQLite helpers impact.c and impact_dryrun.c
** share: opening a database read-only by URI, counting with a formatted
** query, and asking whether a table or column exists. Private to analysis/.
*/
#ifndef DZ_IMPACT_SQL_H
#define DZ_IMPACT_SQL_H

#include "drizzle_lsp/common.h"

#include <sqlite3.h>

/* Open path read-only ("file:<escaped path>?mode=ro"). The caller closes the
** returned handle with sqlite3_close. A missing or unreadable file, or one
** that is not a database, is DZ_ERR_SQLITE naming the path. */
dz_result dz_sql_open_readonly(const char *path, sqlite3 **out, dz_error *err);

/* Run one query whose first column of the first row is a count. sql is
** owned by the helper and released (it comes from sqlite3_mprintf); NULL
** sql is DZ_ERR_NOMEM. Text after the first statement is refused, so a
** schema-supplied expression cannot smuggle in a second statement. On error
** err holds SQLite's message. */
dz_result dz_sql_count(sqlite3 *db, char *sql, int64_t *out, dz_error *err);

bool dz_sql_table_exists(sqlite3 *db, const char *table);
bool dz_sql_column_exists(sqlite3 *db, const char *table, const char *column);

#endif /* DZ_IMPACT_SQL_H */
