/*
** snapshot.c — reading drizzle-kit's SQLite snapshot (version "6") into the
** schema model (snapshot.h). Checked as strictly as drizzle-kit's own
** validator (unknown fields are errors, optional fields are those drizzle-kit
** lets be absent), and every record's key must equal its "name": the model
** keeps only the name, so a mismatch could not be written back faithfully.
*/
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/snapshot.h"

#include <string.h>

/* What the entry readers add to. */
typedef struct dz_sctx {
  dz_schema *s;
  dz_table *t;  /* the table being read, if any */
  dz_view *v;   /* the view being read, if any */
} dz_sctx;

typedef dz_result (*dz_entry_fn)(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                                 const char *name, dz_sctx *c);

/* Each entry of the record obj[key]: an object with only `allowed` fields and
** a "name" equal to its key (optional_name: an absent name means the key). */
static dz_result each_entry(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                            const char *key, bool required, const char *const *allowed,
                            bool optional_name, dz_entry_fn fn, dz_sctx *c) {
  const json_t *rec;
  dz_result rc = dz_jr_object(r, at, obj, key, required, &rec);
  if (rc != DZ_OK || !rec) return rc;
  dz_jpath here = {at, key, 0};
  const char *k;
  const json_t *v;
  json_object_foreach((json_t *)rec, k, v) {
    dz_jpath item = {&here, k, 0};
    const char *name = k;
    if ((rc = dz_jr_expect_object(r, &item, v, allowed)) != DZ_OK) return rc;
    if ((rc = dz_jr_string(r, &item, v, "name", !optional_name, &name)) != DZ_OK) return rc;
    if (strcmp(name, k) != 0)
      return dz_jr_fail(r, &item, "has the name %s, which differs from its key",
                        dz_json_quote(name, r->arena));
    if ((rc = fn(r, &item, v, name, c)) != DZ_OK) return rc;
  }
  return DZ_OK;
}

/* ---- columns ------------------------------------------------------------ */

static dz_result read_default(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                              dz_column *col) {
  const json_t *d = json_object_get(v, "default");
  dz_jpath here = {at, "default", 0};
  char num[DZ_JS_NUMBER_MAX];
  if (!d) return DZ_OK;
  if (json_is_string(d)) {
    col->def.kind = DZ_DEFAULT_SQL;
    col->def.text = dz_arena_strdup(r->arena, json_string_value(d));
  } else if (json_is_number(d)) {
    col->def.kind = DZ_DEFAULT_NUMBER;
    col->def.text = dz_arena_strdup(r->arena, dz_js_number(json_number_value(d), num));
  } else if (json_is_boolean(d)) {
    col->def.kind = DZ_DEFAULT_BOOL;
    col->def.text = json_is_true(d) ? "true" : "false";
  } else {
    return dz_jr_fail(r, &here, "must be a string, number or boolean, not %s",
                      dz_json_type_name(d));
  }
  return DZ_OK;
}

static dz_result read_generated(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                                dz_column *col) {
  static const char *const keys[] = {"as", "type", NULL};
  const json_t *g;
  const char *type = NULL;
  dz_result rc = dz_jr_object(r, at, v, "generated", false, &g);
  if (rc != DZ_OK || !g) return rc;
  dz_jpath here = {at, "generated", 0}, type_at = {&here, "type", 0};
  if ((rc = dz_jr_expect_object(r, &here, g, keys)) != DZ_OK ||
      (rc = dz_jr_string(r, &here, g, "as", true, &col->generated_as)) != DZ_OK ||
      (rc = dz_jr_string(r, &here, g, "type", true, &type)) != DZ_OK)
    return rc;
  if (strcmp(type, "stored") == 0) col->generated = DZ_GENERATED_STORED;
  else if (strcmp(type, "virtual") == 0) col->generated = DZ_GENERATED_VIRTUAL;
  else return dz_jr_fail(r, &type_at, "must be \"stored\" or \"virtual\", not %s",
                         dz_json_quote(type, r->arena));
  return DZ_OK;
}

