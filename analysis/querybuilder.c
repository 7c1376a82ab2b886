/*
** querybuilder.c — the query builder of sqliteView(name).as((qb) => ...),
** statically: qb.select()/selectDistinct(), .from(), joins, .where(),
** .groupBy(), .having(), .orderBy(), .limit(), .offset(), turned into the
** SQL chunks drizzle-orm's SQLiteDialect.buildSelectQuery builds (a view
** renders them with parameters inlined), plus the selected fields that
** become the view's columns. Anything else (subqueries, aliases, callbacks,
** set operators, nested selections) stays unknown and is named.
*/
#include "drizzle_lsp/builders.h"

#include <sqlite3.h>
#include <string.h>

static dz_value *arg(dz_value **args, size_t n, size_t i) { return i < n ? args[i] : NULL; }

static dz_value *unknown(dz_eval *ev, const dz_module *m, TSNode at, const char *what) {
  return dz_value_unknown(ev, m, at, "%s in `%s` cannot be resolved statically", what, dz_construct_text(ev, m, at));
}

dz_value *dz_query_builder(dz_eval *ev, const dz_module *m, TSNode at) {
  dz_value *v = dz_value_new(ev, DZ_V_QUERY, m, at);
  v->query = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->query);
  return v;
}

static dz_value *copy_query(dz_eval *ev, dz_value *self, const dz_module *m, TSNode at) {
  dz_value *v = dz_query_builder(ev, m, at);
  *v->query = *self->query;
  return v;
}

static void push(dz_eval *ev, dz_value *to, dz_value *v) { dz_vec_push(dz_eval_arena(ev), &to->items, v); }

static dz_value *raw(dz_eval *ev, const dz_module *m, TSNode at, const char *text) {
  dz_value *r = dz_value_new(ev, DZ_V_RAW, m, at);
  r->str = text;
  return r;
}

static dz_value *args_array(dz_eval *ev, dz_value **args, size_t n, const dz_module *m, TSNode at) {
  dz_value *a = dz_value_new(ev, DZ_V_ARRAY, m, at);
  for (size_t i = 0; i < n; i++) push(ev, a, args[i]);
  return a;
}

/* A table in from/join: an alias as `"table" "alias"`, as buildSelectQuery
** writes a table whose original name differs from its name. */
static void push_table(dz_eval *ev, dz_value *sql, dz_value *t) {
  if (t->table->alias_of) {
    char *txt = sqlite3_mprintf("\"%w\" ", t->table->alias_of);
    push(ev, sql, raw(ev, t->mod, t->node, dz_arena_strdup(dz_eval_arena(ev), txt ? txt : "")));
    sqlite3_free(txt);
  }
  push(ev, sql, t);
}

/* The table a join's SQL joins (after its type, and an alias's table). */
static dz_value *join_table(const dz_value *join) {
  for (size_t i = 0; i < join->items.len; i++)
    if (join->items.items[i]->kind == DZ_V_TABLE) return join->items.items[i];
  return NULL;
}

static bool table_in_query(const dz_queryv *q, const dz_tablev *t) {
  if (q->from && q->from->table == t) return true;
  for (size_t i = 0; q->joins && i < q->joins->items.len; i++)
    if (join_table(q->joins->items.items[i])->table == t) return true;
  return false;
}

static dz_value *join_method(dz_eval *ev, dz_value *q, const char *type, dz_value **args, size_t n,
                             const dz_module *m, TSNode at) {
  dz_value *t = arg(args, n, 0), *on = arg(args, n, 1);
  if (!t || t->kind != DZ_V_TABLE) return t && t->kind == DZ_V_UNKNOWN ? t : unknown(ev, m, at, "the joined table");
  if (table_in_query(q->query, t->table))
    return dz_value_unknown(ev, m, at, "`%s` joins table `%s` twice, which drizzle-orm refuses",
                              dz_construct_text(ev, m, at), t->table->name);
  if (on && on->kind != DZ_V_SQL && on->kind != DZ_V_UNDEFINED)
    return on->kind == DZ_V_UNKNOWN ? on : unknown(ev, m, at, "the join condition");
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, at);
  push(ev, sql, raw(ev, m, at, dz_arena_printf(dz_eval_arena(ev), "%s join ", type)));
  push_table(ev, sql, t);
  if (on && on->kind == DZ_V_SQL) {
    push(ev, sql, raw(ev, m, at, " on "));
    push(ev, sql, on);
  }
  dz_value *joins = dz_value_new(ev, DZ_V_ARRAY, m, at);
  for (size_t i = 0; q->query->joins && i < q->query->joins->items.len; i++) push(ev, joins, q->query->joins->items.items[i]);
  push(ev, joins, sql);
  q->query->joins = joins;
  return q;
}

