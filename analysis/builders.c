/*
** builders.c — drizzle-orm's sqlite-core builders, statically: what
** sqliteTable, text(), .notNull(), index().on(), sql.raw() and friends build,
** mirroring drizzle-orm 0.45's ColumnBuilder/SQLiteTable code paths that end
** up in drizzle-kit's snapshot. Also the few JavaScript globals schemas use
** (Object.values, new Date).
*/
#include "drizzle_lsp/builders.h"
#include "drizzle_lsp/dates.h"
#include "drizzle_lsp/eval.h"
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/sqltext.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_str(const dz_value *v) { return v && v->kind == DZ_V_STRING; }
static dz_value *arg(dz_value **args, size_t n, size_t i) { return i < n ? args[i] : NULL; }

static dz_value *unsupported(dz_eval *ev, const dz_module *m, TSNode at, const char *what) {
  return dz_value_unknown(ev, m, at, "%s in `%s` cannot be resolved statically", what,
                          dz_construct_text(ev, m, at));
}

static dz_value *builtin(dz_eval *ev, const char *name, dz_value *self, const dz_module *m, TSNode at) {
  dz_value *v = dz_value_new(ev, DZ_V_BUILTIN, m, at);
  v->str = name;
  v->self = self;
  return v;
}

/* Drizzle exports that build something the snapshot sees. */
static const char *const drizzle_names[] = {
    "sqliteTable", "sqliteTableCreator", "integer", "int", "text", "real", "blob", "numeric",
    "customType", "index", "uniqueIndex", "unique", "primaryKey", "foreignKey", "check",
    "sqliteView", "sql", NULL};

static const char *const member_builtins[][2] = {
    {"sql", "raw"}, {"sql", "identifier"}, {"sql", "join"}, {"sql", "empty"}, {"sql", "fromList"},
    {"sql", "param"}, {"Object", "values"},
    {"Object", "keys"}, {"Object", "entries"}, {"Object", "freeze"}, {"JSON", "stringify"},
    {NULL, NULL}};

dz_value *dz_builtin_member(dz_eval *ev, dz_value *obj, const char *name, const dz_module *m,
                            TSNode at) {
  if (obj->kind == DZ_V_NAMESPACE) { /* drizzle-orm's exports */
    for (size_t i = 0; drizzle_names[i]; i++)
      if (strcmp(drizzle_names[i], name) == 0) return builtin(ev, drizzle_names[i], NULL, m, at);
    return builtin(ev, dz_arena_strdup(dz_eval_arena(ev), name), NULL, m, at);
  }
  if (obj->kind == DZ_V_BUILTIN && !obj->self) {
    for (size_t i = 0; member_builtins[i][0]; i++)
      if (strcmp(member_builtins[i][0], obj->str) == 0 && strcmp(member_builtins[i][1], name) == 0)
        return builtin(ev, dz_arena_printf(dz_eval_arena(ev), "%s.%s", obj->str, name), NULL, m, at);
    if (strcmp(obj->str, "Number") == 0 && strstr(name, "_SAFE_INTEGER")) {
      dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, at);
      v->num = strcmp(name, "MAX_SAFE_INTEGER") == 0 ? 9007199254740991.0 : -9007199254740991.0;
      if (strcmp(name, "MAX_SAFE_INTEGER") == 0 || strcmp(name, "MIN_SAFE_INTEGER") == 0) return v;
    }
    /* never undefined: Math.PI or a drizzle helper's property would be a guess */
    return dz_value_unknown(ev, m, at, "`%s` is not known to drizzle-lsp", dz_construct_text(ev, m, at));
  }
  switch (obj->kind) {
    case DZ_V_COLUMN_BUILDER: case DZ_V_CONSTRAINT: case DZ_V_VIEW_BUILDER: case DZ_V_SQL:
    case DZ_V_COLUMN: case DZ_V_QUERY: {
      dz_value *v = dz_value_new(ev, DZ_V_METHOD, m, at);
      v->str = dz_arena_strdup(dz_eval_arena(ev), name);
      v->self = obj;
      return v;
    }
    case DZ_V_ARRAY: case DZ_V_STRING:
      if (!dz_js_has_method(obj, name)) return dz_value_undefined(ev);
      dz_value *v = dz_value_new(ev, DZ_V_METHOD, m, at);
      v->str = dz_arena_strdup(dz_eval_arena(ev), name);
      v->self = obj;
      return v;
    case DZ_V_UNDEFINED: case DZ_V_NULL:
      return dz_value_unknown(ev, m, at, "`%s` reads a property of undefined", dz_construct_text(ev, m, at));
    default:
      return dz_value_undefined(ev);
  }
}

