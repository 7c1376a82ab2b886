/*
** report_sarif.c — the SARIF 2.1.0 report (report.h) for code-scanning
** tools: one run, the rule catalog as the driver's rules (help links to
** docs/rules.md#<id>), one result per finding. File URIs are relative to
** SRCROOT, the project root. A finding with no place in the schema (a
** dropped table) points at the snapshot it was in, since scanners want a
** location on every result; one about an applied migration points at its
** .sql file (or the journal). Fixes and figures go in the result's
** properties: they are data, not text edits.
*/
#include "report_build.h"

#include "drizzle_lsp/json.h"

#include <string.h>

static const char *level_of(dz_risk r) {
  return r == DZ_RISK_HIGH ? "error" : r == DZ_RISK_CAREFUL ? "warning" : "note";
}

static json_t *text_message(const char *s) {
  json_t *m = json_object();
  json_t *v = s ? json_string(s) : NULL;
  dz_json_put(m, "text", v ? v : json_string("(message not valid UTF-8)"));
  return m;
}

static json_t *physical(const dz_report_input *in, const char *file, const dz_span *span,
                        dz_arena *a) {
  const char *shown = dz_report_path(in, file);
  json_t *art = json_object();
  dz_json_put(art, "uri", json_string(dz_report_uri_path(shown, a)));
  if (shown != file) dz_json_put(art, "uriBaseId", json_string("SRCROOT"));
  json_t *pl = json_object();
  dz_json_put(pl, "artifactLocation", art);
  if (span) {
    json_t *region = json_object();
    dz_json_put(region, "startLine", json_integer(span->start.row + 1));
    dz_json_put(region, "startColumn", json_integer(span->start.column + 1));
    dz_json_put(region, "endLine", json_integer(span->end.row + 1));
    dz_json_put(region, "endColumn", json_integer(span->end.column + 1));
    dz_json_put(pl, "region", region);
  }
  return pl;
}

static json_t *locations(const dz_report_input *in, const dz_finding *f, dz_arena *a) {
  json_t *arr = json_array();
  json_t *pl = NULL;
  if (f->loc.file) pl = physical(in, f->loc.file, &f->loc.span, a);
  else if (in->snapshot) pl = physical(in, in->snapshot, NULL, a);
  if (pl) {
    json_t *l = json_object();
    dz_json_put(l, "physicalLocation", pl);
    dz_json_append(arr, l);
  }
  return arr;
}

static json_t *related(const dz_report_input *in, const dz_finding *f, dz_arena *a) {
  json_t *arr = json_array();
  for (size_t i = 0; i < f->related.len; i++) {
    const dz_related *r = &f->related.items[i];
    if (!r->loc.file) continue;
    json_t *l = json_object();
    dz_json_put(l, "id", json_integer((json_int_t)i + 1));
    dz_json_put(l, "physicalLocation", physical(in, r->loc.file, &r->loc.span, a));
    dz_json_put(l, "message", text_message(r->message));
    dz_json_append(arr, l);
  }
  return arr;
}

static json_t *result(const dz_report_input *in, const dz_finding *f, dz_arena *a) {
  size_t n, index = 0;
  const dz_rule_info *all = dz_rules_catalog(&n);
  while (index < n && strcmp(all[index].id, f->rule) != 0) index++;
  json_t *r = json_object();
  dz_json_put(r, "ruleId", json_string(f->rule));
  if (index < n) dz_json_put(r, "ruleIndex", json_integer((json_int_t)index));
  dz_json_put(r, "level", json_string(level_of(f->risk)));
  const char *msg = f->hint ? dz_arena_printf(a, "%s. %s.", f->message, f->hint) : f->message;
  dz_json_put(r, "message", text_message(msg));
  dz_json_put(r, "locations", locations(in, f, a));
  json_t *rel = related(in, f, a);
  if (json_array_size(rel)) dz_json_put(r, "relatedLocations", rel);
  else json_decref(rel);
  json_t *props = json_object();
  dz_json_put(props, "risk", json_string(dz_risk_name(f->risk)));
  dz_json_put(props, "table", dz_report_json_str(f->table));
  dz_json_put(props, "column", dz_report_json_str(f->column));
  dz_json_put(props, "migration", dz_report_json_str(f->migration));
  dz_json_put(props, "fixes", dz_report_json_fixes(f));
  dz_json_put(props, "figures", dz_report_json_figures(f));
  dz_json_put(r, "properties", props);
  return r;
}

static json_t *driver(const dz_report_input *in, dz_arena *a) {
  json_t *d = json_object();
  dz_json_put(d, "name", json_string("drizzle-lsp"));
  dz_json_put(d, "version", dz_report_json_str(in->tool_version));
  dz_json_put(d, "informationUri", json_string(in->docs_base ? in->docs_base : "docs/rules.md"));
  json_t *rules = json_array();
  size_t n;
  const dz_rule_info *all = dz_rules_catalog(&n);
  for (size_t i = 0; i < n; i++) {
    json_t *r = json_object();
    dz_json_put(r, "id", json_string(all[i].id));
    dz_json_put(r, "shortDescription", text_message(all[i].summary));
    dz_json_put(r, "helpUri", json_string(dz_report_rule_uri(in->docs_base, all[i].id, a)));
    json_t *conf = json_object();
    dz_json_put(conf, "level", json_string(level_of(all[i].risk)));
    dz_json_put(r, "defaultConfiguration", conf);
    json_t *props = json_object();
    dz_json_put(props, "risk", json_string(dz_risk_name(all[i].risk)));
    dz_json_put(r, "properties", props);
    dz_json_append(rules, r);
  }
  dz_json_put(d, "rules", rules);
  return d;
}

char *dz_report_sarif(const dz_report_input *in, dz_arena *a) {
  json_t *run = json_object();
  json_t *tool = json_object();
  dz_json_put(tool, "driver", driver(in, a));
  dz_json_put(run, "tool", tool);
  if (in->root) {
    json_t *base = json_object(), *src = json_object();
    const char *uri = dz_arena_printf(a, "file://%s/", dz_report_uri_path(in->root, a));
    dz_json_put(src, "uri", json_string(uri));
    dz_json_put(base, "SRCROOT", src);
    dz_json_put(run, "originalUriBaseIds", base);
  }
  json_t *results = json_array();
  for (size_t i = 0; in->findings && i < in->findings->items.len; i++)
    dz_json_append(results, result(in, in->findings->items.items[i], a));
  dz_json_put(run, "results", results);
  if (in->applied) {
    json_t *props = json_object();
    dz_json_put(props, "migrations", dz_report_json_applied(in));
    dz_json_put(run, "properties", props);
  }
  json_t *root = json_object();
  dz_json_put(root, "$schema", json_string("https://json.schemastore.org/sarif-2.1.0.json"));
  dz_json_put(root, "version", json_string("2.1.0"));
  json_t *runs = json_array();
  dz_json_append(runs, run);
  dz_json_put(root, "runs", runs);
  char *text = dz_json_stringify(root, a);
  json_decref(root);
  return dz_arena_printf(a, "%s\n", text);
}
