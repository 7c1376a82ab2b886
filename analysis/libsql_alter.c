/*
** libsql_alter.c — libSQL's `ALTER TABLE t ALTER COLUMN c TO <definition>`,
** which drizzle-kit writes for Turso projects and plain SQLite lacks, done on
** SQLite the way libSQL does it: the column's definition in the table's
** CREATE TABLE text is replaced, without rewriting rows. verify needs this to
** replay a Turso migrations folder on an in-memory SQLite database.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "drizzle_lsp/sql_scan.h"
#include "drizzle_lsp/verify.h"

/* ALTER TABLE <t> ALTER COLUMN <c> TO <def>: the three parts, or false. */
static bool parse_alter_column(const char *piece, dz_arena *a, char **table, char **column, dz_sql_span *def) {
  dz_sql_span sp = {piece, strlen(piece)};
  static const char *const lead[] = {"ALTER", "TABLE", NULL, "ALTER", "COLUMN", NULL, "TO"};
  dz_sql_span parts[7];
  for (int i = 0; i < 7; i++) {
    parts[i] = dz_sql_next(&sp);
    if (parts[i].n == 0 || (lead[i] && !dz_sql_is_word(parts[i], lead[i]))) return false;
  }
  *table = dz_sql_unquote(parts[2], a);
  *column = dz_sql_unquote(parts[5], a);
  *def = dz_sql_trim(sp);
  return def->n > 0;
}

/* create_sql with the definition of `column` replaced by def; NULL when the
** column is not there. */
static char *replace_definition(const char *create_sql, const char *column, dz_sql_span def, dz_arena *a) {
  dz_sql_span sp = {create_sql, strlen(create_sql)}, t;
  while ((t = dz_sql_next(&sp)).n > 0 && !dz_sql_is_group(t)) {}
  dz_sql_spans items = {0};
  dz_sql_split_commas(dz_sql_group_inside(t), a, &items);
  for (size_t i = 0; i < items.len; i++) {
    dz_sql_span rest = items.items[i];
    if (strcasecmp(dz_sql_unquote(dz_sql_next(&rest), a), column) != 0) continue;
    const char *start = items.items[i].p, *end = start + items.items[i].n;
    return dz_arena_printf(a, "%.*s%.*s%s", (int)(start - create_sql), create_sql, (int)def.n, def.p, end);
  }
  return NULL;
}

static const char *table_sql(sqlite3 *db, const char *table, dz_arena *a) {
  sqlite3_stmt *st = NULL;
  const char *sql = NULL;
  if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &st, NULL) ==
      SQLITE_OK) {
    sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      sql = dz_arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return sql;
}

/* Store the new CREATE text and make the connection read the schema again. */
static bool store_table_sql(sqlite3 *db, const char *table, const char *sql) {
  sqlite3_stmt *st = NULL;
  int version = 0;
  bool ok = sqlite3_prepare_v2(db, "PRAGMA schema_version", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW;
  if (ok) version = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 0, (int *)NULL);
  ok = ok && sqlite3_exec(db, "PRAGMA writable_schema = ON", NULL, NULL, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2(db, "UPDATE sqlite_master SET sql = ?1 WHERE type = 'table' AND name = ?2", -1, &st,
                          NULL) == SQLITE_OK;
  if (ok) {
    sqlite3_bind_text(st, 1, sql, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, table, -1, SQLITE_TRANSIENT);
    ok = sqlite3_step(st) == SQLITE_DONE;
  }
  sqlite3_finalize(st);
  char bump[64];
  snprintf(bump, sizeof bump, "PRAGMA schema_version = %d", version + 1);
  ok = ok && sqlite3_exec(db, bump, NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_exec(db, "PRAGMA writable_schema = OFF", NULL, NULL, NULL);
  return ok;
}

dz_result dz_libsql_alter_column(sqlite3 *db, const char *piece, dz_arena *a, bool *handled, const char **failure) {
  char *table = NULL, *column = NULL;
  dz_sql_span def;
  *handled = parse_alter_column(piece, a, &table, &column, &def);
  if (!*handled) return DZ_OK;
  const char *old_sql = table_sql(db, table, a);
  char *new_sql = old_sql ? replace_definition(old_sql, column, def, a) : NULL;
  if (!new_sql) {
    *failure = dz_arena_printf(a, "ALTER COLUMN: no column %s in table %s", column, table);
    return DZ_ERR_VERIFY;
  }
  if (!store_table_sql(db, table, new_sql)) {
    *failure = dz_arena_printf(a, "ALTER COLUMN %s.%s: %s", table, column, sqlite3_errmsg(db));
    return DZ_ERR_VERIFY;
  }
  return DZ_OK;
}
