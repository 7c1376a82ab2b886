/*
** dz_sqlgen.c — test tool: read two drizzle-kit snapshots, diff them and print
** the migration drizzle-lsp writes, as JSON on stdout:
**
**   dz_sqlgen PREV.json|- NEXT.json [--dialect sqlite|turso]
**             [--rename T.OLD=NEW]... [--rename-table OLD=NEW]... [--no-breakpoints]
**             [--mode T.COL=MODE]...
**
**   {"forward": [{"sql": ..., "deviation": ...|null, "change": "column_add"|null}],
**    "rollback": [...], "text": "<.sql file>", "rollback_text": "<.down.sql file>",
**    "candidates": [{"table": ..., "from": ..., "to": ...}],
**    "meta": {"tables": {...}, "columns": {...}}}
**
** --mode gives NEXT's column T.COL the config.mode the schema code would
** (a snapshot keeps none), as extraction does. Rename candidates are listed and planned as the drops and adds they are.
** "-" as PREV is the empty schema. Errors: {"error": "<code>", "message": ...},
** exit status 2.
*/
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/snapshot.h"
#include "drizzle_lsp/sqlgen.h"

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n + 4096 > cap) {
      cap = (n + 4096) * 2;
      char *nb = realloc(buf, cap);
      if (!nb) break;
      buf = nb;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return buf;
}

static int fail(const char *code, const char *message) {
  json_t *o = json_pack("{s:s, s:s}", "error", code, "message", message);
  json_dumpf(o, stdout, JSON_INDENT(2));
  putchar('\n');
  json_decref(o);
  return 2;
}

static dz_result read_schema(const char *path, dz_arena *a, dz_schema **out, dz_error *err) {
  size_t len = 0;
  char *text = slurp(path, &len);
  if (!text) return dz_error_set(err, DZ_ERR_IO, "%s: cannot read", path);
  dz_result rc = dz_snapshot_read(path, text, len, a, out, err);
  free(text);
  return rc;
}

/* Apply "T.COL=MODE" to s; false when the column does not exist. */
static bool set_mode(dz_schema *s, const char *spec) {
  const char *dot = strchr(spec, '.'), *eq = strchr(spec, '=');
  if (!dot || !eq || eq < dot) return false;
  char *t = dz_arena_strndup(s->arena, spec, (size_t)(dot - spec));
  char *c = dz_arena_strndup(s->arena, dot + 1, (size_t)(eq - dot - 1));
  dz_table *tab = dz_schema_find_table(s, t);
  dz_column *col = tab ? dz_table_find_column(tab, c) : NULL;
  if (col) col->mode = dz_arena_strdup(s->arena, eq + 1);
  return col != NULL;
}

static json_t *stmts_json(const dz_sql_stmts *v) {
  json_t *arr = json_array();
  for (size_t i = 0; i < v->len; i++) {
    const dz_sql_stmt *s = &v->items[i];
    json_array_append_new(
        arr, json_pack("{s:s, s:s?, s:s?}", "sql", s->sql, "deviation", s->deviation, "change",
                       s->change ? dz_change_kind_name(s->change->kind) : NULL));
  }
  return arr;
}

static json_t *renames_json(const dz_schema *s) {
  json_t *t = json_object(), *c = json_object();
  for (size_t i = 0; i < s->renamed_tables.len; i++)
    json_object_set_new(t, s->renamed_tables.items[i].from, json_string(s->renamed_tables.items[i].to));
  for (size_t i = 0; i < s->renamed_columns.len; i++)
    json_object_set_new(c, s->renamed_columns.items[i].from,
                        json_string(s->renamed_columns.items[i].to));
  return json_pack("{s:o, s:o}", "tables", t, "columns", c);
}

int main(int argc, char **argv) {
  if (argc < 3) return fail("usage", "dz_sqlgen PREV.json|- NEXT.json [options]");
  dz_arena *a = dz_arena_new();
  DZ_VEC(const char *) cols = {0};
  DZ_VEC(const char *) tabs = {0};
  DZ_VEC(const char *) modes = {0};
  dz_dialect dialect = DZ_DIALECT_SQLITE;
  bool breakpoints = true;
  for (int i = 3; i < argc; i++) {
    if (!strcmp(argv[i], "--dialect") && i + 1 < argc)
      dialect = !strcmp(argv[++i], "turso") ? DZ_DIALECT_TURSO : DZ_DIALECT_SQLITE;
    else if (!strcmp(argv[i], "--rename") && i + 1 < argc) dz_vec_push(a, &cols, argv[++i]);
    else if (!strcmp(argv[i], "--rename-table") && i + 1 < argc) dz_vec_push(a, &tabs, argv[++i]);
    else if (!strcmp(argv[i], "--no-breakpoints")) breakpoints = false;
    else if (!strcmp(argv[i], "--mode") && i + 1 < argc) dz_vec_push(a, &modes, argv[++i]);
    else {
      dz_arena_free(a);
      return fail("usage", argv[i]);
    }
  }
  dz_error err;
  dz_error_clear(&err);
  dz_schema *prev = NULL, *next = NULL;
  dz_diff *diff = NULL;
  dz_sql_plan *plan = NULL;
  dz_diff_options opt = {cols.items, cols.len, tabs.items, tabs.len};
  dz_result rc = strcmp(argv[1], "-") ? read_schema(argv[1], a, &prev, &err) : DZ_OK;
  if (rc == DZ_OK) rc = read_schema(argv[2], a, &next, &err);
  for (size_t i = 0; rc == DZ_OK && i < modes.len; i++)
    if (!set_mode(next, modes.items[i]))
      rc = dz_error_set(&err, DZ_ERR_NOT_FOUND, "--mode %s: no such column in %s", modes.items[i], argv[2]);
  if (rc == DZ_OK) rc = dz_diff_schemas(prev, next, &opt, a, &diff, &err);
  if (rc == DZ_OK) next->dialect = dialect;
  json_t *cand = json_array();
  for (size_t i = 0; diff && i < diff->candidates.len; i++) {
    const dz_rename_candidate *c = &diff->candidates.items[i];
    json_array_append_new(cand, json_pack("{s:s?, s:s, s:s}", "table", c->table, "from", c->from,
                                          "to", c->to));
  }
  if (rc == DZ_OK) rc = dz_sqlgen_migration(diff, prev, next, dialect, a, &plan, &err);
  if (rc != DZ_OK) {
    json_decref(cand);
    int code = fail(dz_result_name(rc), err.message);
    dz_arena_free(a);
    return code;
  }
  next->renamed_tables.len = next->renamed_columns.len = 0;
  dz_diff_record_renames(diff, next);
  json_t *o = json_pack(
      "{s:o, s:o, s:s, s:s, s:o, s:o}", "forward", stmts_json(&plan->forward), "rollback",
      stmts_json(&plan->rollback), "text", dz_sql_plan_text(plan, breakpoints, DZ_SQL_FORWARD, a),
      "rollback_text", dz_sql_plan_text(plan, breakpoints, DZ_SQL_ROLLBACK, a), "candidates", cand,
      "meta", renames_json(next));
  json_dumpf(o, stdout, JSON_INDENT(2));
  putchar('\n');
  json_decref(o);
  dz_arena_free(a);
  return 0;
}
