/*
** module.c — one TypeScript file as extraction sees it: its text, its tree
** and an index of its top-level bindings, imports and exports. Built once per
** file (the language server keeps it per document) and evaluated lazily by
** resolve.c when modules are linked.
*/
#include "drizzle_lsp/builders.h"

#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/json.h"
#include "drizzle_lsp/jsstring.h"
#include "drizzle_lsp/parse.h"

void dz_tsids_init(dz_tsids *ids, const TSLanguage *lang) {
#define DZ_TS_SYM(m, s) ids->m = ts_language_symbol_for_name(lang, s, (uint32_t)strlen(s), true);
  DZ_TS_SYMBOLS(DZ_TS_SYM)
#undef DZ_TS_SYM
#define DZ_TS_FLD(m, s) ids->f_##m = ts_language_field_id_for_name(lang, s, (uint32_t)strlen(s));
  DZ_TS_FIELDS(DZ_TS_FLD)
#undef DZ_TS_FLD
}

size_t dz_ts_children(TSTreeCursor *c, const dz_tsids *ids, TSNode n, dz_arena *a, TSNode **out) {
  DZ_VEC(TSNode) kids = {0};
  ts_tree_cursor_reset(c, n);
  if (ts_tree_cursor_goto_first_child(c)) {
    do {
      TSNode k = ts_tree_cursor_current_node(c);
      if (ts_node_is_named(k) && ts_node_symbol(k) != ids->comment) dz_vec_push(a, &kids, k);
    } while (ts_tree_cursor_goto_next_sibling(c));
  }
  *out = kids.items;
  return kids.len;
}

/* Named children of n during indexing, through the module's one cursor. */
static size_t kids(dz_module *m, TSNode n, TSNode **out) {
  return dz_ts_children(&m->cursor, &m->ids, n, m->arena, out);
}

const char *dz_module_path(const dz_module *m) { return m->path; }
const char *dz_module_text(const dz_module *m) { return m->text; }
size_t dz_module_len(const dz_module *m) { return m->len; }
TSNode dz_module_root(const dz_module *m) { return ts_tree_root_node(m->tree); }

char *dz_module_node_text(const dz_module *m, dz_arena *a, TSNode n) {
  size_t len;
  const char *s = dz_node_text(n, m->text, &len);
  return dz_arena_strndup(a, s, len);
}

/* The value of a string literal node ("a\"b" -> a"b). */
char *dz_module_string_value(const dz_module *m, dz_arena *a, TSNode n) {
  size_t len;
  const char *s = dz_node_text(n, m->text, &len);
  return dz_js_string_value(a, s, len);
}

char *dz_module_template_part(const dz_module *m, dz_arena *a, uint32_t from, uint32_t to) {
  /* the characters around a part (` } $ or `) stand where quotes would */
  return dz_js_string_value(a, m->text + from - 1, (size_t)(to - from) + 2);
}

static void add_binding(dz_module *m, const char *name, TSNode value, const char *key) {
  dz_binding b = {name, value, key};
  dz_vec_push(m->arena, &m->bindings, b);
}

static void add_export(dz_module *m, const char *exported, const char *local,
                       const char *source, TSNode node) {
  dz_export e = {exported, local, source, node};
  dz_vec_push(m->arena, &m->exports, e);
}

static void add_problem(dz_module *m, TSNode n, const char *msg) {
  dz_problem p = {n, "syntax-error", msg};
  dz_vec_push(m->arena, &m->problems, p);
}

/* The first invalid UTF-8 sequence of the text, if any. drizzle-kit reads
** schema files as Node does, each invalid sequence as one U+FFFD, and so do
** the snapshot and SQL writers here; a name holding one is almost always a
** file saved in another encoding, so say where. */
static void note_invalid_utf8(dz_module *m) {
  const unsigned char *s = (const unsigned char *)m->text;
  for (size_t i = 0; i < m->len;) {
    bool ok;
    size_t n = dz_utf8_sequence(s + i, m->len - i, &ok);
    if (!ok) {
      TSNode at = ts_node_descendant_for_byte_range(ts_tree_root_node(m->tree), (uint32_t)i,
                                                    (uint32_t)(i + n));
      dz_problem p = {at, "invalid-utf8",
                      dz_arena_printf(m->arena,
                                      "invalid UTF-8 (byte 0x%02X): it is read as U+FFFD, as "
                                      "drizzle-kit (Node) reads it; save the file as UTF-8",
                                      s[i])};
      dz_vec_push(m->arena, &m->problems, p);
      return;
    }
    i += n;
  }
}

/* `const { a, b: c } = X`: each name binds a property of X. */
static void index_pattern(dz_module *m, TSNode pat, TSNode value, bool exported) {
  const dz_tsids *id = &m->ids;
  TSNode *cs_;
  size_t n = kids(m, pat, &cs_);
  for (size_t i = 0; i < n; i++) {
    TSNode c = cs_[i];
    const char *key = NULL, *name = NULL;
    if (ts_node_symbol(c) == id->shorthand_property_identifier_pattern) {
      key = name = dz_module_node_text(m, m->arena, c);
    } else if (ts_node_symbol(c) == id->pair_pattern) {
      TSNode k = ts_node_child_by_field_id(c, id->f_key), v = ts_node_child_by_field_id(c, id->f_value);
      if (ts_node_symbol(v) != id->identifier) continue;
      key = dz_module_node_text(m, m->arena, k);
      name = dz_module_node_text(m, m->arena, v);
    } else {
      continue;
    }
    add_binding(m, name, value, key);
    if (exported) add_export(m, name, name, NULL, c);
  }
}

