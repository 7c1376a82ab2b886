/*
** values.c — evaluated values (builders.h): constructors, JavaScript's
** property order, property access, truthiness and String(), and the child
** walk every evaluation step shares.
*/
#include "drizzle_lsp/eval.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/parse.h"

/* ---- values ------------------------------------------------------------ */

dz_value *dz_value_new(dz_eval *ev, dz_vkind kind, const dz_module *mod, TSNode node) {
  dz_value *v = dz_arena_alloc(ev->a, sizeof *v);
  v->kind = kind;
  v->mod = mod;
  v->node = node;
  return v;
}

dz_value *dz_value_unknown(dz_eval *ev, const dz_module *mod, TSNode node, const char *fmt, ...) {
  dz_value *v = dz_value_new(ev, DZ_V_UNKNOWN, mod, node);
  va_list ap;
  va_start(ap, fmt);
  char buf[512];
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  v->str = dz_arena_strdup(ev->a, buf);
  return v;
}

dz_value *dz_value_string(dz_eval *ev, const dz_module *mod, TSNode node, const char *s) {
  dz_value *v = dz_value_new(ev, DZ_V_STRING, mod, node);
  v->str = s;
  v->len = strlen(s);
  return v;
}

dz_value *dz_value_undefined(dz_eval *ev) {
  TSNode none = {0};
  return dz_value_new(ev, DZ_V_UNDEFINED, NULL, none);
}

/* JavaScript orders integer-like keys ("0", "42") first, ascending. */
bool dz_array_index(const char *k, unsigned long *out) {
  if (!*k || (k[0] == '0' && k[1]) || strlen(k) > 10) return false;
  for (const char *p = k; *p; p++)
    if (*p < '0' || *p > '9') return false;
  unsigned long v = strtoul(k, NULL, 10);
  if (v >= 4294967295UL) return false;
  *out = v;
  return true;
}

void dz_object_set(dz_eval *ev, dz_value *obj, const char *key, dz_value *v, const dz_module *m,
                   TSNode at) {
  for (size_t i = 0; i < obj->keys.len; i++)
    if (strcmp(obj->keys.items[i], key) == 0) {
      obj->items.items[i] = v; /* a repeated key keeps its first position */
      obj->key_nodes.items[i] = at;
      obj->key_mods.items[i] = m;
      return;
    }
  dz_vec_push(ev->a, &obj->keys, key);
  dz_vec_push(ev->a, &obj->items, v);
  dz_vec_push(ev->a, &obj->key_nodes, at);
  dz_vec_push(ev->a, &obj->key_mods, m);
  unsigned long idx, other;
  if (!dz_array_index(key, &idx)) return;
  size_t pos = obj->keys.len - 1; /* bubble the new integer key into place */
  while (pos > 0 && (!dz_array_index(obj->keys.items[pos - 1], &other) || other > idx)) {
#define DZ_SWAP(vec) do { __typeof__((vec).items[0]) t_ = (vec).items[pos]; \
    (vec).items[pos] = (vec).items[pos - 1]; (vec).items[pos - 1] = t_; } while (0)
    DZ_SWAP(obj->keys); DZ_SWAP(obj->items); DZ_SWAP(obj->key_nodes); DZ_SWAP(obj->key_mods);
#undef DZ_SWAP
    pos--;
  }
}

dz_value *dz_value_get(dz_eval *ev, dz_value *obj, const char *key) {
  if (obj->kind == DZ_V_OBJECT) {
    for (size_t i = 0; i < obj->keys.len; i++)
      if (strcmp(obj->keys.items[i], key) == 0) return obj->items.items[i];
  } else if (obj->kind == DZ_V_TABLE) {
    dz_value *cols = obj->table->columns;
    for (size_t i = 0; i < cols->keys.len; i++)
      if (strcmp(cols->keys.items[i], key) == 0) {
        dz_value *c = dz_value_new(ev, DZ_V_COLUMN, obj->mod, obj->node);
        c->table = obj->table;
        c->index = i;
        return c;
      }
  }
  return dz_value_undefined(ev);
}

/* ---- children through the shared cursor -------------------------------- */


/* The named children of n, comments left out, through the shared cursor;
** kept with the module, so another link of it does not walk them again. */
dz_nodevec dz_children(dz_eval *ev, const dz_module *m, TSNode n) {
  dz_nodevec out = {0};
  if (!ev->has_cursor) {
    ev->cursor = ts_tree_cursor_new(n);
    ev->has_cursor = true;
  }
  out.len = out.cap = dz_module_children(m, &ev->cursor, n, ev->a, &out.items);
  return out;
}

char *dz_eval_text(dz_eval *ev, const dz_module *m, TSNode n) {
  return dz_module_node_text(m, ev->a, n);
}

/* A short excerpt of a construct for messages: its first line, capped. */
const char *dz_construct_text(dz_eval *ev, const dz_module *m, TSNode n) {
  size_t len;
  const char *s = dz_node_text(n, m->text, &len);
  size_t cut = 0;
  while (cut < len && s[cut] != '\n' && cut < 60) cut++;
  return dz_arena_printf(ev->a, "%.*s%s", (int)cut, s, cut < len ? "..." : "");
}

const char *dz_js_to_string(dz_eval *ev, const dz_value *v) {
  switch (v->kind) {
    case DZ_V_STRING: return v->str;
    case DZ_V_NUMBER: return dz_number_text(ev->a, v->num);
    case DZ_V_BIGINT: return v->str;
    case DZ_V_BOOL: return v->b ? "true" : "false";
    case DZ_V_NULL: return "null";
    case DZ_V_UNDEFINED: return "undefined";
    default: return NULL;
  }
}

bool dz_js_truthy(const dz_value *v, bool *known) {
  *known = true;
  switch (v->kind) {
    case DZ_V_UNDEFINED: case DZ_V_NULL: return false;
    case DZ_V_BOOL: return v->b;
    case DZ_V_NUMBER: return v->num != 0 && !isnan(v->num);
    case DZ_V_STRING: return v->len > 0;
    case DZ_V_UNKNOWN: *known = false; return false;
    default: return true;
  }
}