/* ---- column builders ------------------------------------------------------ */

static dz_value *new_column(dz_eval *ev, const char *type, bool is_integer, dz_value **args,
                            size_t n, const dz_module *m, TSNode at, dz_value **config) {
  dz_value *v = dz_value_new(ev, DZ_V_COLUMN_BUILDER, m, at);
  dz_colbuilder *c = dz_arena_alloc(dz_eval_arena(ev), sizeof *c);
  dz_value *a0 = arg(args, n, 0);
  /* getColumnNameAndConfig: a leading string is the name, then the config */
  if (is_str(a0)) {
    c->name = a0->str;
    *config = arg(args, n, 1);
  } else {
    *config = a0;
  }
  if (a0 && a0->kind == DZ_V_UNKNOWN) return a0;
  dz_value *mode = *config && (*config)->kind == DZ_V_OBJECT ? dz_value_get(ev, *config, "mode") : NULL;
  c->mode = is_str(mode) ? mode->str : NULL;
  c->type = type;
  c->is_integer = is_integer;
  v->col = c;
  return v;
}

static dz_value *column_builder(dz_eval *ev, const char *fn, dz_value **args, size_t n,
                                const dz_module *m, TSNode at) {
  dz_value *config = NULL;
  bool integer = strcmp(fn, "integer") == 0 || strcmp(fn, "int") == 0;
  dz_value *v = new_column(ev, integer ? "integer" : fn, integer, args, n, m, at, &config);
  if (v->kind != DZ_V_COLUMN_BUILDER) return v;
  if (strcmp(fn, "text") == 0 && config && config->kind == DZ_V_OBJECT) {
    dz_value *len = dz_value_get(ev, config, "length");
    if (len->kind == DZ_V_NUMBER && len->num != 0)
      v->col->type = dz_arena_printf(dz_eval_arena(ev), "text(%s)", dz_number_text(dz_eval_arena(ev), len->num));
    else if (len->kind == DZ_V_UNKNOWN)
      return len;
  }
  return v;
}

/* customType({ dataType(config) { return "..." } }) returns a column function. */
static dz_value *custom_column(dz_eval *ev, dz_value *params, dz_value **args, size_t n,
                               const dz_module *m, TSNode at) {
  dz_value *config = NULL;
  dz_value *v = new_column(ev, "", false, args, n, m, at, &config);
  if (v->kind != DZ_V_COLUMN_BUILDER) return v;
  dz_value *dt = dz_value_get(ev, params, "dataType");
  dz_value *cfg = config ? config : dz_value_undefined(ev);
  dz_value *type = dz_eval_call(ev, dt, &cfg, 1, at, m);
  if (!is_str(type)) return type->kind == DZ_V_UNKNOWN ? type : unsupported(ev, m, at, "the custom type's dataType()");
  v->col->type = type->str;
  v->col->custom = true;
  return v;
}

static dz_value *copy_builder(dz_eval *ev, dz_value *b) {
  dz_value *v = dz_value_new(ev, DZ_V_COLUMN_BUILDER, b->mod, b->node);
  v->col = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->col);
  *v->col = *b->col;
  v->col->refs.items = NULL; /* never share the vector's storage */
  v->col->refs.len = v->col->refs.cap = 0;
  for (size_t i = 0; i < b->col->refs.len; i++) dz_vec_push(dz_eval_arena(ev), &v->col->refs, b->col->refs.items[i]);
  return v;
}

static const char *action_of(dz_eval *ev, dz_value *obj, const char *key) {
  if (!obj || obj->kind != DZ_V_OBJECT) return NULL;
  dz_value *v = dz_value_get(ev, obj, key);
  return is_str(v) ? v->str : NULL;
}

