/*
** eval.c — expressions and function bodies, statically: literals, template
** strings and sql``, objects and arrays with spreads, member access, calls of
** helper functions (parameters, defaults, if/else, local consts), and the
** few operators schemas use. Calls of drizzle's builders go to builders.c.
*/
#include "drizzle_lsp/eval.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- expressions -------------------------------------------------------- */

static dz_value *eval_number(dz_eval *ev, const dz_module *m, TSNode n) {
  char *t = dz_eval_text(ev, m, n), *w = t;
  for (char *r = t; *r; r++)
    if (*r != '_') *w++ = *r;
  *w = '\0';
  size_t len = strlen(t);
  if (len > 0 && t[len - 1] == 'n') {
    dz_value *v = dz_value_new(ev, DZ_V_BIGINT, m, n);
    v->str = dz_arena_strndup(ev->a, t, len - 1);
    return v;
  }
  dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, n);
  if (t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) v->num = (double)strtoull(t + 2, NULL, 16);
  else if (t[0] == '0' && (t[1] == 'o' || t[1] == 'O')) v->num = (double)strtoull(t + 2, NULL, 8);
  else if (t[0] == '0' && (t[1] == 'b' || t[1] == 'B')) v->num = (double)strtoull(t + 2, NULL, 2);
  else v->num = strtod(t, NULL);
  return v;
}

/* Text of a template literal with ${} parts turned into strings. */
static dz_value *eval_template(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_nodevec parts = dz_children(ev, m, n);
  uint32_t pos = ts_node_start_byte(n) + 1, end = ts_node_end_byte(n) - 1;
  char *acc = dz_arena_strdup(ev->a, "");
  for (size_t i = 0; i <= parts.len; i++) {
    if (i < parts.len && ts_node_symbol(parts.items[i]) != m->ids.template_substitution)
      continue; /* fragments and escapes are read as raw text between substitutions */
    uint32_t stop = i < parts.len ? ts_node_start_byte(parts.items[i]) : end;
    if (stop > pos) acc = dz_arena_printf(ev->a, "%s%s", acc, dz_module_template_part(m, ev->a, pos, stop));
    if (i == parts.len) break;
    TSNode p = parts.items[i];
    pos = ts_node_end_byte(p);
    dz_value *v = dz_eval_node(ev, m, env, ts_node_named_child(p, 0));
    const char *s = dz_js_to_string(ev, v);
    if (!s) return dz_value_unknown(ev, m, p, "template part `%s` cannot be resolved statically",
                                    dz_construct_text(ev, m, p));
    acc = dz_arena_printf(ev->a, "%s%s", acc, s);
  }
  return dz_value_string(ev, m, n, acc);
}

/* sql`...${x}...`: raw text chunks and interpolated values, as drizzle's sql. */
static dz_value *eval_sql_template(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_value *sql = dz_value_new(ev, DZ_V_SQL, m, n);
  dz_nodevec parts = dz_children(ev, m, n);
  uint32_t pos = ts_node_start_byte(n) + 1, end = ts_node_end_byte(n) - 1;
  for (size_t i = 0; i <= parts.len; i++) {
    uint32_t stop = i < parts.len ? ts_node_start_byte(parts.items[i]) : end;
    bool sub = i < parts.len && ts_node_symbol(parts.items[i]) == m->ids.template_substitution;
    if (i < parts.len && !sub) continue; /* fragments are read as raw text below */
    if (stop > pos) {
      dz_value *raw = dz_value_new(ev, DZ_V_RAW, m, n);
      raw->str = dz_module_template_part(m, ev->a, pos, stop);
      dz_vec_push(ev->a, &sql->items, raw);
    }
    if (i == parts.len) break;
    pos = ts_node_end_byte(parts.items[i]);
    dz_vec_push(ev->a, &sql->items, dz_eval_node(ev, m, env, ts_node_named_child(parts.items[i], 0)));
  }
  return sql;
}

const char *dz_property_key(dz_eval *ev, const dz_module *m, dz_env *env, TSNode k) {
  TSSymbol s = ts_node_symbol(k);
  if (s == m->ids.string) return dz_module_string_value(m, ev->a, k);
  if (s == m->ids.number) return dz_js_to_string(ev, eval_number(ev, m, k));
  if (s == m->ids.computed_property_name && ts_node_named_child_count(k) > 0)
    return dz_js_to_string(ev, dz_eval_node(ev, m, env, ts_node_named_child(k, 0)));
  return dz_eval_text(ev, m, k);
}

