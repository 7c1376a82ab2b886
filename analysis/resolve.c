/*
** resolve.c — the evaluation context (resolve.h): the linked modules, import
** resolution across files (relative paths as Node and TypeScript resolve
** them), top-level bindings evaluated lazily once, and exports in the order
** drizzle-kit sees them. Expressions are evaluated in eval.c.
*/
#include "drizzle_lsp/eval.h"

#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/package_path.h"
#include "drizzle_lsp/path.h"
#include "drizzle_lsp/tsconfig.h"

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
  for (size_t i = 0; i < n; i++) {
    dz_module_linked(mods[i]);
    add_slot(ev, mods[i], false);
  }
  return ev;
}

void dz_eval_use_tsconfig(dz_eval *ev, const dz_tsconfig *tc) { ev->tsconfig = tc; }

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

/* ---- scopes and modules ------------------------------------------------ */


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
  bool owned = false;
  dz_module *loaded = ev->load(ev->load_ctx, path, &owned);
  if (loaded) {
    dz_module_linked(loaded);
    add_slot(ev, loaded, owned);
  }
  return loaded;
}

static const dz_module *resolve_base(dz_eval *ev, char *base, bool ts_only);

/* What base resolves to, remembered: imports are resolved on every use. */
static const dz_module *resolve_cached(dz_eval *ev, char *base, bool ts_only) {
  for (size_t i = 0; i < ev->resolved.len; i++)
    if (strcmp(ev->resolved.items[i].base, base) == 0) return ev->resolved.items[i].m;
  const dz_module *m = resolve_base(ev, base, ts_only);
  dz_resolved r = {base, m};
  dz_vec_push(ev->a, &ev->resolved, r);
  return m;
}

/* A bare specifier through the tsconfig's paths, as drizzle-kit's loader
** does for files outside node_modules: each candidate as a relative import. */
static const dz_module *resolve_alias(dz_eval *ev, const char *dir, const char *spec) {
  if (!ev->tsconfig || strstr(dir, "/node_modules/") || dz_path_has_ext(dir, "/node_modules")) return NULL;
  dz_strvec candidates = {0};
  dz_tsconfig_candidates(ev->tsconfig, spec, ev->a, &candidates);
  const dz_module *m = NULL;
  for (size_t i = 0; i < candidates.len && !m; i++)
    m = resolve_cached(ev, normalize_path(ev->a, candidates.items[i]), false);
  return m;
}

/* Node/TypeScript resolution of a specifier: relative paths as written, with
** .ts, .tsx, .js -> .ts, then a folder's index; bare ones through the
** tsconfig's paths, then node_modules. */
static const dz_module *resolve_module(dz_eval *ev, const dz_module *from, const char *spec) {
  char *dir = dz_path_dirname(ev->a, normalize_path(ev->a, from->path));
  if (is_relative(spec)) return resolve_cached(ev, dz_path_resolve(ev->a, dir, spec), false);
  const dz_module *m = resolve_alias(ev, dir, spec);
  if (m) return m;
  char *base = dz_package_path(ev->a, dir, spec);
  return base ? resolve_cached(ev, base, true) : NULL;
}

/* "./x.js" written in TypeScript names x.ts (and .mjs names .mts...). */
static const char *const js_to_ts[][2] = {
    {".js", ".ts"}, {".js", ".tsx"}, {".jsx", ".tsx"}, {".mjs", ".mts"}, {".cjs", ".cts"}};
static const char *const extensions[] = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"};
#define DZ_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* base as written, or with an extension, or base/index. ts_only: TypeScript
** sources alone (for packages: compiled JavaScript from npm is library code
** there is no point in reading). */
static const dz_module *resolve_base(dz_eval *ev, char *base, bool ts_only) {
  const dz_module *m = NULL;
  size_t n_exts = ts_only ? 4 : DZ_COUNT(extensions);
  for (size_t i = 0; i < DZ_COUNT(js_to_ts) && !m; i++)
    if (dz_path_has_ext(base, js_to_ts[i][0]))
      m = try_path(ev, dz_arena_printf(ev->a, "%.*s%s", (int)(strlen(base) - strlen(js_to_ts[i][0])), base,
                                       js_to_ts[i][1]));
  for (size_t i = 0; i < n_exts && !m; i++)
    if (dz_path_has_ext(base, extensions[i])) m = try_path(ev, base); /* written with its extension */
  for (size_t i = 0; i < n_exts && !m; i++)
    m = try_path(ev, dz_arena_printf(ev->a, "%s%s", base, extensions[i]));
  for (size_t i = 0; i < n_exts && !m; i++)
    m = try_path(ev, dz_arena_printf(ev->a, "%s/index%s", base, extensions[i]));
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


/* A TypeScript enum as the object TypeScript emits: members with their
** values, numeric ones also mapped back from value to name. */
static dz_value *eval_enum(dz_eval *ev, const dz_module *m, TSNode decl) {
  dz_value *obj = dz_value_new(ev, DZ_V_OBJECT, m, decl);
  dz_nodevec members = dz_children(ev, m, dz_module_field(m, decl, m->ids.f_body));
  double next = 0;
  for (size_t i = 0; i < members.len; i++) {
    TSNode mem = members.items[i], name = mem;
    dz_value *v;
    if (ts_node_symbol(mem) == m->ids.enum_assignment) {
      name = dz_module_field(m, mem, m->ids.f_name);
      v = dz_eval_node(ev, m, NULL, dz_module_field(m, mem, m->ids.f_value));
    } else {
      v = dz_value_new(ev, DZ_V_NUMBER, m, mem);
      v->num = next;
    }
    const char *key = dz_property_key(ev, m, NULL, name);
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
  if (memo->state == DZ_MEMO_DONE) return memo->value;
  if (memo->state == DZ_MEMO_BUSY)
    return dz_value_unknown(ev, m, b->node, "`%s` refers to itself while being defined", b->name);
  memo->state = DZ_MEMO_BUSY;
  dz_value *v;
  if (ts_node_symbol(b->node) == m->ids.function_declaration) {
    v = dz_value_new(ev, DZ_V_FUNCTION, m, b->node);
  } else if (ts_node_symbol(b->node) == m->ids.enum_declaration) {
    v = eval_enum(ev, m, b->node);
  } else {
    v = dz_eval_node(ev, m, NULL, b->node);
    if (b->key) v = dz_member(ev, v, b->key, m, b->node);
  }
  slot = slot_of(ev, m); /* the slot vector may have moved */
  slot->memos[i].value = v;
  slot->memos[i].state = DZ_MEMO_DONE;
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

dz_value *dz_lookup(dz_eval *ev, const dz_module *m, dz_env *env, const char *name, TSNode at) {
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
  static const char *const runtime[] = {"process", "crypto", "globalThis", "Buffer", "require", "window", NULL};
  for (size_t i = 0; runtime[i]; i++)
    if (strcmp(runtime[i], name) == 0)
      return dz_value_unknown(ev, m, at, "`%s` is only known when the schema runs", name);
  return dz_value_unknown(ev, m, at, "`%s` is not defined in this file or its imports", name);
}

static dz_value *export_in(dz_eval *ev, const dz_module *m, const char *name, int depth) {
  if (depth > 32) return dz_value_undefined(ev);
  for (size_t i = 0; i < m->exports.len; i++) {
    const dz_export *e = &m->exports.items[i];
    if (strcmp(e->exported, name) != 0) continue;
    if (!e->source) return dz_lookup(ev, m, NULL, e->local, e->node);
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
    if (is_drizzle_source(m->star_sources.items[i])) continue;
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