static bool is_condition(const dz_value *v) { return v && (v->kind == DZ_V_SQL || v->kind == DZ_V_UNDEFINED); }

dz_value *dz_query_method(dz_eval *ev, dz_value *self, const char *name, dz_value **args, size_t n,
                          const dz_module *m, TSNode at) {
  static const char *const joins[][2] = {{"innerJoin", "inner"}, {"leftJoin", "left"}, {"rightJoin", "right"},
                                         {"fullJoin", "full"}, {"crossJoin", "cross"}, {NULL, NULL}};
  dz_value *q = copy_query(ev, self, m, at), *a0 = arg(args, n, 0);
  dz_queryv *s = q->query;
  if (a0 && a0->kind == DZ_V_UNKNOWN) return a0;
  if (!s->is_select) {
    if (strcmp(name, "select") != 0 && strcmp(name, "selectDistinct") != 0)
      return dz_value_unknown(ev, m, at, "`qb.%s()` is not known to drizzle-lsp", name);
    if (a0 && a0->kind != DZ_V_OBJECT && a0->kind != DZ_V_UNDEFINED) return unknown(ev, m, at, "the selected fields");
    for (size_t i = 0; a0 && a0->kind == DZ_V_OBJECT && i < a0->items.len; i++)
      if (a0->items.items[i]->kind == DZ_V_UNKNOWN) return a0->items.items[i]; /* its own reason */
    s->is_select = true;
    s->distinct = name[6] == 'D';
    s->fields = a0 && a0->kind == DZ_V_OBJECT ? a0 : NULL;
    return q;
  }
  if (strcmp(name, "from") == 0) {
    if (!a0 || a0->kind != DZ_V_TABLE) return unknown(ev, m, at, "the table selected from");
    s->from = a0;
    return q;
  }
  for (size_t i = 0; joins[i][0]; i++)
    if (strcmp(name, joins[i][0]) == 0) return join_method(ev, q, joins[i][1], args, n, m, at);
  if (strcmp(name, "where") == 0 || strcmp(name, "having") == 0) {
    if (!is_condition(a0)) return unknown(ev, m, at, "the condition");
    *(name[0] == 'w' ? &s->where : &s->having) = a0->kind == DZ_V_SQL ? a0 : NULL;
    return q;
  }
  if (strcmp(name, "groupBy") == 0 || strcmp(name, "orderBy") == 0) {
    for (size_t i = 0; i < n; i++)
      if (args[i]->kind == DZ_V_UNKNOWN) return args[i];
    *(name[0] == 'g' ? &s->group_by : &s->order_by) = args_array(ev, args, n, m, at);
    return q;
  }
  if (strcmp(name, "limit") == 0 || strcmp(name, "offset") == 0) {
    if (!a0 || a0->kind != DZ_V_NUMBER) return unknown(ev, m, at, name);
    *(name[0] == 'l' ? &s->limit : &s->offset) = a0;
    return q;
  }
  return dz_value_unknown(ev, m, at, "query builder method `.%s()` is not known to drizzle-lsp", name);
}

/* ---- building the SQL ------------------------------------------------------- */

/* A column as the view's own query builder names it: its dialect has no
** casing, so a column written without a name keeps its key. */
static dz_value *identifier(dz_eval *ev, dz_value *col, bool qualified) {
  dz_value *b = col->table->columns->items.items[col->index];
  const char *name = b->kind == DZ_V_COLUMN_BUILDER && b->col->name ? b->col->name : col->table->columns->keys.items[col->index];
  char *txt = qualified ? sqlite3_mprintf("\"%w\".\"%w\"", col->table->name, name) : sqlite3_mprintf("\"%w\"", name);
  dz_value *r = raw(ev, col->mod, col->node, dz_arena_strdup(dz_eval_arena(ev), txt ? txt : ""));
  sqlite3_free(txt);
  return r;
}