static void spread_into(dz_eval *ev, dz_value *obj, dz_value *src) {
  if (src->kind == DZ_V_OBJECT) {
    for (size_t i = 0; i < src->keys.len; i++)
      dz_object_set(ev, obj, src->keys.items[i], src->items.items[i], src->key_mods.items[i],
                    src->key_nodes.items[i]);
  } else if (src->kind == DZ_V_TABLE) {
    dz_value *cols = src->table->columns;
    for (size_t i = 0; i < cols->keys.len; i++)
      dz_object_set(ev, obj, cols->keys.items[i], dz_value_get(ev, src, cols->keys.items[i]),
                    cols->key_mods.items[i], cols->key_nodes.items[i]);
  } else if (src->kind == DZ_V_UNKNOWN) {
    dz_vec_push(ev->a, &obj->items, src); /* remembered so extract can report it */
    dz_vec_push(ev->a, &obj->keys, "...");
    dz_vec_push(ev->a, &obj->key_nodes, src->node);
    dz_vec_push(ev->a, &obj->key_mods, src->mod);
  }
}

static dz_value *eval_object(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_value *obj = dz_value_new(ev, DZ_V_OBJECT, m, n);
  dz_nodevec kids = dz_children(ev, m, n);
  for (size_t i = 0; i < kids.len; i++) {
    TSNode c = kids.items[i];
    TSSymbol s = ts_node_symbol(c);
    if (s == m->ids.pair) {
      const char *key = dz_property_key(ev, m, env, dz_module_field(m, c, m->ids.f_key));
      dz_value *v = dz_eval_node(ev, m, env, dz_module_field(m, c, m->ids.f_value));
      if (key) dz_object_set(ev, obj, key, v, m, c);
    } else if (s == m->ids.shorthand_property_identifier) {
      char *key = dz_eval_text(ev, m, c);
      dz_object_set(ev, obj, key, dz_lookup(ev, m, env, key, c), m, c);
    } else if (s == m->ids.method_definition) {
      const char *key = dz_property_key(ev, m, env, dz_module_field(m, c, m->ids.f_name));
      dz_value *fn = dz_value_new(ev, DZ_V_FUNCTION, m, c);
      fn->env = env;
      if (key) dz_object_set(ev, obj, key, fn, m, c);
    } else if (s == m->ids.spread_element && ts_node_named_child_count(c) > 0) {
      spread_into(ev, obj, dz_eval_node(ev, m, env, ts_node_named_child(c, 0)));
    }
  }
  return obj;
}

static dz_value *eval_array(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_value *arr = dz_value_new(ev, DZ_V_ARRAY, m, n);
  dz_nodevec kids = dz_children(ev, m, n);
  for (size_t i = 0; i < kids.len; i++) {
    TSNode c = kids.items[i];
    if (ts_node_symbol(c) == m->ids.spread_element && ts_node_named_child_count(c) > 0) {
      dz_value *src = dz_eval_node(ev, m, env, ts_node_named_child(c, 0));
      if (src->kind == DZ_V_ARRAY)
        for (size_t j = 0; j < src->items.len; j++) dz_vec_push(ev->a, &arr->items, src->items.items[j]);
      else
        dz_vec_push(ev->a, &arr->items, src);
      continue;
    }
    dz_vec_push(ev->a, &arr->items, dz_eval_node(ev, m, env, c));
  }
  return arr;
}

static dz_value *eval_args(dz_eval *ev, const dz_module *m, dz_env *env, TSNode args, size_t *n) {
  dz_value *arr = eval_array(ev, m, env, args); /* arguments spread like an array */
  *n = arr->items.len;
  return arr;
}

dz_value *dz_member(dz_eval *ev, dz_value *obj, const char *name, const dz_module *m, TSNode at) {
  switch (obj->kind) {
    case DZ_V_UNKNOWN: return obj;
    case DZ_V_OBJECT:
    case DZ_V_TABLE: return dz_value_get(ev, obj, name);
    case DZ_V_NAMESPACE:
      if (obj->target) return dz_eval_export(ev, obj->target, name);
      break;
    case DZ_V_ARRAY: {
      if (strcmp(name, "length") == 0) {
        dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, at);
        v->num = (double)obj->items.len;
        return v;
      }
      unsigned long idx;
      if (dz_array_index(name, &idx)) return idx < obj->items.len ? obj->items.items[idx] : dz_value_undefined(ev);
      break;
    }
    default: break;
  }
  return dz_builtin_member(ev, obj, name, m, at);
}

