/*
** resolve.c — evaluating schema TypeScript statically (resolve.h): scopes,
** imports across modules, object/array literals with spreads, helper
** functions, template strings. drizzle-orm's own builders are in builders.c.
*/
#include "drizzle_lsp/builders.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/parse.h"
#include "drizzle_lsp/path.h"

#define DZ_MAX_DEPTH 200

struct dz_env {
  const char *name;
  dz_value *value;
  dz_env *next;
};

enum { MEMO_NONE, MEMO_BUSY, MEMO_DONE };
typedef struct dz_memo {
  dz_value *value;
  int state;
} dz_memo;

typedef struct dz_slot {
  const dz_module *m;
  const char *path;   /* m's path, normalized */
  dz_memo *memos;     /* parallel to m->bindings */
  bool owned;         /* loaded by the evaluation: freed with it */
} dz_slot;

typedef struct dz_resolved {
  const char *base;          /* the normalized path an import names */
  const dz_module *m;        /* what it resolved to; NULL: nothing */
} dz_resolved;

struct dz_eval {
  dz_arena *a;
  DZ_VEC(dz_slot) slots;
  DZ_VEC(dz_resolved) resolved; /* imports are looked up on every use */
  dz_module_loader load;
  void *load_ctx;
  TSTreeCursor cursor; /* the one cursor every child walk reuses */
  bool has_cursor;
  int depth;
};

dz_arena *dz_eval_arena(dz_eval *ev) { return ev->a; }

static char *normalize_path(dz_arena *a, const char *p);

static dz_slot *add_slot(dz_eval *ev, const dz_module *m, bool owned) {
  dz_slot s = {m, normalize_path(ev->a, m->path),
               dz_arena_alloc(ev->a, (m->bindings.len + 1) * sizeof(dz_memo)), owned};
  dz_vec_push(ev->a, &ev->slots, s);
  return &ev->slots.items[ev->slots.len - 1];
}

dz_eval *dz_eval_new(dz_module *const *mods, size_t n, dz_module_loader load, void *load_ctx) {
  dz_arena *a = dz_arena_new();
  dz_eval *ev = dz_arena_alloc(a, sizeof *ev);
  ev->a = a;
  ev->load = load;
  ev->load_ctx = load_ctx;
  for (size_t i = 0; i < n; i++) add_slot(ev, mods[i], false);
  return ev;
}

void dz_eval_free(dz_eval *ev) {
  if (!ev) return;
  for (size_t i = 0; i < ev->slots.len; i++)
    if (ev->slots.items[i].owned) dz_module_free((dz_module *)ev->slots.items[i].m);
  if (ev->has_cursor) ts_tree_cursor_delete(&ev->cursor);
  dz_arena_free(ev->a);
}

size_t dz_eval_module_count(const dz_eval *ev) { return ev->slots.len; }
const dz_module *dz_eval_module_at(const dz_eval *ev, size_t i) { return ev->slots.items[i].m; }

size_t dz_eval_module_index(const dz_eval *ev, const dz_module *m) {
  for (size_t i = 0; i < ev->slots.len; i++)
    if (ev->slots.items[i].m == m) return i;
  return (size_t)-1;
}

static dz_slot *slot_of(dz_eval *ev, const dz_module *m) {
  for (size_t i = 0; i < ev->slots.len; i++)
    if (ev->slots.items[i].m == m) return &ev->slots.items[i];
  return add_slot(ev, m, false);
}

