/*
** snapshot_write.c — the model as the snapshot file `drizzle-kit generate`
** writes (snapshot.h): the model becomes a jansson object built in
** drizzle-kit's key order, printed by dz_json_stringify.
**
** The key orders are those of drizzle-kit 0.31's SQLite serializer
** (generateSqliteSnapshot) and writeResult, checked by
** tests/snapshot/roundtrip.test.mjs against files it generates:
**   column    name, type, primaryKey, notNull, autoincrement, generated{as, type}, default
**             (the serializer builds the object with `generated` and adds `default` after)
**   index     name, columns, isUnique, where
**   fk        name, tableFrom, tableTo, columnsFrom, columnsTo, onDelete, onUpdate
**   pk        columns, name          view  columns, name, isExisting, definition
**   top       version, dialect, id, prevId, tables, views, enums, _meta{schemas, tables,
**             columns}, internal{indexes}
*/
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/snapshot.h"

#include <math.h>
#include <stdlib.h>

static json_t *str(const char *s) { return json_string_nocheck(s ? s : ""); }

static json_t *strings(const dz_strvec *v) {
  json_t *arr = json_array();
  for (size_t i = 0; i < v->len; i++) dz_json_append(arr, str(v->items[i]));
  return arr;
}

static json_t *default_value(const dz_default *d) {
  switch (d->kind) {
    case DZ_DEFAULT_BOOL: return json_boolean(d->text && d->text[0] == 't');
    case DZ_DEFAULT_NUMBER: {
      char *end = NULL;
      double v = d->text ? strtod(d->text, &end) : 0;
      if (!d->text || end == d->text || *end) return str(d->text); /* not a number: keep the text */
      return isfinite(v) ? json_real(v) : json_null(); /* JSON.stringify(Infinity) is null */
    }
    case DZ_DEFAULT_SQL:
    case DZ_DEFAULT_NONE: break;
  }
  return str(d->text);
}

static json_t *column_json(const dz_column *c) {
  json_t *o = json_object();
  dz_json_put(o, "name", str(c->name));
  dz_json_put(o, "type", str(c->type));
  dz_json_put(o, "primaryKey", json_boolean(c->primary_key));
  dz_json_put(o, "notNull", json_boolean(c->not_null));
  dz_json_put(o, "autoincrement", json_boolean(c->autoincrement));
  if (c->generated != DZ_GENERATED_NONE) {
    json_t *g = dz_json_put(o, "generated", json_object());
    dz_json_put(g, "as", str(c->generated_as));
    dz_json_put(g, "type", str(c->generated == DZ_GENERATED_STORED ? "stored" : "virtual"));
  }
  if (c->def.kind != DZ_DEFAULT_NONE) dz_json_put(o, "default", default_value(&c->def));
  return o;
}

static json_t *columns_json(dz_column *const *cols, size_t n) {
  json_t *o = json_object();
  for (size_t i = 0; i < n; i++) dz_json_put(o, cols[i]->name, column_json(cols[i]));
  return o;
}

/* The index, and its expression parts recorded in internal.indexes (keyed
** by index name alone, as drizzle-kit does). */
static json_t *index_json(const dz_index *ix, json_t *internal_indexes) {
  const char *name = ix->name ? ix->name : "";
  json_t *o = json_object();
  dz_json_put(o, "name", str(name));
  dz_json_put(o, "columns", strings(&ix->columns));
  dz_json_put(o, "isUnique", json_boolean(ix->unique));
  if (ix->where) dz_json_put(o, "where", str(ix->where));
  for (size_t i = 0; i < ix->columns.len && i < ix->expression.len; i++) {
    if (!ix->expression.items[i]) continue;
    json_t *entry = json_object_get(internal_indexes, name);
    if (!entry) dz_json_put(entry = dz_json_put(internal_indexes, name, json_object()), "columns", json_object());
    json_t *part = dz_json_put(json_object_get(entry, "columns"), ix->columns.items[i], json_object());
    dz_json_put(part, "isExpression", json_true());
  }
  return o;
}