/* tag`...` where tag evaluates to callee (at: the whole construct). */
static dz_value *eval_tagged(dz_eval *ev, const dz_module *m, dz_env *env, dz_value *callee,
                             TSNode tmpl, TSNode tag, TSNode at) {
  if (callee->kind == DZ_V_BUILTIN && strcmp(callee->str, "sql") == 0)
    return eval_sql_template(ev, m, env, tmpl);
  if (callee->kind == DZ_V_UNKNOWN) return callee;
  return dz_value_unknown(ev, m, at, "tagged template `%s` is not drizzle's sql", dz_construct_text(ev, m, tag));
}

/* tree-sitter-typescript 0.23 misreads `() => sql<T>`...`` as the arrow
** function `() => sql<T>` called with the template: such a call node is
** what the arrow means. */
static bool is_misread_arrow(const dz_module *m, TSNode fn, TSNode args) {
  return ts_node_symbol(fn) == m->ids.arrow_function && ts_node_symbol(args) == m->ids.template_string &&
         ts_node_symbol(dz_module_field(m, fn, m->ids.f_body)) == m->ids.instantiation_expression;
}

static dz_value *eval_call(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  TSNode fn = dz_module_field(m, n, m->ids.f_function);
  TSNode args = dz_module_field(m, n, m->ids.f_arguments);
  if (is_misread_arrow(m, fn, args)) {
    dz_value *v = dz_value_new(ev, DZ_V_FUNCTION, m, n);
    v->env = env;
    return v;
  }
  dz_value *callee = dz_eval_node(ev, m, env, fn);
  if (ts_node_symbol(args) == m->ids.template_string) return eval_tagged(ev, m, env, callee, args, fn, n);
  size_t argc;
  dz_value *argv = eval_args(ev, m, env, args, &argc);
  return dz_eval_call(ev, callee, argv->items.items, argc, n, m);
}

/* tree-sitter-typescript 0.23 misreads `sql<T>`...`` (a tagged template
** with type arguments) as comparisons: `sql < T > `...``. The tag is then
** the leftmost operand, the template the rightmost, and between them only
** the type arguments `<...>`. Sets *tag and *tmpl when n is such a misread. */
static bool is_misread_tag(const dz_module *m, TSNode n, TSNode *tag, TSNode *tmpl, TSNode *chain) {
  TSNode l = n, r = n;
  while (ts_node_symbol(l) == m->ids.binary_expression) l = dz_module_field(m, l, m->ids.f_left);
  while (ts_node_symbol(r) == m->ids.binary_expression) r = dz_module_field(m, r, m->ids.f_right);
  *chain = r; /* sql<T>`...`.as("x") reads as sql < T > (`...`.as("x")) */
  for (TSSymbol s = ts_node_symbol(r); s == m->ids.call_expression || s == m->ids.member_expression; s = ts_node_symbol(r))
    r = dz_module_field(m, r, s == m->ids.call_expression ? m->ids.f_function : m->ids.f_object);
  if (ts_node_symbol(r) != m->ids.template_string) return false;
  TSSymbol ls = ts_node_symbol(l);
  if (ls != m->ids.identifier && ls != m->ids.member_expression) return false;
  uint32_t from = ts_node_end_byte(l), to = ts_node_start_byte(r);
  while (from < to && (m->text[from] == ' ' || m->text[from] == '\t')) from++;
  while (to > from && (m->text[to - 1] == ' ' || m->text[to - 1] == '\t')) to--;
  if (to - from < 3 || m->text[from] != '<' || m->text[to - 1] != '>') return false;
  *tag = l;
  *tmpl = r;
  return true;
}