static dz_result read_column(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                             const char *name, dz_sctx *c) {
  dz_column *col = c->t ? dz_table_add_column(c->s, c->t, name) : dz_view_add_column(c->s, c->v, name);
  dz_result rc;
  if ((rc = dz_jr_string(r, at, v, "type", true, &col->type)) != DZ_OK ||
      (rc = dz_jr_bool(r, at, v, "primaryKey", true, &col->primary_key)) != DZ_OK ||
      (rc = dz_jr_bool(r, at, v, "notNull", true, &col->not_null)) != DZ_OK ||
      (rc = dz_jr_bool(r, at, v, "autoincrement", false, &col->autoincrement)) != DZ_OK ||
      (rc = read_default(r, at, v, col)) != DZ_OK)
    return rc;
  return read_generated(r, at, v, col);
}

static const char *const column_keys[] = {"name",    "type",    "primaryKey", "notNull",
                                          "autoincrement", "default", "generated", NULL};

/* ---- table parts -------------------------------------------------------- */

static dz_result read_index(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                            const char *name, dz_sctx *c) {
  dz_index *ix = dz_table_add_index(c->s, c->t, name);
  dz_result rc;
  if ((rc = dz_jr_strings(r, at, v, "columns", &ix->columns)) != DZ_OK ||
      (rc = dz_jr_bool(r, at, v, "isUnique", true, &ix->unique)) != DZ_OK ||
      (rc = dz_jr_string(r, at, v, "where", false, &ix->where)) != DZ_OK)
    return rc;
  for (size_t i = 0; i < ix->columns.len; i++) dz_vec_push(r->arena, &ix->expression, false);
  return DZ_OK;
}

static dz_result read_foreign_key(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                                  const char *name, dz_sctx *c) {
  dz_foreign_key *fk = dz_table_add_foreign_key(c->s, c->t, name);
  dz_result rc;
  if ((rc = dz_jr_string(r, at, v, "tableFrom", true, &fk->table_from)) != DZ_OK ||
      (rc = dz_jr_string(r, at, v, "tableTo", true, &fk->table_to)) != DZ_OK ||
      (rc = dz_jr_strings(r, at, v, "columnsFrom", &fk->columns_from)) != DZ_OK ||
      (rc = dz_jr_strings(r, at, v, "columnsTo", &fk->columns_to)) != DZ_OK ||
      (rc = dz_jr_string(r, at, v, "onDelete", false, &fk->on_delete)) != DZ_OK)
    return rc;
  return dz_jr_string(r, at, v, "onUpdate", false, &fk->on_update);
}

static dz_result read_primary_key(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                                  const char *name, dz_sctx *c) {
  return dz_jr_strings(r, at, v, "columns", &dz_table_add_primary_key(c->s, c->t, name)->columns);
}

static dz_result read_unique(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                             const char *name, dz_sctx *c) {
  return dz_jr_strings(r, at, v, "columns", &dz_table_add_unique(c->s, c->t, name)->columns);
}

static dz_result read_check(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                            const char *name, dz_sctx *c) {
  return dz_jr_string(r, at, v, "value", true, &dz_table_add_check(c->s, c->t, name)->value);
}

static dz_result read_table(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                            const char *name, dz_sctx *c) {
  static const char *const index_keys[] = {"name", "columns", "isUnique", "where", NULL};
  static const char *const fk_keys[] = {"name",      "tableFrom", "tableTo",  "columnsFrom",
                                        "columnsTo", "onDelete",  "onUpdate", NULL};
  static const char *const pk_keys[] = {"columns", "name", NULL};
  static const char *const check_keys[] = {"name", "value", NULL};
  dz_sctx tc = {c->s, dz_schema_add_table(c->s, name), NULL};
  dz_result rc;
  if ((rc = each_entry(r, at, v, "columns", true, column_keys, false, read_column, &tc)) != DZ_OK ||
      (rc = each_entry(r, at, v, "indexes", true, index_keys, false, read_index, &tc)) != DZ_OK ||
      (rc = each_entry(r, at, v, "foreignKeys", true, fk_keys, false, read_foreign_key, &tc)) != DZ_OK ||
      (rc = each_entry(r, at, v, "compositePrimaryKeys", true, pk_keys, true, read_primary_key,
                       &tc)) != DZ_OK ||
      (rc = each_entry(r, at, v, "uniqueConstraints", false, pk_keys, false, read_unique, &tc)) != DZ_OK)
    return rc;
  return each_entry(r, at, v, "checkConstraints", false, check_keys, false, read_check, &tc);
}