static dz_value *column_method(dz_eval *ev, dz_value *self, const char *name, dz_value **args,
                               size_t n, const dz_module *m, TSNode at) {
  static const char *const neutral[] = {"$type", "$defaultFn", "$default", "$onUpdate",
                                        "$onUpdateFn", NULL};
  for (size_t i = 0; neutral[i]; i++)
    if (strcmp(name, neutral[i]) == 0) return self;
  dz_value *v = copy_builder(ev, self);
  dz_colbuilder *c = v->col;
  dz_value *a0 = arg(args, n, 0), *a1 = arg(args, n, 1);
  if (strcmp(name, "notNull") == 0) {
    c->not_null = true;
  } else if (strcmp(name, "primaryKey") == 0) {
    c->primary_key = c->not_null = true;
    if (c->is_integer && a0 && a0->kind == DZ_V_OBJECT) {
      dz_value *ai = dz_value_get(ev, a0, "autoIncrement");
      if (ai->kind == DZ_V_BOOL && ai->b) c->autoincrement = true;
      else if (ai->kind == DZ_V_UNKNOWN) return ai;
    }
  } else if (strcmp(name, "default") == 0) {
    c->def = a0 ? a0 : dz_value_undefined(ev);
  } else if (strcmp(name, "unique") == 0) {
    c->unique = true;
    c->unique_name = is_str(a0) ? a0->str : NULL;
  } else if (strcmp(name, "references") == 0) {
    dz_fkref r = {a0, action_of(ev, a1, "onDelete"), action_of(ev, a1, "onUpdate")};
    if (!a0) return unsupported(ev, m, at, "references() without a column");
    dz_vec_push(dz_eval_arena(ev), &c->refs, r);
  } else if (strcmp(name, "generatedAlwaysAs") == 0) {
    c->generated = a0;
    const char *mode = action_of(ev, a1, "mode");
    c->generated_mode = mode ? mode : "virtual";
  } else {
    return dz_value_unknown(ev, m, at, "column method `.%s()` is not known to drizzle-lsp", name);
  }
  return v;
}

/* ---- tables and views ---------------------------------------------------- */

static dz_value *make_table(dz_eval *ev, dz_value *name, dz_value *columns, dz_value *extra,
                            const dz_module *m, TSNode at) {
  if (!is_str(name)) return name && name->kind == DZ_V_UNKNOWN ? name : unsupported(ev, m, at, "the table name");
  if (columns && columns->kind == DZ_V_FUNCTION) {
    dz_value *ns = dz_value_new(ev, DZ_V_NAMESPACE, m, at); /* the column builders */
    columns = dz_eval_call(ev, columns, &ns, 1, at, m);
  }
  if (!columns || columns->kind != DZ_V_OBJECT)
    return columns && columns->kind == DZ_V_UNKNOWN ? columns : unsupported(ev, m, at, "the columns object");
  dz_value *v = dz_value_new(ev, DZ_V_TABLE, m, at);
  dz_tablev *t = dz_arena_alloc(dz_eval_arena(ev), sizeof *t);
  t->name = name->str;
  t->columns = columns;
  t->extra = extra && extra->kind != DZ_V_UNDEFINED ? extra : NULL;
  t->mod = m;
  t->node = at;
  t->name_node = name->mod == m ? name->node : at;
  v->table = t;
  return v;
}

static dz_value *view_method(dz_eval *ev, dz_value *self, const char *name, dz_value **args,
                             size_t n, const dz_module *m, TSNode at) {
  dz_value *v = dz_value_new(ev, DZ_V_VIEW, self->mod, self->node);
  v->view = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->view);
  *v->view = *self->view;
  dz_value *a0 = arg(args, n, 0);
  if (strcmp(name, "existing") == 0) {
    v->view->existing = true;
    return v;
  }
  if (strcmp(name, "as") == 0 && !self->view->columns) { /* ViewBuilder.as takes a query builder */
    dz_value *query = a0;
    if (a0 && a0->kind == DZ_V_FUNCTION) {
      dz_value *qb = dz_query_builder(ev, m, at);
      query = dz_eval_call(ev, a0, &qb, 1, at, m);
    }
    if (!query || query->kind != DZ_V_QUERY)
      return query && query->kind == DZ_V_UNKNOWN ? query : unsupported(ev, m, at, "the view's query");
    v->view->query = dz_query_sql(ev, query, &v->view->selected, m, at);
    return v->view->query->kind == DZ_V_SQL ? v : v->view->query;
  }
  if (strcmp(name, "as") == 0 && a0 && a0->kind == DZ_V_SQL) {
    v->view->query = a0;
    return v;
  }
  if (strcmp(name, "as") == 0)
    return dz_value_unknown(ev, m, at, "view `%s` is built with a query builder; drizzle-lsp reads only sql`` views",
                            self->view->name);
  return dz_value_unknown(ev, m, at, "view method `.%s()` is not known to drizzle-lsp", name);
}

