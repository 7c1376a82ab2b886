/*
** jsmethods.c — the few Array and String methods schemas use to build names,
** enum lists and check constraints from constants (STATUSES.map(...).join(),
** NAME.toLowerCase()), evaluated statically with JavaScript's semantics.
** Any other method stays unknown, so extraction names it in a warning.
*/
#include "drizzle_lsp/builders.h"
#include "drizzle_lsp/eval.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

static const char *const array_methods[] = {"map", "filter", "join", "slice", "concat", "includes", NULL};
static const char *const string_methods[] = {"toLowerCase", "toUpperCase", "trim", NULL};

bool dz_js_has_method(const dz_value *v, const char *name) {
  const char *const *list = v->kind == DZ_V_ARRAY ? array_methods : v->kind == DZ_V_STRING ? string_methods : NULL;
  for (size_t i = 0; list && list[i]; i++)
    if (strcmp(list[i], name) == 0) return true;
  return false;
}

static dz_value *unknown_call(dz_eval *ev, const dz_module *m, TSNode at) {
  return dz_value_unknown(ev, m, at, "`%s` cannot be resolved statically", dz_construct_text(ev, m, at));
}

/* ToIntegerOrInfinity of a slice bound, made relative to len. */
static bool slice_bound(const dz_value *v, size_t len, size_t dflt, size_t *out) {
  if (!v || v->kind == DZ_V_UNDEFINED) {
    *out = dflt;
    return true;
  }
  if (v->kind != DZ_V_NUMBER) return false;
  double x = isnan(v->num) ? 0 : trunc(v->num);
  if (x < 0) x = x + (double)len < 0 ? 0 : x + (double)len;
  *out = x > (double)len ? len : (size_t)x;
  return true;
}

static dz_value *new_array(dz_eval *ev, const dz_module *m, TSNode at) { return dz_value_new(ev, DZ_V_ARRAY, m, at); }

/* arr.map(fn) / arr.filter(fn): fn gets (item, index, arr). */
static dz_value *map_or_filter(dz_eval *ev, dz_value *arr, bool filter, dz_value *fn, const dz_module *m, TSNode at) {
  dz_value *out = new_array(ev, m, at);
  for (size_t i = 0; i < arr->items.len; i++) {
    dz_value *idx = dz_value_new(ev, DZ_V_NUMBER, m, at);
    idx->num = (double)i;
    dz_value *args[3] = {arr->items.items[i], idx, arr};
    dz_value *r = dz_eval_call(ev, fn, args, 3, at, m);
    if (r->kind == DZ_V_UNKNOWN) return r;
    bool keep = true, known = true;
    if (filter) keep = dz_js_truthy(r, &known);
    if (!known) return unknown_call(ev, m, at);
    if (keep) dz_vec_push(dz_eval_arena(ev), &out->items, filter ? arr->items.items[i] : r);
  }
  return out;
}

/* arr.join(sep): null and undefined as "", anything but primitives refused. */
static dz_value *join(dz_eval *ev, dz_value *arr, dz_value *sep, const dz_module *m, TSNode at) {
  const char *s = !sep || sep->kind == DZ_V_UNDEFINED ? "," : dz_js_to_string(ev, sep);
  if (!s) return unknown_call(ev, m, at);
  const char *acc = "";
  for (size_t i = 0; i < arr->items.len; i++) {
    dz_value *it = arr->items.items[i];
    const char *t = it->kind == DZ_V_NULL || it->kind == DZ_V_UNDEFINED ? "" : dz_js_to_string(ev, it);
    if (!t) return it->kind == DZ_V_UNKNOWN ? it : unknown_call(ev, m, at);
    acc = dz_arena_printf(dz_eval_arena(ev), "%s%s%s", acc, i ? s : "", t);
  }
  return dz_value_string(ev, m, at, acc);
}