static json_t *foreign_key_json(const dz_foreign_key *fk) {
  json_t *o = json_object();
  dz_json_put(o, "name", str(fk->name));
  dz_json_put(o, "tableFrom", str(fk->table_from));
  dz_json_put(o, "tableTo", str(fk->table_to));
  dz_json_put(o, "columnsFrom", strings(&fk->columns_from));
  dz_json_put(o, "columnsTo", strings(&fk->columns_to));
  if (fk->on_delete) dz_json_put(o, "onDelete", str(fk->on_delete));
  if (fk->on_update) dz_json_put(o, "onUpdate", str(fk->on_update));
  return o;
}

static json_t *table_json(const dz_table *t, json_t *internal_indexes) {
  json_t *o = json_object();
  dz_json_put(o, "name", str(t->name));
  dz_json_put(o, "columns", columns_json(t->columns.items, t->columns.len));
  json_t *ix = dz_json_put(o, "indexes", json_object());
  for (size_t i = 0; i < t->indexes.len; i++)
    dz_json_put(ix, t->indexes.items[i]->name, index_json(t->indexes.items[i], internal_indexes));
  json_t *fks = dz_json_put(o, "foreignKeys", json_object());
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    dz_json_put(fks, t->foreign_keys.items[i]->name, foreign_key_json(t->foreign_keys.items[i]));
  json_t *pks = dz_json_put(o, "compositePrimaryKeys", json_object());
  for (size_t i = 0; i < t->primary_keys.len; i++) {
    json_t *pk = dz_json_put(pks, t->primary_keys.items[i]->name, json_object());
    dz_json_put(pk, "columns", strings(&t->primary_keys.items[i]->columns));
    dz_json_put(pk, "name", str(t->primary_keys.items[i]->name));
  }
  json_t *uqs = dz_json_put(o, "uniqueConstraints", json_object());
  for (size_t i = 0; i < t->uniques.len; i++) {
    json_t *uq = dz_json_put(uqs, t->uniques.items[i]->name, json_object());
    dz_json_put(uq, "name", str(t->uniques.items[i]->name));
    dz_json_put(uq, "columns", strings(&t->uniques.items[i]->columns));
  }
  json_t *checks = dz_json_put(o, "checkConstraints", json_object());
  for (size_t i = 0; i < t->checks.len; i++) {
    json_t *ck = dz_json_put(checks, t->checks.items[i]->name, json_object());
    dz_json_put(ck, "name", str(t->checks.items[i]->name));
    dz_json_put(ck, "value", str(t->checks.items[i]->value));
  }
  return o;
}

static json_t *view_json(const dz_view *v) {
  json_t *o = json_object();
  dz_json_put(o, "columns", columns_json(v->columns.items, v->columns.len));
  dz_json_put(o, "name", str(v->name));
  dz_json_put(o, "isExisting", json_boolean(v->is_existing));
  if (v->definition) dz_json_put(o, "definition", str(v->definition));
  return o;
}

static json_t *renames_json(const dz_rename *items, size_t n) {
  json_t *o = json_object();
  for (size_t i = 0; i < n; i++) dz_json_put(o, items[i].from, str(items[i].to));
  return o;
}

char *dz_snapshot_write(const dz_schema *s, dz_arena *a) {
  json_t *doc = json_object(), *internal_indexes = json_object();
  dz_json_put(doc, "version", str("6"));
  dz_json_put(doc, "dialect", str("sqlite")); /* drizzle-kit writes "sqlite" for turso too */
  dz_json_put(doc, "id", str(s->id));
  dz_json_put(doc, "prevId", str(s->prev_id));
  json_t *tables = dz_json_put(doc, "tables", json_object());
  for (size_t i = 0; i < s->tables.len; i++)
    dz_json_put(tables, s->tables.items[i]->name, table_json(s->tables.items[i], internal_indexes));
  json_t *views = dz_json_put(doc, "views", json_object());
  for (size_t i = 0; i < s->views.len; i++)
    dz_json_put(views, s->views.items[i]->name, view_json(s->views.items[i]));
  dz_json_put(doc, "enums", json_object());
  json_t *meta = dz_json_put(doc, "_meta", json_object());
  dz_json_put(meta, "schemas", json_object());
  dz_json_put(meta, "tables", renames_json(s->renamed_tables.items, s->renamed_tables.len));
  dz_json_put(meta, "columns", renames_json(s->renamed_columns.items, s->renamed_columns.len));
  dz_json_put(dz_json_put(doc, "internal", json_object()), "indexes", internal_indexes);
  char *text = dz_json_stringify(doc, a);
  json_decref(doc);
  return text;
}
