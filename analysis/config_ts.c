/*
** config_ts.c — drizzle.config.ts/.js/.mjs read statically: the syntax tree
** (tree-sitter) of the file is searched for its default export or
** module.exports, and the object literal found there is turned into a value
** tree (config_value.h). Nothing is ever run, so a value that is not a
** literal (a function call, an imported name) becomes DZ_CV_DYNAMIC and the
** caller decides whether that field may be unknown.
*/
#include "drizzle_lsp/config_value.h"

#include <string.h>

#include "drizzle_lsp/jsstring.h"
#include "drizzle_lsp/parse.h"

/* Deep enough for any hand-written config; stops `const a = b, b = a`. */
#define DZ_CV_MAX_DEPTH 32
#define DZ_CV_SNIPPET 60

typedef struct dz_ts_reader {
  const char *path;
  const char *text;
  dz_arena *a;
  TSNode root;
} dz_ts_reader;

static bool is_type(TSNode n, const char *type) { return strcmp(ts_node_type(n), type) == 0; }

static bool text_is(const dz_ts_reader *r, TSNode n, const char *s) {
  size_t len;
  const char *t = dz_node_text(n, r->text, &len);
  return len == strlen(s) && memcmp(t, s, len) == 0;
}

static void node_pos(TSNode n, uint32_t *line, uint32_t *col) {
  TSPoint p = ts_node_start_point(n);
  *line = p.row + 1;
  *col = p.column + 1;
}