/* ---- constraints ------------------------------------------------------------ */

static dz_value *new_constraint(dz_eval *ev, dz_constraint_kind kind, const char *name,
                                const dz_module *m, TSNode at) {
  dz_value *v = dz_value_new(ev, DZ_V_CONSTRAINT, m, at);
  v->extra = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->extra);
  v->extra->kind = kind;
  v->extra->name = name;
  return v;
}

static dz_value *list_of(dz_eval *ev, dz_value **args, size_t n, const dz_module *m, TSNode at) {
  dz_value *arr = dz_value_new(ev, DZ_V_ARRAY, m, at);
  for (size_t i = 0; i < n; i++) dz_vec_push(dz_eval_arena(ev), &arr->items, args[i]);
  return arr;
}

static dz_value *constraint_from_config(dz_eval *ev, dz_constraint_kind kind, dz_value **args,
                                        size_t n, const dz_module *m, TSNode at) {
  dz_value *a0 = arg(args, n, 0);
  if (kind == DZ_C_PRIMARY_KEY && a0 && a0->kind == DZ_V_COLUMN) { /* primaryKey(a, b): old form */
    dz_value *v = new_constraint(ev, kind, NULL, m, at);
    v->extra->columns = list_of(ev, args, n, m, at);
    return v;
  }
  if (kind == DZ_C_FOREIGN_KEY && a0 && a0->kind == DZ_V_FUNCTION) /* foreignKey(() => ({...})) */
    a0 = dz_eval_call(ev, a0, NULL, 0, at, m);
  if (!a0 || a0->kind != DZ_V_OBJECT) return a0 && a0->kind == DZ_V_UNKNOWN ? a0 : unsupported(ev, m, at, "the constraint config");
  dz_value *name = dz_value_get(ev, a0, "name");
  dz_value *v = new_constraint(ev, kind, is_str(name) ? name->str : NULL, m, at);
  v->extra->columns = dz_value_get(ev, a0, "columns");
  if (kind == DZ_C_FOREIGN_KEY) v->extra->foreign = dz_value_get(ev, a0, "foreignColumns");
  return v;
}

static dz_value *constraint_method(dz_eval *ev, dz_value *self, const char *name, dz_value **args,
                                   size_t n, const dz_module *m, TSNode at) {
  dz_value *v = dz_value_new(ev, DZ_V_CONSTRAINT, m, at); /* spans the whole chain so far */
  v->extra = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->extra);
  *v->extra = *self->extra;
  dz_value *a0 = arg(args, n, 0);
  if (strcmp(name, "on") == 0) {
    v->extra->columns = list_of(ev, args, n, m, at);
    v->extra->has_on = true;
  } else if (strcmp(name, "where") == 0) {
    v->extra->where = a0;
  } else if (strcmp(name, "onDelete") == 0 || strcmp(name, "onUpdate") == 0) {
    if (!is_str(a0)) return unsupported(ev, m, at, "the foreign key action");
    if (name[2] == 'D') v->extra->on_delete = a0->str;
    else v->extra->on_update = a0->str;
  } else {
    return dz_value_unknown(ev, m, at, "constraint method `.%s()` is not known to drizzle-lsp", name);
  }
  return v;
}

/* ---- globals ------------------------------------------------------------------ */

static dz_value *object_listing(dz_eval *ev, const char *fn, dz_value *obj, const dz_module *m,
                                TSNode at) {
  if (!obj || obj->kind == DZ_V_UNKNOWN) return obj ? obj : unsupported(ev, m, at, fn);
  if (strcmp(fn, "Object.freeze") == 0) return obj;
  if (obj->kind != DZ_V_OBJECT) return unsupported(ev, m, at, fn);
  dz_value *arr = dz_value_new(ev, DZ_V_ARRAY, m, at);
  for (size_t i = 0; i < obj->keys.len; i++) {
    dz_value *key = dz_value_string(ev, m, at, obj->keys.items[i]);
    dz_value *item = fn[7] == 'k' ? key : obj->items.items[i];
    if (fn[7] == 'e') {
      item = dz_value_new(ev, DZ_V_ARRAY, m, at);
      dz_vec_push(dz_eval_arena(ev), &item->items, key);
      dz_vec_push(dz_eval_arena(ev), &item->items, obj->items.items[i]);
    }
    dz_vec_push(dz_eval_arena(ev), &arr->items, item);
  }
  return arr;
}

