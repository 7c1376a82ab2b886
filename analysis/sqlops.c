/*
** sqlops.c — drizzle-orm's SQL operators (sql/expressions/conditions.js and
** select.js: eq, ne, gt, gte, lt, lte, and, or, not, isNull, isNotNull,
** inArray, notInArray, between, notBetween, like, notLike, ilike, notIlike,
** exists, notExists, asc, desc), built statically into the same SQL chunks
** drizzle-orm builds, so sqltext.c renders them as drizzle-kit does: a
** column compared with a plain value binds it as a parameter (bindIfParam).
*/
#include "drizzle_lsp/builders.h"

#include <string.h>

typedef struct ctx {
  dz_eval *ev;
  const dz_module *m;
  TSNode at;
} ctx;

static void push(ctx *c, dz_value *sql, dz_value *v) { dz_vec_push(dz_eval_arena(c->ev), &sql->items, v); }

static void push_raw(ctx *c, dz_value *sql, const char *text) {
  if (!*text) return;
  dz_value *raw = dz_value_new(c->ev, DZ_V_RAW, c->m, c->at);
  raw->str = text;
  push(c, sql, raw);
}

/* sql`${a}<op>${b}<tail>` (b may be NULL: sql`<op>${a}` when prefix). */
static dz_value *tmpl(ctx *c, const char *pre, dz_value *a, const char *mid, dz_value *b, const char *tail) {
  dz_value *sql = dz_value_new(c->ev, DZ_V_SQL, c->m, c->at);
  push_raw(c, sql, pre);
  push(c, sql, a);
  push_raw(c, sql, mid);
  if (b) push(c, sql, b);
  push_raw(c, sql, tail);
  return sql;
}

/* bindIfParam(value, column): a plain value next to a column becomes a
** parameter that the column's encoder maps; SQL, columns and tables stay. */
static dz_value *bind(ctx *c, dz_value *value, dz_value *column) {
  if (column->kind != DZ_V_COLUMN) return value;
  switch (value->kind) {
    case DZ_V_STRING: case DZ_V_NUMBER: case DZ_V_BOOL: case DZ_V_NULL: case DZ_V_DATE:
    case DZ_V_BIGINT: case DZ_V_ARRAY: case DZ_V_OBJECT: case DZ_V_UNDEFINED: {
      dz_value *p = dz_value_new(c->ev, DZ_V_PARAM, value->mod, value->node);
      p->self = value;
      p->table = column->table;
      p->index = column->index;
      return p;
    }
    default: return value;
  }
}

/* and(...) / or(...): undefined conditions dropped; none -> undefined; one
** -> itself; more -> "(" a <sep> b ")". */
static dz_value *junction(ctx *c, const char *sep, dz_value **args, size_t n) {
  dz_value *sql = dz_value_new(c->ev, DZ_V_SQL, c->m, c->at);
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) kept += args[i]->kind != DZ_V_UNDEFINED;
  if (kept == 0) return dz_value_undefined(c->ev);
  if (kept > 1) push_raw(c, sql, "(");
  size_t done = 0;
  for (size_t i = 0; i < n; i++) {
    if (args[i]->kind == DZ_V_UNDEFINED) continue;
    if (done++) push_raw(c, sql, sep);
    push(c, sql, args[i]);
  }
  if (kept > 1) push_raw(c, sql, ")");
  return sql;
}

/* inArray / notInArray: an empty list is sql`false` / sql`true`. */
static dz_value *in_list(ctx *c, bool negated, dz_value *col, dz_value *values) {
  if (values->kind != DZ_V_ARRAY) return tmpl(c, "", col, negated ? " not in " : " in ", bind(c, values, col), "");
  if (values->items.len == 0) return tmpl(c, negated ? "true" : "false", dz_value_undefined(c->ev), "", NULL, "");
  dz_value *bound = dz_value_new(c->ev, DZ_V_ARRAY, values->mod, values->node);
  for (size_t i = 0; i < values->items.len; i++) push(c, bound, bind(c, values->items.items[i], col));
  return tmpl(c, "", col, negated ? " not in " : " in ", bound, "");
}

typedef struct binop {
  const char *name, *op;
  bool binds; /* bindIfParam on the right side */
} binop;

static const binop binops[] = {
    {"eq", " = ", true},     {"ne", " <> ", true},   {"gt", " > ", true},
    {"gte", " >= ", true},   {"lt", " < ", true},    {"lte", " <= ", true},
    {"like", " like ", false}, {"notLike", " not like ", false},
    {"ilike", " ilike ", false}, {"notIlike", " not ilike ", false}, {NULL, NULL, false}};

typedef struct unop {
  const char *name, *pre, *post;
} unop;

static const unop unops[] = {
    {"not", "not ", ""},       {"isNull", "", " is null"}, {"isNotNull", "", " is not null"},
    {"exists", "exists ", ""}, {"notExists", "not exists ", ""}, {"asc", "", " asc"},
    {"desc", "", " desc"},     {NULL, NULL, NULL}};

/* How many arguments operator `name` reads: 0 for and/or (any number),
** -1 for a name that is no operator. */
static int arity(const char *name) {
  for (size_t i = 0; binops[i].name; i++) if (strcmp(binops[i].name, name) == 0) return 2;
  for (size_t i = 0; unops[i].name; i++) if (strcmp(unops[i].name, name) == 0) return 1;
  if (strcmp(name, "between") == 0 || strcmp(name, "notBetween") == 0) return 3;
  if (strcmp(name, "inArray") == 0 || strcmp(name, "notInArray") == 0) return 2;
  return strcmp(name, "and") == 0 || strcmp(name, "or") == 0 ? 0 : -1;
}

/* An argument drizzle could not run with (missing), or one not known. */
static dz_value *bad_argument(ctx *c, const char *name, dz_value **args, size_t n) {
  size_t want = (size_t)arity(name);
  for (size_t i = 0; i < n; i++)
    if (args[i]->kind == DZ_V_UNKNOWN) return args[i];
  if (n < want)
    return dz_value_unknown(c->ev, c->m, c->at, "`%s()` needs %zu argument%s in `%s`", name, want,
                            want == 1 ? "" : "s", dz_construct_text(c->ev, c->m, c->at));
  return NULL;
}

dz_value *dz_sql_operator(dz_eval *ev, const char *name, dz_value **args, size_t n,
                          const dz_module *m, TSNode at) {
  if (arity(name) < 0) return NULL;
  ctx c = {ev, m, at};
  dz_value *bad = bad_argument(&c, name, args, n);
  if (bad) return bad;
  if (strcmp(name, "and") == 0) return junction(&c, " and ", args, n);
  if (strcmp(name, "or") == 0) return junction(&c, " or ", args, n);
  for (size_t i = 0; binops[i].name; i++)
    if (strcmp(binops[i].name, name) == 0)
      return tmpl(&c, "", args[0], binops[i].op, binops[i].binds ? bind(&c, args[1], args[0]) : args[1], "");
  for (size_t i = 0; unops[i].name; i++)
    if (strcmp(unops[i].name, name) == 0) return tmpl(&c, unops[i].pre, args[0], unops[i].post, NULL, "");
  if (strcmp(name, "inArray") == 0 || strcmp(name, "notInArray") == 0)
    return in_list(&c, name[0] == 'n', args[0], args[1]);
  /* between / notBetween */
  dz_value *sql = tmpl(&c, "", args[0], name[0] == 'n' ? " not between " : " between ", bind(&c, args[1], args[0]), " and ");
  push(&c, sql, bind(&c, args[2], args[0]));
  return sql;
}