static dz_value *eval_binary(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  TSNode tag, tmpl, chain;
  if (is_misread_tag(m, n, &tag, &tmpl, &chain)) {
    dz_value *callee = dz_eval_node(ev, m, env, tag);
    if (callee->kind == DZ_V_BUILTIN && strcmp(callee->str, "sql") == 0) {
      dz_value *sql = eval_tagged(ev, m, env, callee, tmpl, tag, n);
      if (ts_node_eq(chain, tmpl)) return sql;
      TSNode saved_node = ev->subst_node;
      dz_value *saved = ev->subst_value;
      ev->subst_node = tmpl;
      ev->subst_value = sql;
      dz_value *v = dz_eval_node(ev, m, env, chain);
      ev->subst_node = saved_node;
      ev->subst_value = saved;
      return v;
    }
  }
  TSNode op = dz_module_field(m, n, m->ids.f_operator);
  char *o = dz_eval_text(ev, m, op);
  dz_value *l = dz_eval_node(ev, m, env, dz_module_field(m, n, m->ids.f_left));
  bool known;
  if (strcmp(o, "??") == 0 || strcmp(o, "||") == 0 || strcmp(o, "&&") == 0) {
    bool t = dz_js_truthy(l, &known);
    if (!known) return l;
    bool nullish = l->kind == DZ_V_NULL || l->kind == DZ_V_UNDEFINED;
    bool take_left = o[0] == '?' ? !nullish : o[0] == '|' ? t : !t;
    return take_left ? l : dz_eval_node(ev, m, env, dz_module_field(m, n, m->ids.f_right));
  }
  dz_value *r = dz_eval_node(ev, m, env, dz_module_field(m, n, m->ids.f_right));
  if (l->kind == DZ_V_NUMBER && r->kind == DZ_V_NUMBER && strcmp(o, "**") == 0) {
    dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, n);
    v->num = pow(l->num, r->num);
    return v;
  }
  if (l->kind == DZ_V_NUMBER && r->kind == DZ_V_NUMBER && o[1] == '\0') {
    dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, n);
    switch (o[0]) {
      case '+': v->num = l->num + r->num; return v;
      case '-': v->num = l->num - r->num; return v;
      case '*': v->num = l->num * r->num; return v;
      case '/': v->num = l->num / r->num; return v;
      default: break;
    }
  }
  if (strcmp(o, "===") == 0 || strcmp(o, "!==") == 0) {
    known = true;
    bool same = dz_js_same_value_zero(ev, l, r, &known) && !(l->kind == DZ_V_NUMBER && isnan(l->num));
    if (known) {
      dz_value *v = dz_value_new(ev, DZ_V_BOOL, m, n);
      v->b = o[0] == '=' ? same : !same;
      return v;
    }
  }
  if (l->kind == DZ_V_NUMBER && r->kind == DZ_V_NUMBER && (o[0] == '<' || o[0] == '>' || o[0] == '%') &&
      (o[1] == '\0' || (o[1] == '=' && o[2] == '\0'))) {
    dz_value *v = dz_value_new(ev, o[0] == '%' ? DZ_V_NUMBER : DZ_V_BOOL, m, n);
    bool eq = o[1] == '=';
    if (o[0] == '%') v->num = fmod(l->num, r->num);
    else v->b = o[0] == '<' ? (l->num < r->num || (eq && l->num == r->num)) : (l->num > r->num || (eq && l->num == r->num));
    return v;
  }
  if (strcmp(o, "+") == 0 && (l->kind == DZ_V_STRING || r->kind == DZ_V_STRING)) {
    const char *a = dz_js_to_string(ev, l), *b = dz_js_to_string(ev, r);
    if (a && b) return dz_value_string(ev, m, n, dz_arena_printf(ev->a, "%s%s", a, b));
  }
  return dz_value_unknown(ev, m, n, "expression `%s` cannot be resolved statically",
                          dz_construct_text(ev, m, n));
}

static dz_value *eval_unary(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  char *o = dz_eval_text(ev, m, dz_module_field(m, n, m->ids.f_operator));
  dz_value *x = dz_eval_node(ev, m, env, dz_module_field(m, n, m->ids.f_argument));
  bool known;
  if ((o[0] == '-' || o[0] == '+') && x->kind == DZ_V_NUMBER) {
    dz_value *v = dz_value_new(ev, DZ_V_NUMBER, m, n);
    v->num = o[0] == '-' ? -x->num : x->num;
    return v;
  }
  if (o[0] == '-' && x->kind == DZ_V_BIGINT) {
    dz_value *v = dz_value_new(ev, DZ_V_BIGINT, m, n);
    v->str = dz_arena_printf(ev->a, "-%s", x->str);
    return v;
  }
  if (o[0] == '!') {
    bool t = dz_js_truthy(x, &known);
    if (known) {
      dz_value *v = dz_value_new(ev, DZ_V_BOOL, m, n);
      v->b = !t;
      return v;
    }
  }
  return dz_value_unknown(ev, m, n, "expression `%s` cannot be resolved statically",
                          dz_construct_text(ev, m, n));
}