static dz_value *sql_raw(dz_eval *ev, dz_value *s, const dz_module *m, TSNode at) {
  if (!is_str(s)) return s && s->kind == DZ_V_UNKNOWN ? s : unsupported(ev, m, at, "sql.raw()'s text");
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, at);
  dz_value *raw = dz_value_new(ev, DZ_V_RAW, m, at);
  raw->str = s->str;
  dz_vec_push(dz_eval_arena(ev), &sql->items, raw);
  return sql;
}

/* sql.identifier(name): drizzle's Name chunk, escaped as escapeName does. */
static dz_value *sql_identifier(dz_eval *ev, dz_value *s, const dz_module *m, TSNode at) {
  if (!is_str(s)) return s && s->kind == DZ_V_UNKNOWN ? s : unsupported(ev, m, at, "sql.identifier()'s name");
  char *quoted = sqlite3_mprintf("\"%w\"", s->str);
  dz_value *name = dz_value_string(ev, m, at, dz_arena_strdup(dz_eval_arena(ev), quoted ? quoted : ""));
  sqlite3_free(quoted);
  return sql_raw(ev, name, m, at);
}

/* sql.join(chunks, separator?): the chunks with the separator between them. */
static dz_value *sql_join(dz_eval *ev, dz_value *chunks, dz_value *sep, const dz_module *m, TSNode at) {
  if (!chunks || chunks->kind != DZ_V_ARRAY)
    return chunks && chunks->kind == DZ_V_UNKNOWN ? chunks : unsupported(ev, m, at, "sql.join()'s chunks");
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, at);
  for (size_t i = 0; i < chunks->items.len; i++) {
    if (i && sep) dz_vec_push(dz_eval_arena(ev), &sql->items, sep);
    dz_vec_push(dz_eval_arena(ev), &sql->items, chunks->items.items[i]);
  }
  return sql;
}

/* sql.empty(), sql.fromList(chunks), sql.param(value, column?): a Param
** without an encoder renders as the plain value does. */
static dz_value *sql_builder(dz_eval *ev, const char *fn, dz_value **args, size_t n, const dz_module *m,
                             TSNode at) {
  dz_value *a0 = arg(args, n, 0), *a1 = arg(args, n, 1);
  if (strcmp(fn, "sql.empty") == 0) return dz_value_new(ev, DZ_V_SQL, m, at);
  if (strcmp(fn, "sql.fromList") == 0) {
    if (!a0 || a0->kind != DZ_V_ARRAY) return a0 && a0->kind == DZ_V_UNKNOWN ? a0 : unsupported(ev, m, at, "sql.fromList()'s chunks");
    dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, at);
    sql->items = a0->items;
    return sql;
  }
  if (!a0 || a0->kind == DZ_V_UNKNOWN) return a0 ? a0 : unsupported(ev, m, at, "sql.param()'s value");
  if (!a1 || a1->kind == DZ_V_UNDEFINED) return a0;
  if (a1->kind != DZ_V_COLUMN) return a1->kind == DZ_V_UNKNOWN ? a1 : unsupported(ev, m, at, "sql.param()'s encoder");
  dz_value *p = dz_value_new(ev, DZ_V_PARAM, m, at);
  p->self = a0;
  p->table = a1->table;
  p->index = a1->index;
  return p;
}

/* Methods of an SQL value: .mapWith() and .as() keep its text;
** .inlineParams() inlines its parameters (in a copy: drizzle changes the
** object, which only matters where one object is used twice); .if(c). */
static dz_value *sql_method(dz_eval *ev, dz_value *self, const char *name, dz_value **args, size_t n,
                            const dz_module *m, TSNode at) {
  if (strcmp(name, "mapWith") == 0) return self;
  if (strcmp(name, "as") == 0) { /* SQL.Aliased: its alias shows only in a select's fields */
    dz_value *v = dz_value_new(ev, DZ_V_SQL, self->mod, self->node);
    v->items = self->items;
    v->b = self->b;
    v->str = arg(args, n, 0) && is_str(args[0]) ? args[0]->str : NULL;
    return v;
  }
  if (strcmp(name, "inlineParams") == 0) {
    dz_value *v = dz_value_new(ev, DZ_V_SQL, self->mod, self->node);
    v->items = self->items;
    v->b = true;
    return v;
  }
  if (strcmp(name, "if") == 0) {
    bool known = true, t = arg(args, n, 0) && dz_js_truthy(args[0], &known);
    if (!known) return args[0]->kind == DZ_V_UNKNOWN ? args[0] : unsupported(ev, m, at, ".if()'s condition");
    return t ? self : dz_value_undefined(ev);
  }
  return dz_value_unknown(ev, m, at, "`.%s()` cannot be resolved statically", name);
}