/* One selected field as buildSelection writes it; NULL when drizzle-lsp
** cannot (or drizzle would throw). */
static dz_value *selection_field(dz_eval *ev, const dz_queryv *q, dz_value *f, bool single) {
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, f->mod, f->node);
  if (f->kind == DZ_V_COLUMN) {
    if (!table_in_query(q, f->table)) return NULL; /* "the table is not part of the query" */
    dz_value *b = f->table->columns->items.items[f->index];
    bool bigint = b->kind == DZ_V_COLUMN_BUILDER && strcmp(b->col->type, "numeric") == 0 && b->col->mode &&
                  strcmp(b->col->mode, "bigint") == 0;
    if (bigint) push(ev, sql, raw(ev, f->mod, f->node, "cast("));
    push(ev, sql, identifier(ev, f, !single));
    if (bigint) push(ev, sql, raw(ev, f->mod, f->node, " as text)"));
    return sql;
  }
  if (f->kind != DZ_V_SQL) return NULL;
  for (size_t i = 0; i < f->items.len; i++) { /* only the top level's columns lose their table */
    dz_value *c = f->items.items[i];
    push(ev, sql, single && c->kind == DZ_V_COLUMN ? identifier(ev, c, false) : c);
  }
  if (f->str) {
    char *alias = sqlite3_mprintf(" as \"%w\"", f->str);
    push(ev, sql, raw(ev, f->mod, f->node, dz_arena_strdup(dz_eval_arena(ev), alias ? alias : "")));
    sqlite3_free(alias);
  }
  return sql;
}

/* The table's columns, as select() without fields selects them. */
static dz_value *table_fields(dz_eval *ev, dz_value *table) {
  dz_value *o = dz_value_new(ev, DZ_V_OBJECT, table->mod, table->node);
  dz_value *cols = table->table->columns;
  for (size_t i = 0; i < cols->keys.len; i++)
    dz_object_set(ev, o, cols->keys.items[i], dz_value_get(ev, table, cols->keys.items[i]), cols->key_mods.items[i],
                  cols->key_nodes.items[i]);
  return o;
}

/* select() over joins: each table's columns under its name, nested (so no
** view columns), as drizzle-orm's select builder sets its fields. */
static dz_value *tables_by_name(dz_eval *ev, const dz_queryv *q) {
  dz_value *o = dz_value_new(ev, DZ_V_OBJECT, q->from->mod, q->from->node);
  dz_object_set(ev, o, q->from->table->name, table_fields(ev, q->from), q->from->mod, q->from->node);
  for (size_t i = 0; i < q->joins->items.len; i++) {
    dz_value *t = join_table(q->joins->items.items[i]);
    dz_object_set(ev, o, t->table->name, table_fields(ev, t), t->mod, t->node);
  }
  return o;
}

/* The selected fields in order, nested objects and tables flattened as
** orderSelectedFields does; the unknown naming a field that cannot be
** rendered, or NULL. */
static dz_value *push_selection(dz_eval *ev, dz_value *sql, const dz_queryv *q, dz_value *fields, bool single,
                                size_t *count, const dz_module *m, TSNode at) {
  for (size_t i = 0; i < fields->items.len; i++) {
    dz_value *f = fields->items.items[i];
    if (f->kind == DZ_V_TABLE && table_in_query(q, f->table)) f = table_fields(ev, f);
    if (f->kind == DZ_V_OBJECT) {
      dz_value *bad = push_selection(ev, sql, q, f, single, count, m, at);
      if (bad) return bad;
      continue;
    }
    if (f->kind == DZ_V_SQL && !f->str) /* drizzle-kit throws: the view reads it as a subquery field */
      return dz_value_unknown(ev, m, at, "selected field `%s` is sql without .as(\"alias\"), which drizzle-kit "
                              "refuses in a view", fields->keys.items[i]);
    dz_value *s = selection_field(ev, q, f, single);
    if (!s) return unknown(ev, m, at, dz_arena_printf(dz_eval_arena(ev), "selected field `%s`", fields->keys.items[i]));
    if ((*count)++) push(ev, sql, raw(ev, f->mod, f->node, ", "));
    push(ev, sql, s);
  }
  return NULL;
}

static void push_list(dz_eval *ev, dz_value *sql, const char *lead, const char *sep, dz_value *list,
                      const dz_module *m, TSNode at) {
  if (!list || list->items.len == 0) return;
  push(ev, sql, raw(ev, m, at, lead));
  for (size_t i = 0; i < list->items.len; i++) {
    if (i) push(ev, sql, raw(ev, m, at, sep));
    push(ev, sql, list->items.items[i]);
  }
}