static dz_value *eval_ternary(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  bool known;
  dz_value *c = dz_eval_node(ev, m, env, dz_module_field(m, n, m->ids.f_condition));
  bool t = dz_js_truthy(c, &known);
  if (!known)
    return dz_value_unknown(ev, m, n, "condition `%s` cannot be resolved statically",
                            dz_construct_text(ev, m, dz_module_field(m, n, m->ids.f_condition)));
  return dz_eval_node(ev, m, env,
                   dz_module_field(m, n, t ? m->ids.f_consequence : m->ids.f_alternative));
}

static dz_value *eval_new(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_value *ctor = dz_eval_node(ev, m, env, dz_module_field(m, n, m->ids.f_constructor));
  TSNode args = dz_module_field(m, n, m->ids.f_arguments);
  size_t argc = 0;
  dz_value *argv = ts_node_is_null(args) ? NULL : eval_args(ev, m, env, args, &argc);
  if (ctor->kind == DZ_V_BUILTIN && strcmp(ctor->str, "Date") == 0)
    return dz_new_date(ev, argv ? argv->items.items : NULL, argc, m, n);
  if (ctor->kind == DZ_V_BUILTIN && strcmp(ctor->str, "QueryBuilder") == 0 && argc == 0)
    return dz_query_builder(ev, m, n); /* sqlite-core's standalone query builder, no casing */
  if (ctor->kind == DZ_V_UNKNOWN) return ctor;
  return dz_value_unknown(ev, m, n, "`%s` cannot be resolved statically", dz_construct_text(ev, m, n));
}

dz_value *dz_eval_node(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  if (ts_node_is_null(n)) return dz_value_undefined(ev);
  if (ev->subst_value && ts_node_eq(n, ev->subst_node)) return ev->subst_value;
  if (ev->depth > DZ_MAX_DEPTH)
    return dz_value_unknown(ev, m, n, "expression nests too deeply to resolve");
  const dz_tsids *id = &m->ids;
  TSSymbol s = ts_node_symbol(n);
  dz_value *v;
  ev->depth++;
  if (s == id->error || ts_node_is_missing(n))
    v = dz_value_unknown(ev, m, n, "syntax error at `%s`", dz_construct_text(ev, m, n));
  else if (s == id->number) v = eval_number(ev, m, n);
  else if (s == id->string) v = dz_value_string(ev, m, n, dz_module_string_value(m, ev->a, n));
  else if (s == id->template_string) v = eval_template(ev, m, env, n);
  else if (s == id->true_ || s == id->false_) {
    v = dz_value_new(ev, DZ_V_BOOL, m, n);
    v->b = s == id->true_;
  } else if (s == id->null_) v = dz_value_new(ev, DZ_V_NULL, m, n);
  else if (s == id->undefined) v = dz_value_undefined(ev);
  else if (s == id->identifier) v = dz_lookup(ev, m, env, dz_eval_text(ev, m, n), n);
  else if (s == id->object) v = eval_object(ev, m, env, n);
  else if (s == id->array) v = eval_array(ev, m, env, n);
  else if (s == id->call_expression) v = eval_call(ev, m, env, n);
  else if (s == id->member_expression) {
    dz_value *o = dz_eval_node(ev, m, env, dz_module_field(m, n, id->f_object));
    bool optional = !ts_node_is_null(dz_module_field(m, n, id->f_optional_chain));
    v = optional && (o->kind == DZ_V_UNDEFINED || o->kind == DZ_V_NULL)
            ? dz_value_undefined(ev) /* x?.y */
            : dz_member(ev, o, dz_eval_text(ev, m, dz_module_field(m, n, id->f_property)), m, n);
  } else if (s == id->subscript_expression) {
    dz_value *o = dz_eval_node(ev, m, env, dz_module_field(m, n, id->f_object));
    const char *k = dz_js_to_string(ev, dz_eval_node(ev, m, env, dz_module_field(m, n, id->f_index)));
    v = k ? dz_member(ev, o, k, m, n)
          : dz_value_unknown(ev, m, n, "index in `%s` cannot be resolved statically", dz_construct_text(ev, m, n));
  } else if (s == id->new_expression) v = eval_new(ev, m, env, n);
  else if (s == id->arrow_function || s == id->function_expression) {
    v = dz_value_new(ev, DZ_V_FUNCTION, m, n);
    v->env = env;
  } else if (s == id->parenthesized_expression || s == id->as_expression ||
             s == id->satisfies_expression || s == id->non_null_expression ||
             s == id->await_expression) {
    v = dz_eval_node(ev, m, env, ts_node_named_child(n, 0));
  } else if (s == id->type_assertion) {
    v = dz_eval_node(ev, m, env, ts_node_named_child(n, ts_node_named_child_count(n) - 1));
  } else if (s == id->binary_expression) v = eval_binary(ev, m, env, n);
  else if (s == id->unary_expression) v = eval_unary(ev, m, env, n);
  else if (s == id->ternary_expression) v = eval_ternary(ev, m, env, n);
  else v = dz_value_unknown(ev, m, n, "`%s` cannot be resolved statically", dz_construct_text(ev, m, n));
  ev->depth--;
  return v;
}

