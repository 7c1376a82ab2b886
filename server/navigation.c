/*
** navigation.c — document symbols (tables with their columns, indexes and
** constraints), go to definition (from `users.id` or `t.teamId` to the
** column, from a table's name to its declaration) and find references (the
** foreign keys and indexes that use a column, and application code in the
** project that reads `.<key>`), on the linked schema.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool in_file(dz_span sp, uint32_t fi) { return sp.file == fi && sp.end_byte > 0; }

static dz_symbol symbol(const char *name, const char *detail, int kind, dz_span sp) {
  dz_symbol s = {name, detail, kind, sp.start_byte, sp.end_byte, sp.start_byte, sp.end_byte, {0}};
  return s;
}

static void table_children(const dz_table *t, uint32_t fi, dz_arena *a, dz_symbol *sym) {
  for (size_t i = 0; i < t->columns.len; i++) {
    const dz_column *c = t->columns.items[i];
    if (!in_file(c->span, fi)) continue;
    const char *detail =
        dz_arena_printf(a, "%s %s%s", c->name, c->type, c->not_null ? " NOT NULL" : "");
    dz_vec_push(a, &sym->children,
                symbol(c->key ? c->key : c->name, detail, DZ_SYMBOL_FIELD, c->span));
  }
  for (size_t i = 0; i < t->indexes.len; i++)
    if (in_file(t->indexes.items[i]->span, fi))
      dz_vec_push(
          a, &sym->children,
          symbol(t->indexes.items[i]->name, t->indexes.items[i]->unique ? "unique index" : "index",
                 DZ_SYMBOL_KEY, t->indexes.items[i]->span));
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    if (in_file(t->foreign_keys.items[i]->span, fi))
      dz_vec_push(a, &sym->children,
                  symbol(t->foreign_keys.items[i]->name, "foreign key", DZ_SYMBOL_KEY,
                         t->foreign_keys.items[i]->span));
  for (size_t i = 0; i < t->uniques.len; i++)
    if (in_file(t->uniques.items[i]->span, fi))
      dz_vec_push(
          a, &sym->children,
          symbol(t->uniques.items[i]->name, "unique", DZ_SYMBOL_KEY, t->uniques.items[i]->span));
  for (size_t i = 0; i < t->primary_keys.len; i++)
    if (in_file(t->primary_keys.items[i]->span, fi))
      dz_vec_push(a, &sym->children,
                  symbol(t->primary_keys.items[i]->name, "primary key", DZ_SYMBOL_KEY,
                         t->primary_keys.items[i]->span));
  for (size_t i = 0; i < t->checks.len; i++)
    if (in_file(t->checks.items[i]->span, fi))
      dz_vec_push(
          a, &sym->children,
          symbol(t->checks.items[i]->name, "check", DZ_SYMBOL_KEY, t->checks.items[i]->span));
}

static int by_position(const void *x, const void *y) {
  const dz_symbol *a = x, *b = y;
  return a->start_byte < b->start_byte ? -1 : a->start_byte > b->start_byte;
}

dz_result dz_features_symbols(void *ud, dz_server *s, const dz_document *doc, dz_arena *a,
                              dz_symbol_list *out, dz_error *err) {
  const dz_ws_analysis *an;
  dz_result rc = dz_features_doc_analysis(ud, s, doc, NULL, &an, err);
  if (rc != DZ_OK || !an) return rc;
  uint32_t fi = dz_features_file_index(an, doc->path);
  for (size_t i = 0; i < an->schema->tables.len; i++) {
    const dz_table *t = an->schema->tables.items[i];
    if (!in_file(t->span, fi)) continue;
    dz_symbol sym = symbol(t->export_name ? t->export_name : t->name,
                           dz_arena_printf(a, "table %s", t->name), DZ_SYMBOL_STRUCT, t->span);
    if (in_file(t->name_span, fi) && t->name_span.start_byte >= t->span.start_byte) {
      sym.select_start = t->name_span.start_byte;
      sym.select_end = t->name_span.end_byte;
    }
    table_children(t, fi, a, &sym);
    qsort(sym.children.items, sym.children.len, sizeof *sym.children.items, by_position);
    dz_vec_push(a, out, sym);
  }
  qsort(out->items, out->len, sizeof *out->items, by_position); /* the schema's order is by name */
  return DZ_OK;
}

/* ---- what is under the cursor --------------------------------------------- */

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_' || c == '$'; }

/* The identifier at offset ([*start, *end)), and the one before a '.' in
** front of it (qualifier, NULL if none). */
static const char *word_at(const char *text, size_t len, uint32_t offset, dz_arena *a,
                           uint32_t *start, uint32_t *end, const char **qualifier) {
  uint32_t s = offset, e = offset;
  while (s > 0 && ident_char(text[s - 1])) s--;
  while (e < len && ident_char(text[e])) e++;
  *qualifier = NULL;
  if (s == e) return NULL;
  if (s > 0 && text[s - 1] == '.') {
    uint32_t qe = s - 1, qs = qe;
    while (qs > 0 && ident_char(text[qs - 1])) qs--;
    if (qs < qe) *qualifier = dz_arena_strndup(a, text + qs, qe - qs);
  }
  *start = s;
  *end = e;
  return dz_arena_strndup(a, text + s, e - s);
}

static const dz_table *table_by_export(const dz_schema *schema, const char *name) {
  for (size_t i = 0; name && i < schema->tables.len; i++)
    if (schema->tables.items[i]->export_name &&
        strcmp(schema->tables.items[i]->export_name, name) == 0)
      return schema->tables.items[i];
  return NULL;
}