static dz_result read_view(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                           const char *name, dz_sctx *c) {
  dz_sctx vc = {c->s, NULL, dz_schema_add_view(c->s, name)};
  dz_result rc;
  if ((rc = each_entry(r, at, v, "columns", true, column_keys, false, read_column, &vc)) != DZ_OK ||
      (rc = dz_jr_bool(r, at, v, "isExisting", true, &vc.v->is_existing)) != DZ_OK)
    return rc;
  return dz_jr_string(r, at, v, "definition", false, &vc.v->definition);
}

/* ---- _meta and internal ------------------------------------------------- */

static dz_result read_renames(const dz_jreader *r, const dz_jpath *at, const json_t *meta,
                              const char *key, dz_schema *s, bool columns) {
  const json_t *rec;
  dz_result rc = dz_jr_object(r, at, meta, key, true, &rec);
  if (rc != DZ_OK) return rc;
  const char *from;
  const json_t *to;
  dz_jpath here = {at, key, 0};
  json_object_foreach((json_t *)rec, from, to) {
    dz_rename rn = {dz_arena_strdup(s->arena, from), NULL};
    if ((rc = dz_jr_string(r, &here, rec, from, true, &rn.to)) != DZ_OK) return rc;
    if (columns) dz_vec_push(s->arena, &s->renamed_columns, rn);
    else dz_vec_push(s->arena, &s->renamed_tables, rn);
  }
  return DZ_OK;
}

static dz_result read_meta(const dz_jreader *r, const json_t *doc, dz_schema *s) {
  const json_t *meta;
  dz_result rc = dz_jr_object(r, NULL, doc, "_meta", true, &meta);
  dz_jpath here = {NULL, "_meta", 0};
  if (rc != DZ_OK || (rc = read_renames(r, &here, meta, "tables", s, false)) != DZ_OK) return rc;
  return read_renames(r, &here, meta, "columns", s, true);
}

/* Every index called `name` (drizzle-kit keys internal.indexes by index
** name alone) has its part `expr` marked as an expression. */
static void mark_expression(dz_schema *s, const char *name, const char *expr) {
  for (size_t t = 0; t < s->tables.len; t++) {
    dz_index *ix = dz_table_find_index(s->tables.items[t], name);
    for (size_t i = 0; ix && i < ix->columns.len; i++)
      if (strcmp(ix->columns.items[i], expr) == 0) ix->expression.items[i] = true;
  }
}

static dz_result read_internal_index(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                                     const char *name, dz_schema *s) {
  static const char *const part_keys[] = {"isExpression", NULL};
  const json_t *cols, *part;
  const char *expr;
  dz_result rc = dz_jr_object(r, at, v, "columns", false, &cols);
  if (rc != DZ_OK || !cols) return rc;
  dz_jpath here = {at, "columns", 0};
  json_object_foreach((json_t *)cols, expr, part) {
    dz_jpath item = {&here, expr, 0};
    bool is_expression = false;
    if ((rc = dz_jr_expect_object(r, &item, part, part_keys)) != DZ_OK ||
        (rc = dz_jr_bool(r, &item, part, "isExpression", false, &is_expression)) != DZ_OK)
      return rc;
    if (is_expression) mark_expression(s, name, expr);
  }
  return DZ_OK;
}