/* String(x), Number(x) and JSON.stringify(x) of a value known statically. */
static dz_value *js_conversion(dz_eval *ev, const char *fn, dz_value *x, const dz_module *m, TSNode at) {
  if (!x) x = dz_value_undefined(ev);
  if (x->kind == DZ_V_UNKNOWN) return x;
  dz_value *bad = NULL;
  if (fn[0] == 'J') {
    const char *j = x->kind == DZ_V_UNDEFINED ? NULL : dz_value_json(ev, x, &bad);
    return j ? dz_value_string(ev, m, at, j) : unsupported(ev, m, at, "JSON.stringify()'s value");
  }
  const char *s = dz_js_to_string(ev, x);
  if (!s) return unsupported(ev, m, at, fn);
  if (fn[0] == 'S') return dz_value_string(ev, m, at, s);
  char *end;
  dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, at);
  v->num = x->kind == DZ_V_BOOL ? (double)x->b : x->kind == DZ_V_NULL ? 0 : strtod(s, &end);
  if (x->kind == DZ_V_STRING && (*end || !*s)) v->num = *s ? NAN : 0; /* Number("") is 0 */
  return v;
}

static bool name_is(const dz_value *fn, const char *s) { return strcmp(fn->str, s) == 0; }

static dz_value *call_drizzle(dz_eval *ev, dz_value *fn, dz_value **args, size_t n,
                              const dz_module *m, TSNode at) {
  static const char *const columns[] = {"integer", "int", "text", "real", "blob", "numeric", NULL};
  for (size_t i = 0; columns[i]; i++)
    if (name_is(fn, columns[i])) return column_builder(ev, columns[i], args, n, m, at);
  if (name_is(fn, "sqliteTable"))
    return make_table(ev, arg(args, n, 0), arg(args, n, 1), arg(args, n, 2), m, at);
  if (name_is(fn, "sqliteTableCreator"))
    return builtin(ev, "sqliteTableCreator()", arg(args, n, 0) ? args[0] : dz_value_undefined(ev), m, at);
  if (name_is(fn, "sqliteTableCreator()")) {
    dz_value *base = arg(args, n, 0);
    dz_value *full = is_str(base) ? dz_eval_call(ev, fn->self, &base, 1, at, m) : base;
    dz_value *t = make_table(ev, full, arg(args, n, 1), arg(args, n, 2), m, at);
    if (t->kind == DZ_V_TABLE && base && base->mod == m) t->table->name_node = base->node;
    return t;
  }
  if (name_is(fn, "customType"))
    return builtin(ev, "customType()", arg(args, n, 0) ? args[0] : dz_value_undefined(ev), m, at);
  if (name_is(fn, "customType()")) return custom_column(ev, fn->self, args, n, m, at);
  if (name_is(fn, "index") || name_is(fn, "uniqueIndex")) {
    dz_value *name = arg(args, n, 0);
    if (!is_str(name)) return name && name->kind == DZ_V_UNKNOWN ? name : unsupported(ev, m, at, "the index name");
    dz_value *v = new_constraint(ev, DZ_C_INDEX, name->str, m, at);
    v->extra->unique = fn->str[0] == 'u';
    return v;
  }
  if (name_is(fn, "unique")) {
    dz_value *name = arg(args, n, 0);
    return new_constraint(ev, DZ_C_UNIQUE, is_str(name) ? name->str : NULL, m, at);
  }
  if (name_is(fn, "primaryKey")) return constraint_from_config(ev, DZ_C_PRIMARY_KEY, args, n, m, at);
  if (name_is(fn, "foreignKey")) return constraint_from_config(ev, DZ_C_FOREIGN_KEY, args, n, m, at);
  if (name_is(fn, "check")) {
    dz_value *name = arg(args, n, 0);
    if (!is_str(name)) return name && name->kind == DZ_V_UNKNOWN ? name : unsupported(ev, m, at, "the check name");
    dz_value *v = new_constraint(ev, DZ_C_CHECK, name->str, m, at);
    v->extra->check = arg(args, n, 1);
    return v;
  }
  if (name_is(fn, "sqliteView")) {
    dz_value *name = arg(args, n, 0);
    if (!is_str(name)) return name && name->kind == DZ_V_UNKNOWN ? name : unsupported(ev, m, at, "the view name");
    dz_value *v = dz_value_new(ev, DZ_V_VIEW_BUILDER, m, at);
    v->view = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->view);
    v->view->name = name->str;
    dz_value *cols = arg(args, n, 1);
    v->view->columns = cols && cols->kind == DZ_V_OBJECT ? cols : NULL;
    return v;
  }
  if (name_is(fn, "sql.raw")) return sql_raw(ev, arg(args, n, 0), m, at);
  if (name_is(fn, "sql.identifier")) return sql_identifier(ev, arg(args, n, 0), m, at);
  if (name_is(fn, "sql.join")) return sql_join(ev, arg(args, n, 0), arg(args, n, 1), m, at);
  if (name_is(fn, "sql.empty") || name_is(fn, "sql.fromList") || name_is(fn, "sql.param"))
    return sql_builder(ev, fn->str, args, n, m, at);
  dz_value *op = dz_sql_operator(ev, fn->str, args, n, m, at);
  if (op) return op;
  if ((op = dz_query_function(ev, fn->str, args, n, m, at))) return op;
  if (strncmp(fn->str, "Object.", 7) == 0) return object_listing(ev, fn->str, arg(args, n, 0), m, at);
  if (name_is(fn, "String") || name_is(fn, "Number") || name_is(fn, "JSON.stringify"))
    return js_conversion(ev, fn->str, arg(args, n, 0), m, at);
  return dz_value_unknown(ev, m, at, "`%s()` cannot be resolved statically", fn->str);
}