static const dz_column *column_by_key(const dz_table *t, const char *key) {
  for (size_t i = 0; t && i < t->columns.len; i++)
    if (t->columns.items[i]->key && strcmp(t->columns.items[i]->key, key) == 0)
      return t->columns.items[i];
  return NULL;
}

typedef struct target {
  const dz_table *table;
  const dz_column *column; /* NULL: the table itself */
} target;

/* The table or column that the identifier at offset of doc names. */
static target target_at(const dz_ws_analysis *an, const dz_document *doc, uint32_t offset,
                        dz_arena *a) {
  target t = {0};
  uint32_t s, e;
  const char *q;
  const char *w = word_at(doc->text, doc->len, offset, a, &s, &e, &q);
  if (!w) return t;
  uint32_t fi = dz_features_file_index(an, doc->path);
  if (q) {
    t.table = table_by_export(an->schema, q);
    if (!t.table && fi != DZ_NO_FILE) t.table = dz_features_table_at(an->schema, fi, offset);
    t.column = column_by_key(t.table, w);
    if (!t.column) t.table = NULL;
    return t;
  }
  t.table = table_by_export(an->schema, w);
  if (!t.table && fi != DZ_NO_FILE) { /* on a column's own key */
    const dz_table *in = dz_features_table_at(an->schema, fi, offset);
    const dz_column *c = column_by_key(in, w);
    if (c && c->span.file == fi && c->span.start_byte == s) t = (target){in, c};
  }
  return t;
}

static void push_span(const dz_schema *schema, dz_span sp, dz_arena *a, dz_lsp_location_list *out) {
  if (sp.file >= schema->files.len || !sp.end_byte) return;
  dz_lsp_location l = {schema->files.items[sp.file], sp.start_byte, sp.end_byte};
  dz_vec_push(a, out, l);
}

/* The analysis of the project doc belongs to (a schema file, or any file
** under a project's directory). */
static const dz_ws_analysis *project_analysis(dz_features_state *st, dz_server *s,
                                              const dz_document *doc, dz_ws_project **p,
                                              dz_error *err) {
  *p = dz_features_project(st, s, doc->path);
  return *p ? dz_ws_project_analyze(*p, err) : NULL;
}

dz_result dz_features_goto_definition(void *ud, dz_server *s, const dz_document *doc,
                                      uint32_t offset, dz_arena *a, dz_lsp_location_list *out,
                                      dz_error *err) {
  dz_ws_project *p;
  const dz_ws_analysis *an = doc->path ? project_analysis(ud, s, doc, &p, err) : NULL;
  if (!an) return DZ_OK;
  target t = target_at(an, doc, offset, a);
  if (t.column)
    push_span(an->schema, t.column->span, a, out);
  else if (t.table)
    push_span(an->schema, t.table->name_span.end_byte ? t.table->name_span : t.table->span, a, out);
  return DZ_OK;
}

/* ---- references ----------------------------------------------------------- */

static bool has_name(const dz_strvec *v, const char *name) {
  for (size_t i = 0; i < v->len; i++)
    if (strcmp(v->items[i], name) == 0) return true;
  return false;
}

/* Foreign keys, indexes and constraints over column c of table t. */
static void schema_uses(const dz_schema *schema, const dz_table *t, const dz_column *c, dz_arena *a,
                        dz_lsp_location_list *out) {
  for (size_t i = 0; i < schema->tables.len; i++) {
    const dz_table *o = schema->tables.items[i];
    for (size_t j = 0; j < o->foreign_keys.len; j++) {
      const dz_foreign_key *fk = o->foreign_keys.items[j];
      if ((strcmp(fk->table_to, t->name) == 0 && has_name(&fk->columns_to, c->name)) ||
          (o == t && has_name(&fk->columns_from, c->name)))
        push_span(schema, fk->span, a, out);
    }
  }
  for (size_t i = 0; i < t->indexes.len; i++)
    if (has_name(&t->indexes.items[i]->columns, c->name))
      push_span(schema, t->indexes.items[i]->span, a, out);
  for (size_t i = 0; i < t->uniques.len; i++)
    if (has_name(&t->uniques.items[i]->columns, c->name))
      push_span(schema, t->uniques.items[i]->span, a, out);
  for (size_t i = 0; i < t->primary_keys.len; i++)
    if (has_name(&t->primary_keys.items[i]->columns, c->name))
      push_span(schema, t->primary_keys.items[i]->span, a, out);
}

dz_result dz_features_find_references(void *ud, dz_server *s, const dz_document *doc,
                                      uint32_t offset, bool include_declaration, dz_arena *a,
                                      dz_lsp_location_list *out, dz_error *err) {
  dz_ws_project *p;
  const dz_ws_analysis *an = doc->path ? project_analysis(ud, s, doc, &p, err) : NULL;
  if (!an) return DZ_OK;
  target t = target_at(an, doc, offset, a);
  if (!t.table) return DZ_OK;
  if (include_declaration)
    push_span(an->schema, t.column ? t.column->span : t.table->name_span, a, out);
  if (t.column) schema_uses(an->schema, t.table, t.column, a, out);
  dz_code_uses(s, dz_ws_project_config(p)->dir, t.column ? t.column->key : t.table->export_name,
               t.column != NULL, a, out);
  return DZ_OK;
}