static dz_result read_internal(const dz_jreader *r, const json_t *doc, dz_schema *s) {
  const json_t *internal, *indexes, *v;
  const char *name;
  dz_jpath at = {NULL, "internal", 0}, idx_at = {&at, "indexes", 0};
  dz_result rc = dz_jr_object(r, NULL, doc, "internal", false, &internal);
  if (rc != DZ_OK || !internal) return rc;
  if ((rc = dz_jr_object(r, &at, internal, "indexes", false, &indexes)) != DZ_OK || !indexes)
    return rc;
  json_object_foreach((json_t *)indexes, name, v) {
    dz_jpath item = {&idx_at, name, 0};
    if (!json_is_object(v))
      return dz_jr_fail(r, &item, "must be an object, not %s", dz_json_type_name(v));
    if ((rc = read_internal_index(r, &item, v, name, s)) != DZ_OK) return rc;
  }
  return DZ_OK;
}

/* ---- the document ------------------------------------------------------- */

static dz_result check_version(const dz_jreader *r, const json_t *doc) {
  const char *version = NULL, *dialect = NULL;
  dz_jpath at = {NULL, "version", 0}, dialect_at = {NULL, "dialect", 0};
  dz_result rc = dz_jr_string(r, NULL, doc, "version", true, &version);
  if (rc != DZ_OK) return rc;
  if (strcmp(version, "3") == 0 || strcmp(version, "4") == 0 || strcmp(version, "5") == 0)
    return dz_jr_fail(r, &at, "is \"%s\": this is an older snapshot; run `drizzle-kit up` to "
                      "upgrade the migrations folder to version \"6\"", version);
  if (strcmp(version, "6") != 0)
    return dz_jr_fail(r, &at, "is %s; drizzle-lsp reads SQLite snapshots of version \"6\" "
                      "(drizzle-kit 0.31)", dz_json_quote(version, r->arena));
  if ((rc = dz_jr_string(r, NULL, doc, "dialect", true, &dialect)) != DZ_OK) return rc;
  if (strcmp(dialect, "sqlite") != 0)
    return dz_jr_fail(r, &dialect_at, "is %s; drizzle-lsp reads SQLite snapshots, whose "
                      "dialect is \"sqlite\" (for Turso projects too)",
                      dz_json_quote(dialect, r->arena));
  return DZ_OK;
}

static dz_result read_document(const dz_jreader *r, const json_t *doc, void *into) {
  dz_schema *s = into;
  static const char *const top_keys[] = {"version", "dialect", "id",    "prevId",   "tables",
                                         "views",   "enums",   "_meta", "internal", NULL};
  static const char *const table_keys[] = {"name",        "columns",
                                           "indexes",     "foreignKeys",
                                           "compositePrimaryKeys", "uniqueConstraints",
                                           "checkConstraints",     NULL};
  static const char *const view_keys[] = {"name", "columns", "definition", "isExisting", NULL};
  const json_t *enums;
  dz_sctx c = {s, NULL, NULL};
  dz_result rc;
  if (!json_is_object(doc))
    return dz_jr_fail(r, NULL, "must be an object, not %s", dz_json_type_name(doc));
  if ((rc = check_version(r, doc)) != DZ_OK ||
      (rc = dz_jr_expect_object(r, NULL, doc, top_keys)) != DZ_OK ||
      (rc = dz_jr_string(r, NULL, doc, "id", true, &s->id)) != DZ_OK ||
      (rc = dz_jr_string(r, NULL, doc, "prevId", true, &s->prev_id)) != DZ_OK ||
      (rc = each_entry(r, NULL, doc, "tables", true, table_keys, false, read_table, &c)) != DZ_OK ||
      (rc = each_entry(r, NULL, doc, "views", false, view_keys, false, read_view, &c)) != DZ_OK ||
      (rc = dz_jr_object(r, NULL, doc, "enums", true, &enums)) != DZ_OK ||
      (rc = read_meta(r, doc, s)) != DZ_OK)
    return rc;
  return read_internal(r, doc, s);
}

dz_result dz_snapshot_read(const char *path, const char *text, size_t len, dz_arena *a,
                           dz_schema **out, dz_error *err) {
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_result rc = dz_jr_document(path, text, len, a, read_document, s, err);
  *out = rc == DZ_OK ? s : NULL;
  return rc;
}