dz_value *dz_builtin_call(dz_eval *ev, dz_value *fn, dz_value **args, size_t n,
                          const dz_module *m, TSNode at) {
  if (fn->kind == DZ_V_BUILTIN) return call_drizzle(ev, fn, args, n, m, at);
  dz_value *self = fn->self;
  switch (self->kind) {
    case DZ_V_COLUMN_BUILDER: return column_method(ev, self, fn->str, args, n, m, at);
    case DZ_V_CONSTRAINT: return constraint_method(ev, self, fn->str, args, n, m, at);
    case DZ_V_VIEW_BUILDER: return view_method(ev, self, fn->str, args, n, m, at);
    case DZ_V_SQL: return sql_method(ev, self, fn->str, args, n, m, at);
    case DZ_V_ARRAY: case DZ_V_STRING: return dz_js_method_call(ev, self, fn->str, args, n, m, at);
    case DZ_V_QUERY: return dz_query_method(ev, self, fn->str, args, n, m, at);
    default: break;
  }
  return dz_value_unknown(ev, m, at, "`.%s()` cannot be resolved statically", fn->str);
}

/* ---- dates --------------------------------------------------------------------- */

dz_value *dz_new_date(dz_eval *ev, dz_value **args, size_t n, const dz_module *m, TSNode at) {
  dz_value *a0 = arg(args, n, 0);
  if (n != 1)
    return dz_value_unknown(ev, m, at, "`%s` depends on when or where drizzle-kit runs",
                            dz_construct_text(ev, m, at));
  dz_value *v = dz_value_new(ev, DZ_V_DATE, m, at);
  if (a0->kind == DZ_V_NUMBER) v->num = a0->num;
  else if (a0->kind == DZ_V_DATE) v->num = a0->num;
  else if (!is_str(a0) || !dz_iso_date_parse(a0->str, &v->num))
    return a0->kind == DZ_V_UNKNOWN ? a0 : unsupported(ev, m, at, "the date");
  v->num = dz_time_clip(v->num);
  return v;
}

/* ---- numbers ---------------------------------------------------------------------- */

const char *dz_number_text(dz_arena *a, double x) {
  char buf[DZ_JS_NUMBER_MAX];
  if (isnan(x)) return "NaN"; /* String(x), where JSON would write null */
  if (isinf(x)) return x < 0 ? "-Infinity" : "Infinity";
  return dz_arena_strdup(a, dz_js_number(x, buf));
}