bool dz_js_same_value_zero(dz_eval *ev, const dz_value *a, const dz_value *b, bool *known) {
  if (a->kind != b->kind) {
    *known = a->kind != DZ_V_UNKNOWN && b->kind != DZ_V_UNKNOWN;
    return false;
  }
  switch (a->kind) {
    case DZ_V_NUMBER: return a->num == b->num || (isnan(a->num) && isnan(b->num));
    case DZ_V_STRING: case DZ_V_BIGINT: case DZ_V_BOOL: case DZ_V_NULL: case DZ_V_UNDEFINED:
      return strcmp(dz_js_to_string(ev, a), dz_js_to_string(ev, b)) == 0;
    default: *known = false; return false;
  }
}

static dz_value *array_method(dz_eval *ev, dz_value *arr, const char *name, dz_value **args, size_t n,
                              const dz_module *m, TSNode at) {
  dz_value *a0 = n > 0 ? args[0] : NULL;
  if (strcmp(name, "map") == 0 || strcmp(name, "filter") == 0) {
    if (!a0) return unknown_call(ev, m, at);
    return map_or_filter(ev, arr, name[0] == 'f', a0, m, at);
  }
  if (strcmp(name, "join") == 0) return join(ev, arr, a0, m, at);
  dz_value *out = new_array(ev, m, at);
  if (strcmp(name, "slice") == 0) {
    size_t from, to;
    if (!slice_bound(a0, arr->items.len, 0, &from) || !slice_bound(n > 1 ? args[1] : NULL, arr->items.len, arr->items.len, &to))
      return unknown_call(ev, m, at);
    for (size_t i = from; i < to; i++) dz_vec_push(dz_eval_arena(ev), &out->items, arr->items.items[i]);
    return out;
  }
  if (strcmp(name, "concat") == 0) {
    for (size_t i = 0; i < arr->items.len; i++) dz_vec_push(dz_eval_arena(ev), &out->items, arr->items.items[i]);
    for (size_t k = 0; k < n; k++) {
      if (args[k]->kind == DZ_V_UNKNOWN) return args[k];
      if (args[k]->kind != DZ_V_ARRAY) dz_vec_push(dz_eval_arena(ev), &out->items, args[k]);
      else
        for (size_t i = 0; i < args[k]->items.len; i++) dz_vec_push(dz_eval_arena(ev), &out->items, args[k]->items.items[i]);
    }
    return out;
  }
  /* includes */
  dz_value *found = dz_value_new(ev, DZ_V_BOOL, m, at);
  dz_value *needle = a0 ? a0 : dz_value_undefined(ev);
  for (size_t i = 0; i < arr->items.len && !found->b; i++) {
    bool known = true;
    found->b = dz_js_same_value_zero(ev, arr->items.items[i], needle, &known);
    if (!known) return unknown_call(ev, m, at);
  }
  return found;
}

static dz_value *string_method(dz_eval *ev, dz_value *str, const char *name, const dz_module *m, TSNode at) {
  /* ASCII only: other characters' case mappings and spaces are JavaScript's */
  char *s = dz_arena_strdup(dz_eval_arena(ev), str->str);
  for (char *p = s; *p; p++)
    if ((unsigned char)*p >= 0x80) return unknown_call(ev, m, at);
  if (strcmp(name, "trim") == 0) {
    char *end = s + strlen(s);
    while (*s && strchr(" \t\n\r\v\f", *s)) s++;
    while (end > s && strchr(" \t\n\r\v\f", end[-1])) *--end = '\0';
  } else {
    bool lower = strcmp(name, "toLowerCase") == 0;
    for (char *p = s; *p; p++) *p = (char)(lower ? tolower((unsigned char)*p) : toupper((unsigned char)*p));
  }
  return dz_value_string(ev, m, at, s);
}

dz_value *dz_js_method_call(dz_eval *ev, dz_value *self, const char *name, dz_value **args, size_t n,
                            const dz_module *m, TSNode at) {
  if (self->kind == DZ_V_ARRAY) return array_method(ev, self, name, args, n, m, at);
  return string_method(ev, self, name, m, at);
}