static void index_declaration(dz_module *m, TSNode decl, bool exported) {
  const dz_tsids *id = &m->ids;
  TSSymbol sym = ts_node_symbol(decl);
  if (sym == id->function_declaration || sym == id->enum_declaration) {
    TSNode name = ts_node_child_by_field_id(decl, id->f_name);
    if (ts_node_is_null(name)) return;
    const char *nm = dz_module_node_text(m, m->arena, name);
    add_binding(m, nm, decl, NULL);
    if (exported) add_export(m, nm, nm, NULL, decl);
    return;
  }
  if (sym != id->lexical_declaration && sym != id->variable_declaration) return;
  TSNode *ds_;
  size_t n = kids(m, decl, &ds_);
  for (size_t i = 0; i < n; i++) {
    TSNode d = ds_[i];
    if (ts_node_symbol(d) != id->variable_declarator) continue;
    TSNode name = ts_node_child_by_field_id(d, id->f_name);
    TSNode value = ts_node_child_by_field_id(d, id->f_value);
    if (ts_node_is_null(name) || ts_node_is_null(value)) continue;
    if (ts_node_has_error(d)) {
      add_problem(m, d, "this declaration has syntax errors; it is skipped until they are fixed");
      continue;
    }
    if (ts_node_symbol(name) == id->object_pattern) {
      index_pattern(m, name, value, exported);
      continue;
    }
    if (ts_node_symbol(name) != id->identifier) continue;
    const char *nm = dz_module_node_text(m, m->arena, name);
    add_binding(m, nm, value, NULL);
    if (exported) add_export(m, nm, nm, NULL, d);
  }
}

static void index_import(dz_module *m, TSNode st) {
  const dz_tsids *id = &m->ids;
  TSNode src = ts_node_child_by_field_id(st, id->f_source);
  if (ts_node_is_null(src)) return;
  const char *source = dz_module_string_value(m, m->arena, src);
  TSNode *clauses_;
  size_t n = kids(m, st, &clauses_);
  for (size_t i = 0; i < n; i++) {
    TSNode clause = clauses_[i];
    if (ts_node_symbol(clause) != id->import_clause) continue;
    TSNode *cs_;
    size_t k = kids(m, clause, &cs_);
    for (size_t j = 0; j < k; j++) {
      TSNode c = cs_[j];
      TSSymbol s = ts_node_symbol(c);
      if (s == id->identifier) {
        dz_import im = {dz_module_node_text(m, m->arena, c), source, "default"};
        dz_vec_push(m->arena, &m->imports, im);
      } else if (s == id->namespace_import && ts_node_named_child_count(c) > 0) {
        dz_import im = {dz_module_node_text(m, m->arena, ts_node_named_child(c, 0)), source, "*"};
        dz_vec_push(m->arena, &m->imports, im);
      } else if (s == id->named_imports) {
        TSNode *specs_;
        size_t q = kids(m, c, &specs_);
        for (size_t x = 0; x < q; x++) {
          TSNode spec = specs_[x];
          if (ts_node_symbol(spec) != id->import_specifier) continue;
          TSNode name = ts_node_child_by_field_id(spec, id->f_name);
          TSNode alias = ts_node_child_by_field_id(spec, id->f_alias);
          const char *imported = ts_node_symbol(name) == id->string
                                     ? dz_module_string_value(m, m->arena, name)
                                     : dz_module_node_text(m, m->arena, name);
          const char *local =
              ts_node_is_null(alias) ? imported : dz_module_node_text(m, m->arena, alias);
          dz_import im = {local, source, imported};
          dz_vec_push(m->arena, &m->imports, im);
        }
      }
    }
  }
}

static const char *spec_name(dz_module *m, TSNode n) {
  return ts_node_symbol(n) == m->ids.string ? dz_module_string_value(m, m->arena, n)
                                            : dz_module_node_text(m, m->arena, n);
}