dz_span dz_span_of(TSNode n, uint32_t file) {
  dz_span s;
  TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
  s.file = file;
  s.start_byte = ts_node_start_byte(n);
  s.end_byte = ts_node_end_byte(n);
  s.start = (dz_point){a.row, a.column};
  s.end = (dz_point){b.row, b.column};
  return s;
}

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
static bool array_index_key(const char *k, unsigned long *out) {
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
  if (!array_index_key(key, &idx)) return;
  size_t pos = obj->keys.len - 1; /* bubble the new integer key into place */
  while (pos > 0 && (!array_index_key(obj->keys.items[pos - 1], &other) || other > idx)) {
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

typedef DZ_VEC(TSNode) nodevec;

/* The named children of n, comments left out. */
static nodevec named_children(dz_eval *ev, const dz_module *m, TSNode n) {
  nodevec out = {0};
  if (!ev->has_cursor) {
    ev->cursor = ts_tree_cursor_new(n);
    ev->has_cursor = true;
  } else {
    ts_tree_cursor_reset(&ev->cursor, n);
  }
  if (!ts_tree_cursor_goto_first_child(&ev->cursor)) return out;
  do {
    TSNode c = ts_tree_cursor_current_node(&ev->cursor);
    if (ts_node_is_named(c) && ts_node_symbol(c) != m->ids.comment) dz_vec_push(ev->a, &out, c);
  } while (ts_tree_cursor_goto_next_sibling(&ev->cursor));
  return out;
}

static char *node_text(dz_eval *ev, const dz_module *m, TSNode n) {
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

/* ---- scopes and modules ------------------------------------------------ */

static dz_value *eval_node(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n);

static bool is_relative(const char *spec) {
  return spec[0] == '.' || spec[0] == '/';
}

/* An absolute path with `.`, `..` and repeated slashes resolved. */
static char *normalize_path(dz_arena *a, const char *p) { return dz_path_resolve(a, "/", p); }

static const dz_module *find_loaded(dz_eval *ev, const char *path) {
  for (size_t i = 0; i < ev->slots.len; i++)
    if (strcmp(ev->slots.items[i].path, path) == 0)
      return ev->slots.items[i].m;
  return NULL;
}

static const dz_module *try_path(dz_eval *ev, const char *path) {
  const dz_module *m = find_loaded(ev, path);
  if (m || !ev->load) return m;
  dz_module *loaded = ev->load(ev->load_ctx, path);
  if (loaded) add_slot(ev, loaded, true);
  return loaded;
}

static const dz_module *resolve_base(dz_eval *ev, char *base);

/* Node/TypeScript resolution of a relative specifier: as written, with .ts,
** .tsx, .js -> .ts, then a folder's index. */
static const dz_module *resolve_module(dz_eval *ev, const dz_module *from, const char *spec) {
  if (!is_relative(spec)) return NULL;
  char *base = dz_path_resolve(ev->a, dz_path_dirname(ev->a, normalize_path(ev->a, from->path)), spec);
  for (size_t i = 0; i < ev->resolved.len; i++)
    if (strcmp(ev->resolved.items[i].base, base) == 0) return ev->resolved.items[i].m;
  const dz_module *m = resolve_base(ev, base);
  dz_resolved r = {base, m};
  dz_vec_push(ev->a, &ev->resolved, r);
  return m;
}

static const dz_module *resolve_base(dz_eval *ev, char *base) {
  size_t bl = strlen(base);
  char *stem = base;
  static const char *const js_exts[] = {".js", ".mjs", ".cjs", ".jsx"};
  for (size_t i = 0; i < 4; i++) {
    size_t el = strlen(js_exts[i]);
    if (bl > el && strcmp(base + bl - el, js_exts[i]) == 0) stem = dz_arena_strndup(ev->a, base, bl - el);
  }
  const char *cands[] = {"%s.ts", "%s.tsx", "%s.mts", "%s/index.ts", "%s/index.tsx", "%s.d.ts"};
  const dz_module *m = NULL;
  if (stem != base) {
    for (size_t i = 0; i < 3 && !m; i++) m = try_path(ev, dz_arena_printf(ev->a, cands[i], stem));
  }
  if (!m && (bl > 3 && (strcmp(base + bl - 3, ".ts") == 0))) m = try_path(ev, base);
  for (size_t i = 0; i < 6 && !m; i++) m = try_path(ev, dz_arena_printf(ev->a, cands[i], base));
  if (!m) m = try_path(ev, base);
  return m;
}

static bool is_drizzle_source(const char *spec) {
  return strncmp(spec, "drizzle-orm", 11) == 0 && (spec[11] == '\0' || spec[11] == '/');
}

static dz_value *namespace_value(dz_eval *ev, const dz_module *target) {
  TSNode none = {0};
  dz_value *v = dz_value_new(ev, DZ_V_NAMESPACE, target, none);
  v->target = target;
  return v;
}

static const char *property_key(dz_eval *ev, const dz_module *m, dz_env *env, TSNode k);

/* A TypeScript enum as the object TypeScript emits: members with their
** values, numeric ones also mapped back from value to name. */
static dz_value *eval_enum(dz_eval *ev, const dz_module *m, TSNode decl) {
  dz_value *obj = dz_value_new(ev, DZ_V_OBJECT, m, decl);
  nodevec members = named_children(ev, m, ts_node_child_by_field_id(decl, m->ids.f_body));
  double next = 0;
  for (size_t i = 0; i < members.len; i++) {
    TSNode mem = members.items[i], name = mem;
    dz_value *v;
    if (ts_node_symbol(mem) == m->ids.enum_assignment) {
      name = ts_node_child_by_field_id(mem, m->ids.f_name);
      v = eval_node(ev, m, NULL, ts_node_child_by_field_id(mem, m->ids.f_value));
    } else {
      v = dz_value_new(ev, DZ_V_NUMBER, m, mem);
      v->num = next;
    }
    const char *key = property_key(ev, m, NULL, name);
    if (!key) continue;
    dz_object_set(ev, obj, key, v, m, mem);
    if (v->kind == DZ_V_NUMBER) {
      next = v->num + 1;
      dz_object_set(ev, obj, dz_number_text(ev->a, v->num), dz_value_string(ev, m, mem, key), m, mem);
    }
  }
  return obj;
}

static dz_value *eval_binding(dz_eval *ev, const dz_module *m, size_t i) {
  dz_slot *slot = slot_of(ev, m);
  dz_memo *memo = &slot->memos[i];
  const dz_binding *b = &m->bindings.items[i];
  if (memo->state == MEMO_DONE) return memo->value;
  if (memo->state == MEMO_BUSY)
    return dz_value_unknown(ev, m, b->node, "`%s` refers to itself while being defined", b->name);
  memo->state = MEMO_BUSY;
  dz_value *v;
  if (ts_node_symbol(b->node) == m->ids.function_declaration) {
    v = dz_value_new(ev, DZ_V_FUNCTION, m, b->node);
  } else if (ts_node_symbol(b->node) == m->ids.enum_declaration) {
    v = eval_enum(ev, m, b->node);
  } else {
    v = eval_node(ev, m, NULL, b->node);
    if (b->key) v = dz_member(ev, v, b->key, m, b->node);
  }
  slot = slot_of(ev, m); /* the slot vector may have moved */
  slot->memos[i].value = v;
  slot->memos[i].state = MEMO_DONE;
  return v;
}

static dz_value *import_value(dz_eval *ev, const dz_module *m, const dz_import *im, TSNode at) {
  if (is_drizzle_source(im->source)) {
    dz_value *ns = namespace_value(ev, NULL);
    if (strcmp(im->imported, "*") == 0) return ns;
    return dz_member(ev, ns, im->imported, m, at);
  }
  const dz_module *target = resolve_module(ev, m, im->source);
  if (!target)
    return dz_value_unknown(ev, m, at, "`%s` is imported from \"%s\", which cannot be read statically",
                            im->local, im->source);
  if (strcmp(im->imported, "*") == 0) return namespace_value(ev, target);
  return dz_eval_export(ev, target, im->imported);
}

static const char *const js_globals[] = {"Object", "JSON", "Date", "String", "Number", "Math", NULL};

static dz_value *lookup(dz_eval *ev, const dz_module *m, dz_env *env, const char *name, TSNode at) {
  for (dz_env *e = env; e; e = e->next)
    if (strcmp(e->name, name) == 0) return e->value;
  for (size_t i = m->bindings.len; i-- > 0;)
    if (strcmp(m->bindings.items[i].name, name) == 0) return eval_binding(ev, m, i);
  for (size_t i = 0; i < m->imports.len; i++)
    if (strcmp(m->imports.items[i].local, name) == 0) return import_value(ev, m, &m->imports.items[i], at);
  if (strcmp(name, "undefined") == 0) return dz_value_undefined(ev);
  for (size_t i = 0; js_globals[i]; i++)
    if (strcmp(js_globals[i], name) == 0) {
      dz_value *v = dz_value_new(ev, DZ_V_BUILTIN, m, at);
      v->str = js_globals[i];
      return v;
    }
  return dz_value_unknown(ev, m, at, "`%s` is not defined in this file or its imports", name);
}

static dz_value *export_in(dz_eval *ev, const dz_module *m, const char *name, int depth) {
  if (depth > 32) return dz_value_undefined(ev);
  for (size_t i = 0; i < m->exports.len; i++) {
    const dz_export *e = &m->exports.items[i];
    if (strcmp(e->exported, name) != 0) continue;
    if (!e->source) return lookup(ev, m, NULL, e->local, e->node);
    dz_import im = {e->exported, e->source, e->local};
    return import_value(ev, m, &im, e->node);
  }
  if (strcmp(name, "default") == 0) return dz_value_undefined(ev);
  for (size_t i = 0; i < m->star_sources.len; i++) {
    if (is_drizzle_source(m->star_sources.items[i])) continue;
    const dz_module *t = resolve_module(ev, m, m->star_sources.items[i]);
    if (!t) continue;
    dz_value *v = export_in(ev, t, name, depth + 1);
    if (v->kind != DZ_V_UNDEFINED) return v;
  }
  return dz_value_undefined(ev);
}

dz_value *dz_eval_export(dz_eval *ev, const dz_module *m, const char *name) {
  slot_of(ev, m);
  return export_in(ev, m, name, 0);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool has_name(const dz_strvec *v, const char *name) {
  for (size_t i = 0; i < v->len; i++)
    if (strcmp(v->items[i], name) == 0) return true;
  return false;
}

/* The order of the CommonJS exports object drizzle-kit requires (esbuild's
** output): the module's own exports sorted by name, then each `export *`
** source's exports in turn, default and names already there left out. */
static void collect_exports(dz_eval *ev, const dz_module *m, dz_strvec *out, int depth) {
  if (depth > 32) return;
  size_t first = out->len;
  for (size_t i = 0; i < m->exports.len; i++)
    if (!has_name(out, m->exports.items[i].exported)) dz_vec_push(ev->a, out, m->exports.items[i].exported);
  if (out->len - first > 1) qsort(out->items + first, out->len - first, sizeof *out->items, cmp_str);
  for (size_t i = 0; i < m->star_sources.len; i++) {
    const dz_module *t = resolve_module(ev, m, m->star_sources.items[i]);
    if (!t) continue;
    dz_strvec theirs = {0};
    collect_exports(ev, t, &theirs, depth + 1);
    for (size_t j = 0; j < theirs.len; j++)
      if (strcmp(theirs.items[j], "default") != 0 && !has_name(out, theirs.items[j]))
        dz_vec_push(ev->a, out, theirs.items[j]);
  }
}

void dz_module_export_names(dz_eval *ev, const dz_module *m, dz_strvec *out) {
  slot_of(ev, m);
  collect_exports(ev, m, out, 0);
}

/* ---- expressions -------------------------------------------------------- */

static dz_value *eval_number(dz_eval *ev, const dz_module *m, TSNode n) {
  char *t = node_text(ev, m, n), *w = t;
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
  nodevec parts = named_children(ev, m, n);
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
    dz_value *v = eval_node(ev, m, env, ts_node_named_child(p, 0));
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
  nodevec parts = named_children(ev, m, n);
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
    dz_vec_push(ev->a, &sql->items, eval_node(ev, m, env, ts_node_named_child(parts.items[i], 0)));
  }
  return sql;
}

static const char *property_key(dz_eval *ev, const dz_module *m, dz_env *env, TSNode k) {
  TSSymbol s = ts_node_symbol(k);
  if (s == m->ids.string) return dz_module_string_value(m, ev->a, k);
  if (s == m->ids.number) return dz_js_to_string(ev, eval_number(ev, m, k));
  if (s == m->ids.computed_property_name && ts_node_named_child_count(k) > 0)
    return dz_js_to_string(ev, eval_node(ev, m, env, ts_node_named_child(k, 0)));
  return node_text(ev, m, k);
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
  nodevec kids = named_children(ev, m, n);
  for (size_t i = 0; i < kids.len; i++) {
    TSNode c = kids.items[i];
    TSSymbol s = ts_node_symbol(c);
    if (s == m->ids.pair) {
      const char *key = property_key(ev, m, env, ts_node_child_by_field_id(c, m->ids.f_key));
      dz_value *v = eval_node(ev, m, env, ts_node_child_by_field_id(c, m->ids.f_value));
      if (key) dz_object_set(ev, obj, key, v, m, c);
    } else if (s == m->ids.shorthand_property_identifier) {
      char *key = node_text(ev, m, c);
      dz_object_set(ev, obj, key, lookup(ev, m, env, key, c), m, c);
    } else if (s == m->ids.method_definition) {
      const char *key = property_key(ev, m, env, ts_node_child_by_field_id(c, m->ids.f_name));
      dz_value *fn = dz_value_new(ev, DZ_V_FUNCTION, m, c);
      fn->env = env;
      if (key) dz_object_set(ev, obj, key, fn, m, c);
    } else if (s == m->ids.spread_element && ts_node_named_child_count(c) > 0) {
      spread_into(ev, obj, eval_node(ev, m, env, ts_node_named_child(c, 0)));
    }
  }
  return obj;
}

static dz_value *eval_array(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_value *arr = dz_value_new(ev, DZ_V_ARRAY, m, n);
  nodevec kids = named_children(ev, m, n);
  for (size_t i = 0; i < kids.len; i++) {
    TSNode c = kids.items[i];
    if (ts_node_symbol(c) == m->ids.spread_element && ts_node_named_child_count(c) > 0) {
      dz_value *src = eval_node(ev, m, env, ts_node_named_child(c, 0));
      if (src->kind == DZ_V_ARRAY)
        for (size_t j = 0; j < src->items.len; j++) dz_vec_push(ev->a, &arr->items, src->items.items[j]);
      else
        dz_vec_push(ev->a, &arr->items, src);
      continue;
    }
    dz_vec_push(ev->a, &arr->items, eval_node(ev, m, env, c));
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
      if (array_index_key(name, &idx)) return idx < obj->items.len ? obj->items.items[idx] : dz_value_undefined(ev);
      break;
    }
    default: break;
  }
  return dz_builtin_member(ev, obj, name, m, at);
}

static dz_value *eval_call(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  TSNode fn = ts_node_child_by_field_id(n, m->ids.f_function);
  TSNode args = ts_node_child_by_field_id(n, m->ids.f_arguments);
  dz_value *callee = eval_node(ev, m, env, fn);
  if (ts_node_symbol(args) == m->ids.template_string) {
    if (callee->kind == DZ_V_BUILTIN && strcmp(callee->str, "sql") == 0)
      return eval_sql_template(ev, m, env, args);
    if (callee->kind == DZ_V_UNKNOWN) return callee;
    return dz_value_unknown(ev, m, n, "tagged template `%s` is not drizzle's sql",
                            dz_construct_text(ev, m, fn));
  }
  size_t argc;
  dz_value *argv = eval_args(ev, m, env, args, &argc);
  return dz_eval_call(ev, callee, argv->items.items, argc, n, m);
}

static double js_truthy(const dz_value *v, bool *known) {
  *known = true;
  switch (v->kind) {
    case DZ_V_UNDEFINED: case DZ_V_NULL: return 0;
    case DZ_V_BOOL: return v->b;
    case DZ_V_NUMBER: return v->num != 0 && !isnan(v->num);
    case DZ_V_STRING: return v->len > 0;
    case DZ_V_UNKNOWN: *known = false; return 0;
    default: return 1;
  }
}

static dz_value *eval_binary(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  TSNode op = ts_node_child_by_field_id(n, m->ids.f_operator);
  char *o = node_text(ev, m, op);
  dz_value *l = eval_node(ev, m, env, ts_node_child_by_field_id(n, m->ids.f_left));
  bool known;
  if (strcmp(o, "??") == 0 || strcmp(o, "||") == 0 || strcmp(o, "&&") == 0) {
    bool t = js_truthy(l, &known);
    if (!known) return l;
    bool nullish = l->kind == DZ_V_NULL || l->kind == DZ_V_UNDEFINED;
    bool take_left = o[0] == '?' ? !nullish : o[0] == '|' ? t : !t;
    return take_left ? l : eval_node(ev, m, env, ts_node_child_by_field_id(n, m->ids.f_right));
  }
  dz_value *r = eval_node(ev, m, env, ts_node_child_by_field_id(n, m->ids.f_right));
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
  if (strcmp(o, "+") == 0 && (l->kind == DZ_V_STRING || r->kind == DZ_V_STRING)) {
    const char *a = dz_js_to_string(ev, l), *b = dz_js_to_string(ev, r);
    if (a && b) return dz_value_string(ev, m, n, dz_arena_printf(ev->a, "%s%s", a, b));
  }
  return dz_value_unknown(ev, m, n, "expression `%s` cannot be resolved statically",
                          dz_construct_text(ev, m, n));
}

static dz_value *eval_unary(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  char *o = node_text(ev, m, ts_node_child_by_field_id(n, m->ids.f_operator));
  dz_value *x = eval_node(ev, m, env, ts_node_child_by_field_id(n, m->ids.f_argument));
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
    bool t = js_truthy(x, &known);
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
  dz_value *c = eval_node(ev, m, env, ts_node_child_by_field_id(n, m->ids.f_condition));
  bool t = js_truthy(c, &known);
  if (!known)
    return dz_value_unknown(ev, m, n, "condition `%s` cannot be resolved statically",
                            dz_construct_text(ev, m, ts_node_child_by_field_id(n, m->ids.f_condition)));
  return eval_node(ev, m, env,
                   ts_node_child_by_field_id(n, t ? m->ids.f_consequence : m->ids.f_alternative));
}

static dz_value *eval_new(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  dz_value *ctor = eval_node(ev, m, env, ts_node_child_by_field_id(n, m->ids.f_constructor));
  TSNode args = ts_node_child_by_field_id(n, m->ids.f_arguments);
  size_t argc = 0;
  dz_value *argv = ts_node_is_null(args) ? NULL : eval_args(ev, m, env, args, &argc);
  if (ctor->kind == DZ_V_BUILTIN && strcmp(ctor->str, "Date") == 0)
    return dz_new_date(ev, argv ? argv->items.items : NULL, argc, m, n);
  if (ctor->kind == DZ_V_UNKNOWN) return ctor;
  return dz_value_unknown(ev, m, n, "`%s` cannot be resolved statically", dz_construct_text(ev, m, n));
}

static dz_value *eval_node(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n) {
  if (ts_node_is_null(n)) return dz_value_undefined(ev);
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
  else if (s == id->identifier) v = lookup(ev, m, env, node_text(ev, m, n), n);
  else if (s == id->object) v = eval_object(ev, m, env, n);
  else if (s == id->array) v = eval_array(ev, m, env, n);
  else if (s == id->call_expression) v = eval_call(ev, m, env, n);
  else if (s == id->member_expression) {
    dz_value *o = eval_node(ev, m, env, ts_node_child_by_field_id(n, id->f_object));
    v = dz_member(ev, o, node_text(ev, m, ts_node_child_by_field_id(n, id->f_property)), m, n);
  } else if (s == id->subscript_expression) {
    dz_value *o = eval_node(ev, m, env, ts_node_child_by_field_id(n, id->f_object));
    const char *k = dz_js_to_string(ev, eval_node(ev, m, env, ts_node_child_by_field_id(n, id->f_index)));
    v = k ? dz_member(ev, o, k, m, n)
          : dz_value_unknown(ev, m, n, "index in `%s` cannot be resolved statically", dz_construct_text(ev, m, n));
  } else if (s == id->new_expression) v = eval_new(ev, m, env, n);
  else if (s == id->arrow_function || s == id->function_expression) {
    v = dz_value_new(ev, DZ_V_FUNCTION, m, n);
    v->env = env;
  } else if (s == id->parenthesized_expression || s == id->as_expression ||
             s == id->satisfies_expression || s == id->non_null_expression ||
             s == id->await_expression) {
    v = eval_node(ev, m, env, ts_node_named_child(n, 0));
  } else if (s == id->type_assertion) {
    v = eval_node(ev, m, env, ts_node_named_child(n, ts_node_named_child_count(n) - 1));
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
  TSNode single = ts_node_child_by_field_id(fn, m->ids.f_parameter);
  if (!ts_node_is_null(single))
    return bind(ev, env, node_text(ev, m, single), n > 0 ? args[0] : dz_value_undefined(ev));
  TSNode params = ts_node_child_by_field_id(fn, m->ids.f_parameters);
  if (ts_node_is_null(params)) return env;
  nodevec ps = named_children(ev, m, params);
  for (size_t i = 0; i < ps.len; i++) {
    TSNode p = ps.items[i];
    TSNode pat = ts_node_child_by_field_id(p, m->ids.f_pattern);
    dz_value *v = i < n ? args[i] : dz_value_undefined(ev);
    if (v->kind == DZ_V_UNDEFINED) {
      TSNode dflt = ts_node_child_by_field_id(p, m->ids.f_value);
      if (!ts_node_is_null(dflt)) v = eval_node(ev, m, env, dflt);
    }
    if (ts_node_is_null(pat)) continue;
    if (ts_node_symbol(pat) == m->ids.identifier) {
      env = bind(ev, env, node_text(ev, m, pat), v);
    } else if (ts_node_symbol(pat) == m->ids.object_pattern) {
      nodevec props = named_children(ev, m, pat);
      for (size_t j = 0; j < props.len; j++)
        if (ts_node_symbol(props.items[j]) == m->ids.shorthand_property_identifier_pattern) {
          char *k = node_text(ev, m, props.items[j]);
          env = bind(ev, env, k, dz_member(ev, v, k, m, props.items[j]));
        }
    }
  }
  return env;
}

/* A block body: local consts, then the first top-level return. */
static dz_value *eval_block(dz_eval *ev, const dz_module *m, dz_env *env, TSNode body) {
  nodevec sts = named_children(ev, m, body);
  for (size_t i = 0; i < sts.len; i++) {
    TSNode st = sts.items[i];
    TSSymbol s = ts_node_symbol(st);
    if (s == m->ids.return_statement)
      return ts_node_named_child_count(st) ? eval_node(ev, m, env, ts_node_named_child(st, 0))
                                           : dz_value_undefined(ev);
    if (s == m->ids.lexical_declaration || s == m->ids.variable_declaration) {
      nodevec ds = named_children(ev, m, st);
      for (size_t j = 0; j < ds.len; j++) {
        TSNode name = ts_node_child_by_field_id(ds.items[j], m->ids.f_name);
        if (ts_node_is_null(name) || ts_node_symbol(name) != m->ids.identifier) continue;
        dz_value *v = eval_node(ev, m, env, ts_node_child_by_field_id(ds.items[j], m->ids.f_value));
        env = bind(ev, env, node_text(ev, m, name), v);
      }
      continue;
    }
    if (s == m->ids.function_declaration) {
      TSNode name = ts_node_child_by_field_id(st, m->ids.f_name);
      dz_value *fn = dz_value_new(ev, DZ_V_FUNCTION, m, st);
      fn->env = env;
      if (!ts_node_is_null(name)) env = bind(ev, env, node_text(ev, m, name), fn);
      continue;
    }
    return dz_value_unknown(ev, m, st, "function body statement `%s` cannot be resolved statically",
                            dz_construct_text(ev, m, st));
  }
  return dz_value_undefined(ev);
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
  dz_env *env = bind_params(ev, m, fn->env, fn->node, args, n);
  TSNode body = ts_node_child_by_field_id(fn->node, m->ids.f_body);
  dz_value *v = ts_node_symbol(body) == m->ids.statement_block ? eval_block(ev, m, env, body)
                                                                : eval_node(ev, m, env, body);
  ev->depth--;
  return v;
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
