/*
** report_json.c — the JSON report (report.h), built with jansson. Its shape
** is documented in docs/check.md and only grows: fields are added, never
** renamed or removed, and "version" changes if that ever has to happen.
*/
#include "report_build.h"

#include "drizzle_lsp/json.h"

#include <stdlib.h>
#include <string.h>

static const char *const fix_kinds[] = {"add-default", "make-nullable", "rename-column",
                                        "rename-table", "keep-old-type"};

/* Strings from schemas may hold invalid UTF-8; jansson refuses those, so
** fall back to a lossy copy rather than drop the field. */
json_t *dz_report_json_str(const char *s) {
  if (!s) return json_null();
  json_t *v = json_string(s);
  if (v) return v;
  size_t n = strlen(s);
  char *copy = malloc(n + 1);
  for (size_t i = 0; i <= n; i++) copy[i] = (s[i] & 0x80) ? '?' : s[i];
  v = json_string(copy);
  free(copy);
  return v ? v : json_null();
}

static json_t *location(const dz_report_input *in, const dz_location *l) {
  if (!l->file) return json_null();
  json_t *o = json_object();
  dz_json_put(o, "file", dz_report_json_str(dz_report_path(in, l->file)));
  dz_json_put(o, "line", json_integer(l->span.start.row + 1));
  dz_json_put(o, "column", json_integer(l->span.start.column + 1));
  dz_json_put(o, "end_line", json_integer(l->span.end.row + 1));
  dz_json_put(o, "end_column", json_integer(l->span.end.column + 1));
  return o;
}

json_t *dz_report_json_figures(const dz_finding *f) {
  json_t *o = json_object();
  for (size_t i = 0; i < f->figures.len; i++)
    dz_json_put(o, f->figures.items[i].key, json_integer(f->figures.items[i].value));
  return o;
}

json_t *dz_report_json_fixes(const dz_finding *f) {
  json_t *arr = json_array();
  for (size_t i = 0; i < f->fixes.len; i++) {
    const dz_fix *x = &f->fixes.items[i];
    json_t *o = json_object();
    dz_json_put(o, "kind", json_string(fix_kinds[x->kind]));
    dz_json_put(o, "title", dz_report_json_str(x->title));
    dz_json_put(o, "table", dz_report_json_str(x->table));
    dz_json_put(o, "column", dz_report_json_str(x->column));
    dz_json_put(o, "from", dz_report_json_str(x->from));
    dz_json_put(o, "to", dz_report_json_str(x->to));
    dz_json_put(o, "value", dz_report_json_str(x->value));
    dz_json_put(o, "argument", dz_report_json_str(x->argument));
    dz_json_append(arr, o);
  }
  return arr;
}

json_t *dz_report_json_dry_run(const dz_dry_run *d) {
  if (!d) return json_null();
  json_t *o = json_object();
  dz_json_put(o, "ok", json_boolean(d->ok));
  dz_json_put(o, "ms", json_real(d->ms));
  dz_json_put(o, "executed", json_integer((json_int_t)d->executed));
  dz_json_put(o, "total", json_integer((json_int_t)d->total));
  dz_json_put(o, "failed_sql", dz_report_json_str(d->failed_sql));
  dz_json_put(o, "error", dz_report_json_str(d->error));
  dz_json_put(o, "fk_violations", json_integer(d->fk_violations));
  json_t *losses = json_array();
  for (size_t i = 0; i < d->losses.len; i++) {
    json_t *l = json_object();
    dz_json_put(l, "table", dz_report_json_str(d->losses.items[i].table));
    dz_json_put(l, "before", json_integer(d->losses.items[i].before));
    dz_json_put(l, "after", json_integer(d->losses.items[i].after));
    dz_json_append(losses, l);
  }
  dz_json_put(o, "row_losses", losses);
  return o;
}

json_t *dz_report_json_applied(const dz_report_input *in) {
  const dz_applied *ap = in->applied;
  const dz_migrations *ms = in->migrations;
  if (!ap || !ms) return json_null();
  json_t *o = json_object(), *tags = json_array();
  dz_json_put(o, "table", dz_report_json_str(ap->table));
  dz_json_put(o, "table_exists", json_boolean(ap->table_exists));
  dz_json_put(o, "rows", json_integer((json_int_t)ap->rows.len));
  dz_json_put(o, "in_folder", json_integer((json_int_t)ms->items.len));
  dz_json_put(o, "pending", json_integer((json_int_t)dz_applied_pending(ap, ms)));
  for (size_t i = 0; i < ms->items.len; i++)
    if (dz_applied_is_pending(ap, &ms->items.items[i]))
      dz_json_append(tags, dz_report_json_str(ms->items.items[i].entry->tag));
  dz_json_put(o, "pending_tags", tags);
  dz_json_put(o, "problems", json_integer((json_int_t)ap->problems.len));
  return o;
}