/* The node's source, shortened for a message without splitting a UTF-8
** sequence, and with newlines folded to spaces. */
static const char *snippet(const dz_ts_reader *r, TSNode n) {
  size_t len;
  const char *t = dz_node_text(n, r->text, &len);
  bool cut = len > DZ_CV_SNIPPET;
  if (cut) {
    len = DZ_CV_SNIPPET;
    while (len > 0 && ((unsigned char)t[len] & 0xC0) == 0x80) len--;
  }
  char *s = dz_arena_printf(r->a, "%.*s%s", (int)len, t, cut ? "..." : "");
  for (char *p = s; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  return s;
}

static dz_cv *new_value(const dz_ts_reader *r, dz_cv_kind kind, TSNode at) {
  dz_cv *v = dz_arena_alloc(r->a, sizeof *v);
  v->kind = kind;
  node_pos(at, &v->line, &v->col);
  return v;
}

static dz_cv *dynamic(const dz_ts_reader *r, TSNode n) {
  dz_cv *v = new_value(r, DZ_CV_DYNAMIC, n);
  v->text = snippet(r, n);
  return v;
}

/* The value of a quoted literal ('...', "..." or `...` without ${}). */
static const char *decode_string(const dz_ts_reader *r, TSNode n) {
  size_t len;
  const char *t = dz_node_text(n, r->text, &len);
  return dz_js_string_value(r->a, t, len);
}

/* ---- bindings and wrappers ---- */

static TSNode null_node(void) {
  TSNode n;
  memset(&n, 0, sizeof n);
  return n;
}

/* The initializer of a top-level `const|let|var name = ...` (also inside
** `export const`), or a null node. */
static TSNode find_binding(const dz_ts_reader *r, TSNode name) {
  TSNode found = null_node();
  uint32_t n = ts_node_named_child_count(r->root);
  for (uint32_t i = 0; i < n; i++) {
    TSNode st = ts_node_named_child(r->root, i);
    if (is_type(st, "export_statement")) st = ts_node_child_by_field_name(st, "declaration", 11);
    if (ts_node_is_null(st) ||
        !(is_type(st, "lexical_declaration") || is_type(st, "variable_declaration")))
      continue;
    for (uint32_t k = 0; k < ts_node_named_child_count(st); k++) {
      TSNode d = ts_node_named_child(st, k);
      TSNode id = ts_node_child_by_field_name(d, "name", 4);
      if (ts_node_is_null(id) || !is_type(id, "identifier")) continue;
      size_t a_len, b_len;
      const char *a = dz_node_text(id, r->text, &a_len), *b = dz_node_text(name, r->text, &b_len);
      if (a_len == b_len && memcmp(a, b, a_len) == 0)
        found = ts_node_child_by_field_name(d, "value", 5);
    }
  }
  return found;
}

/* Strip what changes a value's type but not the value: parentheses, `as T`,
** `satisfies T`, `x!`, `<T>x`; and follow identifiers to their constants. */
static TSNode unwrap(const dz_ts_reader *r, TSNode n, int depth) {
  while (!ts_node_is_null(n) && depth++ < DZ_CV_MAX_DEPTH) {
    if (is_type(n, "parenthesized_expression") || is_type(n, "as_expression") ||
        is_type(n, "satisfies_expression") || is_type(n, "non_null_expression")) {
      n = ts_node_named_child(n, 0);
    } else if (is_type(n, "type_assertion")) {
      n = ts_node_named_child(n, ts_node_named_child_count(n) - 1);
    } else if (is_type(n, "identifier") || is_type(n, "shorthand_property_identifier")) {
      TSNode v = find_binding(r, n);
      if (ts_node_is_null(v)) return n;
      n = v;
    } else {
      return n;
    }
  }
  return n;
}

/* ---- values ---- */

static dz_cv *to_value(const dz_ts_reader *r, TSNode n, int depth);

/* Room for members is tracked per array, as dz_arena_reserve wants. */
typedef struct dz_member_caps {
  size_t keys, items;
} dz_member_caps;

static void add_member(const dz_ts_reader *r, dz_cv *obj, const char *key, dz_cv *v,
                       dz_member_caps *cap) {
  dz_arena_reserve(r->a, (void **)&obj->keys, &cap->keys, obj->len + 1, sizeof *obj->keys);
  dz_arena_reserve(r->a, (void **)&obj->items, &cap->items, obj->len + 1, sizeof *obj->items);
  obj->keys[obj->len] = key;
  obj->items[obj->len++] = v;
}

static const char *property_key(const dz_ts_reader *r, TSNode key) {
  if (is_type(key, "string")) return decode_string(r, key);
  if (is_type(key, "property_identifier") || is_type(key, "number") ||
      is_type(key, "shorthand_property_identifier")) {
    size_t len;
    const char *t = dz_node_text(key, r->text, &len);
    return dz_arena_strndup(r->a, t, len);
  }
  return NULL; /* [computed]: unknown until run */
}

/* Members of an object literal; a spread of another constant object
** contributes its members in place; an unknown spread or computed key is
** left out (a required field it may hold is then reported missing). */
static void object_members(const dz_ts_reader *r, TSNode n, dz_cv *obj, dz_member_caps *cap,
                           int depth) {
  for (uint32_t i = 0; i < ts_node_named_child_count(n); i++) {
    TSNode m = ts_node_named_child(n, i);
    if (is_type(m, "pair")) {
      const char *key = property_key(r, ts_node_child_by_field_name(m, "key", 3));
      if (key)
        add_member(r, obj, key, to_value(r, ts_node_child_by_field_name(m, "value", 5), depth + 1),
                   cap);
    } else if (is_type(m, "shorthand_property_identifier")) {
      add_member(r, obj, property_key(r, m), to_value(r, m, depth + 1), cap);
    } else if (is_type(m, "spread_element")) {
      TSNode src = unwrap(r, ts_node_named_child(m, 0), depth);
      if (!ts_node_is_null(src) && is_type(src, "object") && depth < DZ_CV_MAX_DEPTH)
        object_members(r, src, obj, cap, depth + 1);
    }
  }
}

static dz_cv *array_value(const dz_ts_reader *r, TSNode n, int depth) {
  dz_cv *v = new_value(r, DZ_CV_ARRAY, n);
  uint32_t count = ts_node_named_child_count(n);
  v->items = dz_arena_alloc(r->a, (count ? count : 1) * sizeof *v->items);
  for (uint32_t i = 0; i < count; i++) {
    TSNode item = ts_node_named_child(n, i);
    if (is_type(item, "comment")) continue;
    if (is_type(item, "spread_element")) return dynamic(r, n);
    v->items[v->len++] = to_value(r, item, depth + 1);
  }
  return v;
}

static bool is_nullish_or_falsy(const dz_cv *v, bool falsy) {
  if (v->kind == DZ_CV_NULL) return true;
  if (!falsy) return false;
  return (v->kind == DZ_CV_BOOL && !v->boolean) || (v->kind == DZ_CV_STRING && !*v->text) ||
         (v->kind == DZ_CV_NUMBER && strcmp(v->text, "0") == 0);
}

/* `a ?? b` and `a || b`: with `a` known, its value or b's; with `a` unknown
** (typically process.env.X), unknown, but b is kept as the fallback. */
static dz_cv *fallback_value(const dz_ts_reader *r, TSNode n, int depth) {
  TSNode op = ts_node_child_by_field_name(n, "operator", 8);
  bool nullish = text_is(r, op, "??");
  if (!nullish && !text_is(r, op, "||")) return dynamic(r, n);
  dz_cv *left = to_value(r, ts_node_child_by_field_name(n, "left", 4), depth + 1);
  dz_cv *right = to_value(r, ts_node_child_by_field_name(n, "right", 5), depth + 1);
  if (left->kind != DZ_CV_DYNAMIC) return is_nullish_or_falsy(left, !nullish) ? right : left;
  dz_cv *v = dynamic(r, n);
  v->fallback = right->kind == DZ_CV_DYNAMIC ? right->fallback : right;
  return v;
}

static dz_cv *literal_value(const dz_ts_reader *r, TSNode n) {
  dz_cv *v;
  if (is_type(n, "string")) {
    v = new_value(r, DZ_CV_STRING, n);
    v->text = decode_string(r, n);
  } else if (is_type(n, "true") || is_type(n, "false")) {
    v = new_value(r, DZ_CV_BOOL, n);
    v->boolean = is_type(n, "true");
  } else if (is_type(n, "null") || is_type(n, "undefined")) {
    v = new_value(r, DZ_CV_NULL, n);
  } else if (is_type(n, "number") ||
             (is_type(n, "unary_expression") && ts_node_named_child_count(n) == 1 &&
              is_type(ts_node_named_child(n, 0), "number"))) {
    v = new_value(r, DZ_CV_NUMBER, n);
    v->text = snippet(r, n);
  } else {
    return NULL;
  }
  return v;
}

static bool has_substitution(TSNode n) {
  for (uint32_t i = 0; i < ts_node_named_child_count(n); i++)
    if (is_type(ts_node_named_child(n, i), "template_substitution")) return true;
  return false;
}

static dz_cv *to_value(const dz_ts_reader *r, TSNode n, int depth) {
  TSNode at = n;
  n = unwrap(r, n, depth);
  if (ts_node_is_null(n) || depth > DZ_CV_MAX_DEPTH) return dynamic(r, at);
  dz_cv *v = literal_value(r, n);
  if (v) return v;
  if (is_type(n, "template_string") && !has_substitution(n)) {
    v = new_value(r, DZ_CV_STRING, n);
    v->text = decode_string(r, n);
    return v;
  }
  if (is_type(n, "array")) return array_value(r, n, depth);
  if (is_type(n, "binary_expression")) return fallback_value(r, n, depth);
  if (is_type(n, "object")) {
    dz_member_caps cap = {0, 0};
    v = new_value(r, DZ_CV_OBJECT, n);
    object_members(r, n, v, &cap, depth);
    return v;
  }
  return dynamic(r, at);
}

/* ---- finding the exported config ---- */

static bool has_default_keyword(TSNode st) {
  for (uint32_t i = 0; i < ts_node_child_count(st); i++)
    if (is_type(ts_node_child(st, i), "default")) return true;
  return false;
}

/* `export { config as default }`: the local name exported as default. */
static TSNode default_in_clause(const dz_ts_reader *r, TSNode st) {
  for (uint32_t i = 0; i < ts_node_named_child_count(st); i++) {
    TSNode clause = ts_node_named_child(st, i);
    if (!is_type(clause, "export_clause")) continue;
    for (uint32_t k = 0; k < ts_node_named_child_count(clause); k++) {
      TSNode spec = ts_node_named_child(clause, k);
      TSNode alias = ts_node_child_by_field_name(spec, "alias", 5);
      if (!ts_node_is_null(alias) && text_is(r, alias, "default"))
        return ts_node_child_by_field_name(spec, "name", 4);
    }
  }
  return null_node();
}

/* `module.exports = ...` or `exports.default = ...`: the assigned value. */
static TSNode commonjs_export(const dz_ts_reader *r, TSNode st) {
  TSNode e = ts_node_named_child(st, 0);
  if (ts_node_is_null(e) || !is_type(e, "assignment_expression")) return null_node();
  TSNode left = ts_node_child_by_field_name(e, "left", 4);
  if (text_is(r, left, "module.exports") || text_is(r, left, "exports.default") ||
      text_is(r, left, "module.exports.default"))
    return ts_node_child_by_field_name(e, "right", 5);
  return null_node();
}

/* The exported value: `export default` wins over module.exports, as
** drizzle-kit takes `required.default ?? required`. */
static TSNode find_export(const dz_ts_reader *r) {
  TSNode def = null_node(), cjs = null_node();
  for (uint32_t i = 0; i < ts_node_named_child_count(r->root); i++) {
    TSNode st = ts_node_named_child(r->root, i), v = null_node();
    if (is_type(st, "export_statement")) {
      v = has_default_keyword(st) ? ts_node_child_by_field_name(st, "value", 5)
                                  : default_in_clause(r, st);
      if (!ts_node_is_null(v)) def = v;
      else if (has_default_keyword(st)) def = st; /* export default function/class */
    } else if (is_type(st, "expression_statement")) {
      v = commonjs_export(r, st);
      if (!ts_node_is_null(v)) cjs = v;
    }
  }
  return ts_node_is_null(def) ? cjs : def;
}

/* The config object: the export itself, or the object passed to a call
** such as defineConfig({...}) under whatever name it was imported. */
static TSNode config_object(const dz_ts_reader *r, TSNode n) {
  for (int depth = 0; depth < DZ_CV_MAX_DEPTH; depth++) {
    n = unwrap(r, n, depth);
    if (ts_node_is_null(n) || !is_type(n, "call_expression")) return n;
    TSNode args = ts_node_child_by_field_name(n, "arguments", 9);
    if (ts_node_is_null(args) || ts_node_named_child_count(args) != 1) return n;
    n = ts_node_named_child(args, 0);
  }
  return n;
}

/* The first ERROR or MISSING node, depth first (iterative: a hostile file
** can nest deeper than the stack). */
static TSNode first_error(TSNode n) {
  while (!is_type(n, "ERROR") && !ts_node_is_missing(n)) {
    TSNode next = null_node();
    for (uint32_t i = 0; i < ts_node_child_count(n) && ts_node_is_null(next); i++) {
      TSNode c = ts_node_child(n, i);
      if (ts_node_has_error(c)) next = c;
    }
    if (ts_node_is_null(next)) break;
    n = next;
  }
  return n;
}

static dz_result syntax_error(const dz_ts_reader *r, dz_error *err) {
  TSNode e = first_error(r->root);
  uint32_t line, col;
  node_pos(e, &line, &col);
  if (ts_node_is_missing(e))
    return dz_error_set(err, DZ_ERR_CONFIG, "%s:%u:%u: syntax error: missing '%s'", r->path,
                        line, col, ts_node_type(e));
  return dz_error_set(err, DZ_ERR_CONFIG, "%s:%u:%u: syntax error near '%s'", r->path, line, col,
                      snippet(r, e));
}

static dz_result read_tree(dz_ts_reader *r, dz_cv **out, dz_error *err) {
  if (ts_node_has_error(r->root)) return syntax_error(r, err);
  TSNode exp = find_export(r);
  if (ts_node_is_null(exp))
    return dz_error_set(err, DZ_ERR_CONFIG,
                        "%s: no default export found; write `export default defineConfig({ ... })` "
                        "(or `module.exports = { ... }`)",
                        r->path);
  TSNode obj = config_object(r, exp);
  uint32_t line, col;
  node_pos(ts_node_is_null(obj) ? exp : obj, &line, &col);
  if (ts_node_is_null(obj) || !is_type(obj, "object"))
    return dz_error_set(err, DZ_ERR_CONFIG,
                        "%s:%u:%u: the default export `%s` is not an object literal, so it cannot "
                        "be read statically; write the config as `{ dialect: ..., schema: ... }`",
                        r->path, line, col, snippet(r, ts_node_is_null(obj) ? exp : obj));
  *out = to_value(r, obj, 0);
  return DZ_OK;
}

dz_result dz_config_read_ts(const char *path, const char *text, size_t len, dz_arena *a,
                            dz_cv **out, dz_error *err) {
  dz_parser *p = dz_parser_new();
  if (!p) return dz_error_set(err, DZ_ERR_NOMEM, "%s: cannot create a parser", path);
  TSTree *tree = dz_parser_parse(p, text, len, NULL, err);
  dz_result rc = DZ_ERR_SYNTAX;
  if (tree) {
    dz_ts_reader r = {path, text, a, ts_tree_root_node(tree)};
    rc = read_tree(&r, out, err);
    ts_tree_delete(tree);
  }
  dz_parser_free(p);
  return rc;
}

const dz_cv *dz_cv_get(const dz_cv *obj, const char *key) {
  if (!obj || obj->kind != DZ_CV_OBJECT) return NULL;
  for (size_t i = obj->len; i-- > 0;)
    if (strcmp(obj->keys[i], key) == 0) return obj->items[i];
  return NULL;
}