/* export { a, b as c } [from "x"]; export * [as ns] from "x"; export default v */
static void index_export(dz_module *m, TSNode st) {
  const dz_tsids *id = &m->ids;
  TSNode decl = ts_node_child_by_field_id(st, id->f_declaration);
  if (!ts_node_is_null(decl)) {
    index_declaration(m, decl, true);
    return;
  }
  TSNode src = ts_node_child_by_field_id(st, id->f_source);
  const char *source = ts_node_is_null(src) ? NULL : dz_module_string_value(m, m->arena, src);
  TSNode value = ts_node_child_by_field_id(st, id->f_value);
  if (!ts_node_is_null(value)) {
    add_binding(m, "*default*", value, NULL);
    add_export(m, "default", "*default*", NULL, st);
    return;
  }
  TSNode *cs_;
  size_t n = kids(m, st, &cs_);
  bool any = false;
  for (size_t i = 0; i < n; i++) {
    TSNode c = cs_[i];
    TSSymbol s = ts_node_symbol(c);
    if (s == id->export_clause) {
      any = true;
      TSNode *specs_;
      size_t k = kids(m, c, &specs_);
      for (size_t j = 0; j < k; j++) {
        TSNode spec = specs_[j];
        if (ts_node_symbol(spec) != id->export_specifier) continue;
        TSNode name = ts_node_child_by_field_id(spec, id->f_name);
        TSNode alias = ts_node_child_by_field_id(spec, id->f_alias);
        const char *local = spec_name(m, name);
        add_export(m, ts_node_is_null(alias) ? local : spec_name(m, alias), local, source, spec);
      }
    } else if (s == id->namespace_export && ts_node_named_child_count(c) > 0) {
      any = true;
      add_export(m, spec_name(m, ts_node_named_child(c, 0)), "*", source, c);
    }
  }
  if (!any && source) dz_vec_push(m->arena, &m->star_sources, source);
}

static bool is_statement(const dz_tsids *id, TSSymbol s) {
  return s == id->import_statement || s == id->export_statement || s == id->lexical_declaration ||
         s == id->variable_declaration || s == id->function_declaration || s == id->comment ||
         s == id->error;
}

/* Inside an ERROR node (the whole file, when the parser could not recover):
** the first loose token is where the broken part starts. */
static void report_loose_tokens(dz_module *m, TSNode parent) {
  uint32_t n = ts_node_child_count(parent);
  for (uint32_t i = 0; i < n; i++) {
    TSNode c = ts_node_child(parent, i);
    if (ts_node_is_named(c) && is_statement(&m->ids, ts_node_symbol(c))) continue;
    add_problem(m, c, "syntax error: declarations from here on are skipped until it is fixed");
    return;
  }
}

static void index_statements(dz_module *m, TSNode parent) {
  const dz_tsids *id = &m->ids;
  if (ts_node_symbol(parent) == id->error) report_loose_tokens(m, parent);
  TSNode *sts_;
  size_t n = kids(m, parent, &sts_);
  for (size_t i = 0; i < n; i++) {
    TSNode st = sts_[i];
    TSSymbol s = ts_node_symbol(st);
    if (s == id->import_statement) index_import(m, st);
    else if (s == id->export_statement && !ts_node_has_error(st)) index_export(m, st);
    else if (s == id->export_statement) {
      add_problem(m, st, "this export has syntax errors; it is skipped until they are fixed");
    } else if (s == id->error) index_statements(m, st); /* keep what parses inside */
    else index_declaration(m, st, false);
  }
}

dz_module *dz_module_extract(const char *path, const char *text, size_t len, const TSTree *tree,
                         dz_error *err) {
  dz_arena *a = dz_arena_new();
  dz_module *m = dz_arena_alloc(a, sizeof *m);
  m->arena = a;
  m->path = dz_arena_strdup(a, path);
  m->text = dz_arena_strndup(a, text, len);
  m->len = len;
  m->walked = dz_arena_alloc(a, sizeof *m->walked);
  if (tree && ts_node_end_byte(ts_tree_root_node(tree)) <= len) {
    m->tree = ts_tree_copy(tree); /* a tree longer than the text is stale: parse instead */
  } else {
    dz_parser *p = dz_parser_new();
    if (!p) {
      dz_arena_free(a);
      dz_error_set(err, DZ_ERR_NOMEM, "%s: could not create a TypeScript parser", path);
      return NULL;
    }
    m->tree = dz_parser_parse(p, m->text, len, NULL, err);
    dz_parser_free(p);
    if (!m->tree) {
      dz_arena_free(a);
      return NULL;
    }
  }
  dz_tsids_init(&m->ids, ts_tree_language(m->tree));
  m->cursor = ts_tree_cursor_new(ts_tree_root_node(m->tree));
  index_statements(m, ts_tree_root_node(m->tree));
  ts_tree_cursor_delete(&m->cursor);
  note_invalid_utf8(m);
  return m;
}

void dz_module_free(dz_module *m) {
  if (!m) return;
  ts_tree_delete(m->tree);
  dz_arena_free(m->arena);
}

bool dz_export_looks_like_schema(const dz_module *m, const char *name) {
  static const char *const marks[] = {"Table(", "Table<", "View(", "View<", NULL};
  for (size_t i = 0; i < m->exports.len; i++) {
    const dz_export *e = &m->exports.items[i];
    if (strcmp(e->exported, name) != 0 || e->source) continue;
    for (size_t j = 0; j < m->bindings.len; j++) {
      if (strcmp(m->bindings.items[j].name, e->local) != 0) continue;
      size_t len;
      const char *s = dz_node_text(m->bindings.items[j].node, m->text, &len);
      for (size_t k = 0; marks[k]; k++)
        if (memmem(s, len, marks[k], strlen(marks[k]))) return true;
    }
  }
  return false;
}