/* ---- calling functions --------------------------------------------------- */

static dz_env *bind(dz_eval *ev, dz_env *env, const char *name, dz_value *v) {
  dz_env *e = dz_arena_alloc(ev->a, sizeof *e);
  e->name = name;
  e->value = v;
  e->next = env;
  return e;
}

static dz_env *bind_params(dz_eval *ev, const dz_module *m, dz_env *env, TSNode fn,
                           dz_value **args, size_t n) {
  TSNode single = dz_module_field(m, fn, m->ids.f_parameter);
  if (!ts_node_is_null(single))
    return bind(ev, env, dz_eval_text(ev, m, single), n > 0 ? args[0] : dz_value_undefined(ev));
  TSNode params = dz_module_field(m, fn, m->ids.f_parameters);
  if (ts_node_is_null(params)) return env;
  dz_nodevec ps = dz_children(ev, m, params);
  for (size_t i = 0; i < ps.len; i++) {
    TSNode p = ps.items[i];
    TSNode pat = dz_module_field(m, p, m->ids.f_pattern);
    dz_value *v = i < n ? args[i] : dz_value_undefined(ev);
    if (v->kind == DZ_V_UNDEFINED) {
      TSNode dflt = dz_module_field(m, p, m->ids.f_value);
      if (!ts_node_is_null(dflt)) v = dz_eval_node(ev, m, env, dflt);
    }
    if (ts_node_is_null(pat)) continue;
    if (ts_node_symbol(pat) == m->ids.identifier) {
      env = bind(ev, env, dz_eval_text(ev, m, pat), v);
    } else if (ts_node_symbol(pat) == m->ids.object_pattern) {
      dz_nodevec props = dz_children(ev, m, pat);
      for (size_t j = 0; j < props.len; j++)
        if (ts_node_symbol(props.items[j]) == m->ids.shorthand_property_identifier_pattern) {
          char *k = dz_eval_text(ev, m, props.items[j]);
          env = bind(ev, env, k, dz_member(ev, v, k, m, props.items[j]));
        }
    }
  }
  return env;
}

static dz_value *eval_statement(dz_eval *ev, const dz_module *m, dz_env **env, TSNode st);

/* The statements of a block in order; the value of the first return reached,
** or NULL when control falls off the end. */
static dz_value *eval_statements(dz_eval *ev, const dz_module *m, dz_env **env, TSNode block) {
  dz_nodevec sts = dz_children(ev, m, block);
  for (size_t i = 0; i < sts.len; i++) {
    dz_value *v = eval_statement(ev, m, env, sts.items[i]);
    if (v) return v;
  }
  return NULL;
}

static void declare(dz_eval *ev, const dz_module *m, dz_env **env, TSNode st) {
  dz_nodevec ds = dz_children(ev, m, st);
  for (size_t j = 0; j < ds.len; j++) {
    TSNode name = dz_module_field(m, ds.items[j], m->ids.f_name);
    if (ts_node_is_null(name) || ts_node_symbol(name) != m->ids.identifier) continue;
    dz_value *v = dz_eval_node(ev, m, *env, dz_module_field(m, ds.items[j], m->ids.f_value));
    *env = bind(ev, *env, dz_eval_text(ev, m, name), v);
  }
}