dz_value *dz_query_sql(dz_eval *ev, dz_value *query, dz_value **fields, const dz_module *m, TSNode at) {
  dz_queryv *q = query->query;
  if (!q->is_select || !q->from) return unknown(ev, m, at, "a query without .select() and .from()");
  bool single = !q->joins || q->joins->items.len == 0;
  *fields = q->fields ? q->fields : single ? table_fields(ev, q->from) : tables_by_name(ev, q);
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, at);
  push(ev, sql, raw(ev, m, at, q->distinct ? "select distinct " : "select "));
  size_t count = 0;
  dz_value *bad = push_selection(ev, sql, q, *fields, single, &count, m, at);
  if (bad) return bad;
  push(ev, sql, raw(ev, m, at, " from "));
  push_table(ev, sql, q->from);
  push_list(ev, sql, " ", " ", q->joins, m, at);
  if (q->where) {
    push(ev, sql, raw(ev, m, at, " where "));
    push(ev, sql, q->where);
  }
  push_list(ev, sql, " group by ", ", ", q->group_by, m, at);
  if (q->having) {
    push(ev, sql, raw(ev, m, at, " having "));
    push(ev, sql, q->having);
  }
  push_list(ev, sql, " order by ", ", ", q->order_by, m, at);
  if (q->limit && q->limit->num >= 0) {
    push(ev, sql, raw(ev, m, at, " limit "));
    push(ev, sql, q->limit);
  }
  if (q->offset && q->offset->num != 0) {
    push(ev, sql, raw(ev, m, at, " offset "));
    push(ev, sql, q->offset);
  }
  return sql;
}

/* ---- drizzle-orm's functions for selections ---------------------------------- */

/* sql/functions/aggregate.js: each is sql`<open>${expression})`. */
static const char *const aggregates[][2] = {
    {"count", "count("}, {"countDistinct", "count(distinct "}, {"avg", "avg("}, {"avgDistinct", "avg(distinct "},
    {"sum", "sum("},     {"sumDistinct", "sum(distinct "},     {"max", "max("}, {"min", "min("},
    {NULL, NULL}};

static dz_value *aggregate(dz_eval *ev, const char *name, const char *open, dz_value *e, const dz_module *m,
                           TSNode at) {
  bool is_count = strcmp(name, "count") == 0;
  if (e && e->kind == DZ_V_UNKNOWN) return e;
  if ((!e || e->kind == DZ_V_UNDEFINED) && !is_count)
    return dz_value_unknown(ev, m, at, "`%s()` needs an expression in `%s`", name, dz_construct_text(ev, m, at));
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, at);
  push(ev, sql, raw(ev, m, at, open));
  /* count(): `expression || sql.raw("*")`, so any falsy value counts rows */
  bool falsy = !e || e->kind == DZ_V_UNDEFINED || e->kind == DZ_V_NULL || (e->kind == DZ_V_BOOL && !e->b) ||
               (e->kind == DZ_V_NUMBER && (e->num == 0 || e->num != e->num)) ||
               (e->kind == DZ_V_STRING && !*e->str);
  push(ev, sql, is_count && falsy ? raw(ev, m, at, "*") : e);
  push(ev, sql, raw(ev, m, at, ")"));
  return sql;
}

/* alias(table, name): the same columns under another name; exported, it is
** a table of that name to drizzle-kit too. */
static dz_value *table_alias(dz_eval *ev, dz_value *t, dz_value *name, const dz_module *m, TSNode at) {
  if (!t || t->kind != DZ_V_TABLE) return t && t->kind == DZ_V_UNKNOWN ? t : unknown(ev, m, at, "the aliased table");
  if (!name || name->kind != DZ_V_STRING) return name && name->kind == DZ_V_UNKNOWN ? name : unknown(ev, m, at, "the alias");
  dz_value *v = dz_value_new(ev, DZ_V_TABLE, m, at);
  v->table = dz_arena_alloc(dz_eval_arena(ev), sizeof *v->table);
  *v->table = *t->table;
  v->table->name = name->str;
  v->table->alias_of = t->table->alias_of ? t->table->alias_of : t->table->name;
  v->table->model = NULL;
  v->table->mod = m;
  v->table->node = at;
  v->table->name_node = name->mod == m ? name->node : at;
  return v;
}

dz_value *dz_query_function(dz_eval *ev, const char *name, dz_value **args, size_t n,
                            const dz_module *m, TSNode at) {
  for (size_t i = 0; aggregates[i][0]; i++)
    if (strcmp(name, aggregates[i][0]) == 0) return aggregate(ev, name, aggregates[i][1], arg(args, n, 0), m, at);
  if (strcmp(name, "alias") == 0) return table_alias(ev, arg(args, n, 0), arg(args, n, 1), m, at);
  if (strcmp(name, "getTableColumns") != 0) return NULL;
  dz_value *t = arg(args, n, 0);
  if (!t || t->kind != DZ_V_TABLE) return t && t->kind == DZ_V_UNKNOWN ? t : unknown(ev, m, at, "the table");
  return table_fields(ev, t);
}
