/*
** dz_dump_schema — extract schema files and print the model as JSON in the
** shape of drizzle-kit's snapshot (tables, views, internal.indexes), so that
** script tests can compare extraction with drizzle-kit's own output;
** diagnostics go to stderr as path:line:col: severity: message.
**
**   dz_dump_schema [--casing camelCase|snake_case] file.ts...
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/extract.h"

static json_t *strvec(const dz_strvec *v) {
  json_t *a = json_array();
  for (size_t i = 0; i < v->len; i++) json_array_append_new(a, json_string(v->items[i]));
  return a;
}

static json_t *column_json(const dz_column *c) {
  json_t *o = json_object();
  json_object_set_new(o, "name", json_string(c->name));
  json_object_set_new(o, "type", json_string(c->type));
  json_object_set_new(o, "primaryKey", json_boolean(c->primary_key));
  json_object_set_new(o, "notNull", json_boolean(c->not_null));
  json_object_set_new(o, "autoincrement", json_boolean(c->autoincrement));
  if (c->def.kind == DZ_DEFAULT_SQL) json_object_set_new(o, "default", json_string(c->def.text));
  else if (c->def.kind != DZ_DEFAULT_NONE) {
    json_t *v = json_loads(c->def.text, JSON_DECODE_ANY, NULL); /* past int64: read as a real */
    if (!v) v = json_loads(c->def.text, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, NULL);
    json_object_set_new(o, "default", v);
  }
  if (c->generated != DZ_GENERATED_NONE) {
    json_t *g = json_object();
    json_object_set_new(g, "as", json_string(c->generated_as));
    json_object_set_new(g, "type", json_string(c->generated == DZ_GENERATED_STORED ? "stored" : "virtual"));
    json_object_set_new(o, "generated", g);
  }
  return o;
}

static json_t *table_json(const dz_table *t, json_t *internal) {
  json_t *o = json_object(), *cols = json_object(), *ixs = json_object(), *fks = json_object(),
         *pks = json_object(), *chk = json_object();
  json_object_set_new(o, "name", json_string(t->name));
  for (size_t i = 0; i < t->columns.len; i++) json_object_set_new(cols, t->columns.items[i]->name, column_json(t->columns.items[i]));
  for (size_t i = 0; i < t->indexes.len; i++) {
    const dz_index *x = t->indexes.items[i];
    json_t *j = json_object();
    json_object_set_new(j, "name", json_string(x->name));
    json_object_set_new(j, "columns", strvec(&x->columns));
    json_object_set_new(j, "isUnique", json_boolean(x->unique));
    if (x->where) json_object_set_new(j, "where", json_string(x->where));
    json_object_set_new(ixs, x->name, j);
    for (size_t k = 0; k < x->expression.len; k++) {
      if (!x->expression.items[k]) continue;
      json_t *e = json_object_get(internal, x->name);
      if (!e) json_object_set_new(internal, x->name, e = json_pack("{s:{}}", "columns"));
      json_object_set_new(json_object_get(e, "columns"), x->columns.items[k], json_pack("{s:b}", "isExpression", 1));
    }
  }
  for (size_t i = 0; i < t->foreign_keys.len; i++) {
    const dz_foreign_key *f = t->foreign_keys.items[i];
    json_object_set_new(fks, f->name, json_pack("{s:s,s:s,s:s,s:o,s:o,s:s,s:s}", "name", f->name, "tableFrom", f->table_from,
                                                "tableTo", f->table_to, "columnsFrom", strvec(&f->columns_from), "columnsTo",
                                                strvec(&f->columns_to), "onDelete", f->on_delete, "onUpdate", f->on_update));
  }
  for (size_t i = 0; i < t->primary_keys.len; i++) {
    const dz_primary_key *p = t->primary_keys.items[i];
    json_object_set_new(pks, p->name, json_pack("{s:o,s:s}", "columns", strvec(&p->columns), "name", p->name));
  }
  for (size_t i = 0; i < t->checks.len; i++) {
    const dz_check *c = t->checks.items[i];
    json_object_set_new(chk, c->name, json_pack("{s:s,s:s}", "name", c->name, "value", c->value));
  }
  json_object_set_new(o, "columns", cols);
  json_object_set_new(o, "indexes", ixs);
  json_object_set_new(o, "foreignKeys", fks);
  json_object_set_new(o, "compositePrimaryKeys", pks);
  json_object_set_new(o, "uniqueConstraints", json_object());
  json_object_set_new(o, "checkConstraints", chk);
  return o;
}

static json_t *view_json(const dz_view *v) {
  json_t *o = json_object(), *cols = json_object();
  for (size_t i = 0; i < v->columns.len; i++) json_object_set_new(cols, v->columns.items[i]->name, column_json(v->columns.items[i]));
  json_object_set_new(o, "columns", cols);
  json_object_set_new(o, "name", json_string(v->name));
  json_object_set_new(o, "isExisting", json_boolean(v->is_existing));
  if (v->definition) json_object_set_new(o, "definition", json_string(v->definition));
  return o;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(n > 0 ? (size_t)n : 1);
  *len = buf ? fread(buf, 1, (size_t)(n > 0 ? n : 0), f) : 0;
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE};
  dz_source_file files[64];
  size_t n = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--casing") == 0 && i + 1 < argc) {
      i++;
      opt.casing = strcmp(argv[i], "camelCase") == 0 ? DZ_CASING_CAMEL : DZ_CASING_SNAKE;
      continue;
    }
    if (n == 64) break;
    char *abs = realpath(argv[i], NULL);
    size_t len = 0;
    char *text = abs ? slurp(abs, &len) : NULL;
    if (!text) {
      fprintf(stderr, "dz_dump_schema: cannot read %s\n", argv[i]);
      return 2;
    }
    files[n++] = (dz_source_file){abs, text, len};
  }
  dz_arena *a = dz_arena_new();
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  dz_error err;
  dz_result rc = dz_extract_schema(files, n, &opt, a, &s, &diags, &err);
  int status = 0;
  if (rc != DZ_OK) {
    fprintf(stderr, "dz_dump_schema: %s\n", err.message);
    status = 2;
  } else {
    json_t *root = json_object(), *tables = json_object(), *views = json_object(), *ix = json_object();
    for (size_t i = 0; i < s->tables.len; i++) json_object_set_new(tables, s->tables.items[i]->name, table_json(s->tables.items[i], ix));
    for (size_t i = 0; i < s->views.len; i++) json_object_set_new(views, s->views.items[i]->name, view_json(s->views.items[i]));
    json_object_set_new(root, "version", json_string("6"));
    json_object_set_new(root, "dialect", json_string("sqlite"));
    json_object_set_new(root, "tables", tables);
    json_object_set_new(root, "views", views);
    json_object_set_new(root, "enums", json_object());
    json_object_set_new(root, "_meta", json_pack("{s:{},s:{}}", "tables", "columns"));
    json_object_set_new(root, "internal", json_pack("{s:o}", "indexes", ix));
    char *out = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    puts(out);
    free(out);
    json_decref(root);
    for (size_t i = 0; i < diags.len; i++) {
      const dz_diag *d = &diags.items[i];
      fprintf(stderr, "%s:%u:%u: %s: %s\n", d->span.file < s->files.len ? s->files.items[d->span.file] : "?",
              d->span.start.row + 1, d->span.start.column + 1, dz_severity_name(d->severity), d->message);
    }
  }
  for (size_t i = 0; i < n; i++) {
    free((char *)files[i].path);
    free((char *)files[i].text);
  }
  dz_arena_free(a);
  return status;
}