/* One statement of a helper function: declarations extend *env; returns the
** returned value, NULL to go on, or UNKNOWN for what cannot be followed (an
** expression statement may mutate what it touches). */
static dz_value *eval_statement(dz_eval *ev, const dz_module *m, dz_env **env, TSNode st) {
  const dz_tsids *id = &m->ids;
  TSSymbol s = ts_node_symbol(st);
  if (s == id->return_statement)
    return ts_node_named_child_count(st) ? dz_eval_node(ev, m, *env, ts_node_named_child(st, 0))
                                         : dz_value_undefined(ev);
  if (s == id->lexical_declaration || s == id->variable_declaration) {
    declare(ev, m, env, st);
    return NULL;
  }
  if (s == id->function_declaration) {
    TSNode name = dz_module_field(m, st, id->f_name);
    dz_value *fn = dz_value_new(ev, DZ_V_FUNCTION, m, st);
    fn->env = *env;
    if (!ts_node_is_null(name)) *env = bind(ev, *env, dz_eval_text(ev, m, name), fn);
    return NULL;
  }
  if (s == id->empty_statement) return NULL;
  if (s == id->statement_block) {
    dz_env *inner = *env; /* block-scoped declarations stay inside */
    return eval_statements(ev, m, &inner, st);
  }
  if (s == id->if_statement) {
    bool known;
    dz_value *c = dz_eval_node(ev, m, *env, dz_module_field(m, st, id->f_condition));
    bool t = dz_js_truthy(c, &known);
    if (!known) return c->kind == DZ_V_UNKNOWN ? c : dz_value_unknown(ev, m, st, "condition cannot be resolved");
    TSNode branch = dz_module_field(m, st, t ? id->f_consequence : id->f_alternative);
    if (ts_node_is_null(branch)) return NULL;
    if (ts_node_symbol(branch) == id->else_clause) branch = ts_node_named_child(branch, 0);
    dz_env *inner = *env;
    return eval_statement(ev, m, &inner, branch);
  }
  return dz_value_unknown(ev, m, st, "function body statement `%s` cannot be resolved statically",
                          dz_construct_text(ev, m, st));
}

static dz_value *eval_block(dz_eval *ev, const dz_module *m, dz_env *env, TSNode body) {
  dz_value *v = eval_statements(ev, m, &env, body);
  return v ? v : dz_value_undefined(ev);
}

dz_value *dz_eval_call(dz_eval *ev, dz_value *fn, dz_value **args, size_t n, TSNode at,
                       const dz_module *mod) {
  if (fn->kind == DZ_V_UNKNOWN) return fn;
  if (fn->kind == DZ_V_BUILTIN || fn->kind == DZ_V_METHOD)
    return dz_builtin_call(ev, fn, args, n, mod, at);
  if (fn->kind != DZ_V_FUNCTION)
    return dz_value_unknown(ev, mod, at, "`%s` is not a function that can be resolved statically",
                            dz_construct_text(ev, mod, at));
  if (ev->depth > DZ_MAX_DEPTH) return dz_value_unknown(ev, mod, at, "calls nest too deeply to resolve");
  const dz_module *m = fn->mod;
  ev->depth++;
  bool misread = ts_node_symbol(fn->node) == m->ids.call_expression; /* see is_misread_arrow */
  TSNode arrow = misread ? dz_module_field(m, fn->node, m->ids.f_function) : fn->node;
  dz_env *env = bind_params(ev, m, fn->env, arrow, args, n);
  TSNode body = dz_module_field(m, arrow, m->ids.f_body);
  dz_value *v;
  if (misread) {
    TSNode tag = ts_node_named_child(body, 0);
    v = eval_tagged(ev, m, env, dz_eval_node(ev, m, env, tag),
                    dz_module_field(m, fn->node, m->ids.f_arguments), tag, fn->node);
  } else {
    v = ts_node_symbol(body) == m->ids.statement_block ? eval_block(ev, m, env, body)
                                                       : dz_eval_node(ev, m, env, body);
  }
  ev->depth--;
  return v;
}