static json_t *strings(const dz_strvec *v) {
  if (!v) return json_null();
  json_t *arr = json_array();
  for (size_t i = 0; i < v->len; i++) dz_json_append(arr, dz_report_json_str(v->items[i]));
  return arr;
}

static json_t *finding(const dz_report_input *in, const dz_finding *f, dz_arena *a) {
  json_t *o = json_object();
  dz_json_put(o, "rule", json_string(f->rule));
  dz_json_put(o, "risk", json_string(dz_risk_name(f->risk)));
  dz_json_put(o, "table", dz_report_json_str(f->table));
  dz_json_put(o, "column", dz_report_json_str(f->column));
  dz_json_put(o, "migration", dz_report_json_str(f->migration));
  dz_json_put(o, "message", dz_report_json_str(f->message));
  dz_json_put(o, "hint", dz_report_json_str(f->hint));
  dz_json_put(o, "location", location(in, &f->loc));
  json_t *rel = json_array();
  for (size_t i = 0; i < f->related.len; i++) {
    json_t *r = json_object();
    dz_json_put(r, "location", location(in, &f->related.items[i].loc));
    dz_json_put(r, "message", dz_report_json_str(f->related.items[i].message));
    dz_json_append(rel, r);
  }
  dz_json_put(o, "related", rel);
  dz_json_put(o, "fixes", dz_report_json_fixes(f));
  dz_json_put(o, "figures", dz_report_json_figures(f));
  dz_json_put(o, "figures_note", dz_report_json_str(f->figures_note));
  dz_json_put(o, "sql", strings(&f->sql));
  dz_json_put(o, "help", json_string(dz_report_rule_uri(in->docs_base, f->rule, a)));
  return o;
}

static json_t *summary(const dz_findings *fs) {
  size_t n[3];
  dz_report_count(fs, n);
  bool any;
  dz_risk max = dz_findings_max_risk(fs, &any);
  json_t *o = json_object();
  dz_json_put(o, "findings", json_integer((json_int_t)(n[0] + n[1] + n[2])));
  dz_json_put(o, "high", json_integer((json_int_t)n[DZ_RISK_HIGH]));
  dz_json_put(o, "careful", json_integer((json_int_t)n[DZ_RISK_CAREFUL]));
  dz_json_put(o, "safe", json_integer((json_int_t)n[DZ_RISK_SAFE]));
  dz_json_put(o, "max_risk", any ? json_string(dz_risk_name(max)) : json_null());
  return o;
}

char *dz_report_json(const dz_report_input *in, dz_arena *a) {
  json_t *root = json_object();
  dz_json_put(root, "version", json_integer(1));
  json_t *tool = json_object();
  dz_json_put(tool, "name", json_string("drizzle-lsp"));
  dz_json_put(tool, "version", dz_report_json_str(in->tool_version));
  dz_json_put(root, "tool", tool);
  dz_json_put(root, "config", dz_report_json_str(in->config));
  dz_json_put(root, "snapshot", dz_report_json_str(dz_report_path(in, in->snapshot)));
  dz_json_put(root, "summary", summary(in->findings));
  json_t *arr = json_array();
  for (size_t i = 0; in->findings && i < in->findings->items.len; i++)
    dz_json_append(arr, finding(in, in->findings->items.items[i], a));
  dz_json_put(root, "findings", arr);
  json_t *mig = json_object();
  dz_json_put(mig, "sql", strings(in->sql));
  dz_json_put(mig, "note", dz_report_json_str(in->sql_note));
  dz_json_put(root, "migration", mig);
  json_t *db = json_object();
  dz_json_put(db, "path", dz_report_json_str(in->db));
  dz_json_put(db, "note", dz_report_json_str(in->db_note));
  dz_json_put(db, "dry_run", dz_report_json_dry_run(in->dry_run));
  dz_json_put(db, "migrations", dz_report_json_applied(in));
  dz_json_put(root, "database", db);
  char *text = dz_json_stringify(root, a);
  json_decref(root);
  return dz_arena_printf(a, "%s\n", text);
}
