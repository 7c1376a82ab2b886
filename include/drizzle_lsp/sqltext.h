/*
** sqltext.h — the SQL text drizzle-kit stores for statically evaluated
** values: sql`...` templates rendered the way drizzle-orm's SQLite dialect
** renders them, column defaults with their JSON type, JSON.stringify, and
** drizzle-orm's casing conversion of column keys.
*/
#ifndef DZ_SQLTEXT_H
#define DZ_SQLTEXT_H

#include "drizzle_lsp/builders.h"
#include "drizzle_lsp/model.h"
#include "drizzle_lsp/project.h"

typedef enum dz_sql_mode {
  DZ_SQL_INDEXES,   /* columns as "col" (index expressions, generated columns) */
  DZ_SQL_QUALIFIED, /* columns as "table"."col" (where, check, view definitions) */
  DZ_SQL_VIEW,      /* qualified, with parameters inlined (a view's .as(sql).inlineParams()) */
  DZ_SQL_DEFAULT    /* only literal text: drizzle-kit refuses names and params in defaults */
} dz_sql_mode;

/* drizzle-orm's toCamelCase / toSnakeCase (DZ_CASING_NONE: name unchanged). In a. */
const char *dz_casing_convert(dz_arena *a, dz_casing casing, const char *name);

/* The SQL name of column `index` of t: its given name, or its key with casing. */
const char *dz_column_sql_name(dz_eval *ev, const dz_tablev *t, size_t index, dz_casing casing);

/* The SQL text of v (an SQL value or one chunk of it). NULL when a part
** cannot be rendered; *bad then points at that part. In ev's arena. */
const char *dz_sql_render(dz_eval *ev, dz_value *v, dz_sql_mode mode, dz_casing casing,
                          dz_value **bad);

/* JSON.stringify(v) for plain data; NULL (with *bad) for anything else. */
const char *dz_value_json(dz_eval *ev, dz_value *v, dz_value **bad);

/* The snapshot default for .default(v). Returns false (with *bad) when v
** cannot be turned into what drizzle-kit would store. Text in ev's arena. */
bool dz_default_of(dz_eval *ev, dz_value *v, dz_casing casing, dz_default *out, dz_value **bad);

#endif /* DZ_SQLTEXT_H */
