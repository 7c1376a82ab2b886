/*
** builders.h — drizzle-orm's builders as the evaluator sees them
** (builders.c), plus the value helpers resolve.c shares with it. Internal to
** extraction: resolve.c, builders.c, sqltext.c and extract.c.
*/
#ifndef DZ_BUILDERS_H
#define DZ_BUILDERS_H

#include "drizzle_lsp/module.h"

/* Values, allocated in the evaluation's arena. */
dz_value *dz_value_new(dz_eval *ev, dz_vkind kind, const dz_module *mod, TSNode node);
dz_value *dz_value_string(dz_eval *ev, const dz_module *mod, TSNode node, const char *s);
dz_value *dz_value_undefined(dz_eval *ev);
/* Set obj[key] with JavaScript's property order (integer-like keys first;
** a repeated key keeps its first position). at: the property written. */
void dz_object_set(dz_eval *ev, dz_value *obj, const char *key, dz_value *v, const dz_module *m,
                   TSNode at);
/* obj.name as the evaluator resolves it. */
dz_value *dz_member(dz_eval *ev, dz_value *obj, const char *name, const dz_module *m, TSNode at);
/* String(v) for primitives; NULL for anything else. In ev's arena. */
const char *dz_js_to_string(dz_eval *ev, const dz_value *v);
/* A one-line excerpt of n for messages. */
const char *dz_construct_text(dz_eval *ev, const dz_module *m, TSNode n);

/* Whether export `name` of m is written with a table or view builder
** (so an unresolved value there deserves a warning; other exports -
** relations, db clients - are not drizzle-kit's business). */
bool dz_export_looks_like_schema(const dz_module *m, const char *name);

/* obj.name where obj is a builtin, a builder or an SQL value. */
dz_value *dz_builtin_member(dz_eval *ev, dz_value *obj, const char *name, const dz_module *m,
                            TSNode at);
/* Calling a DZ_V_BUILTIN or a DZ_V_METHOD. */
dz_value *dz_builtin_call(dz_eval *ev, dz_value *fn, dz_value **args, size_t n,
                          const dz_module *m, TSNode at);
/* drizzle-orm's SQL operator `name` (eq, and, inArray, asc, ...) applied to
** args, as the SQL value it builds (sqlops.c); NULL when name is no such
** operator. An argument that cannot be known makes the result unknown. */
dz_value *dz_sql_operator(dz_eval *ev, const char *name, dz_value **args, size_t n,
                          const dz_module *m, TSNode at);
/* Whether v (an array or a string) has JavaScript method `name` that
** drizzle-lsp evaluates (jsmethods.c), and calling it. */
bool dz_js_has_method(const dz_value *v, const char *name);
dz_value *dz_js_method_call(dz_eval *ev, dz_value *self, const char *name, dz_value **args, size_t n,
                            const dz_module *m, TSNode at);
/* SameValueZero(a, b) for primitives; *known false when either is
** something else (an object's identity is not tracked). */
bool dz_js_same_value_zero(dz_eval *ev, const dz_value *a, const dz_value *b, bool *known);
/* A view's query builder, qb (querybuilder.c); a method of it or of a
** select built with it; and a finished select as drizzle's SQL chunks,
** with *fields set to the selected fields (the view's columns). */
dz_value *dz_query_builder(dz_eval *ev, const dz_module *m, TSNode at);
dz_value *dz_query_method(dz_eval *ev, dz_value *self, const char *name, dz_value **args, size_t n,
                          const dz_module *m, TSNode at);
dz_value *dz_query_sql(dz_eval *ev, dz_value *query, dz_value **fields, const dz_module *m, TSNode at);
/* drizzle-orm's functions for selections (getTableColumns, count, sum, avg,
** min, max, ...) called with args; NULL when `name` is none of them. */
dz_value *dz_query_function(dz_eval *ev, const char *name, dz_value **args, size_t n,
                            const dz_module *m, TSNode at);
/* new Date(...). */
dz_value *dz_new_date(dz_eval *ev, dz_value **args, size_t n, const dz_module *m, TSNode at);

/* String(x) (Number.prototype.toString), in a. */
const char *dz_number_text(dz_arena *a, double x);

#endif /* DZ_BUILDERS_H */
