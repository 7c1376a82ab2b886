/* test_report.c — the JSON and SARIF reports parse and carry every field a
** consumer reads; the text report mentions every finding, its place, figures,
** fixes and SQL. */
#include "dz_test.h"
#include "drizzle_lsp/report.h"
#include "rules_fixture.h"

#include <jansson.h>
#include <unistd.h>

/* users: a dropped column (with a rename candidate) and a NOT NULL add;
** posts: a new table. */
static dz_findings *sample(fx *f) {
  dz_table *ot, *nt;
  fx_pair(f, "users", &ot, &nt);
  dz_change *c = fx_change(f, DZ_CHANGE_COLUMN_DROP, ot, nt);
  c->old_column = fx_column(f, f->prev, ot, "name", "text", false);
  fx_change(f, DZ_CHANGE_COLUMN_ADD, ot, nt)->new_column =
      fx_column(f, f->next, nt, "full_name", "text", true);
  fx_candidate(f, "users", "name", "full_name");
  dz_table *p = fx_table(f, f->next, "posts");
  fx_column(f, f->next, p, "id", "integer", true);
  fx_change(f, DZ_CHANGE_TABLE_CREATE, NULL, p);
  dz_findings *fs = fx_eval(f);
  const dz_finding *drop = fx_find(fs, "column-dropped");
  if (drop) {
    dz_finding_add_figure(f->a, (dz_finding *)drop, "non_null_values", 4,
                          "4 non-null values would be deleted");
    dz_vec_push(f->a, &((dz_finding *)drop)->sql, "ALTER TABLE `users` DROP COLUMN `name`;");
  }
  return fs;
}

static dz_report_input input(const dz_findings *fs, const dz_strvec *sql, const dz_dry_run *d) {
  dz_report_input in;
  memset(&in, 0, sizeof in);
  in.findings = fs;
  in.tool_version = "9.9.9";
  in.root = "/proj";
  in.config = "/proj/drizzle.config.ts";
  in.snapshot = "/proj/drizzle/meta/0001_snapshot.json";
  in.sql = sql;
  in.db = d ? "/proj/dev.db" : NULL;
  in.dry_run = d;
  in.docs_base = "file:///opt/drizzle-lsp/docs/rules.md";
  return in;
}

DZ_TEST(json_report_has_the_documented_shape) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_findings *fs = sample(f);
  dz_strvec sql = {0};
  dz_vec_push(f->a, &sql, fs->items.items[0]->sql.len ? fs->items.items[0]->sql.items[0] : "x");
  dz_dry_run run = {.ok = false, .ms = 1.5, .executed = 2, .total = 3,
                    .failed_sql = "DROP TABLE `users`", .error = "FOREIGN KEY constraint failed"};
  dz_report_input in = input(fs, &sql, &run);
  char *text = dz_report_render(&in, DZ_REPORT_JSON, f->a);
  json_error_t jerr;
  json_t *root = json_loads(text, 0, &jerr);
  DZ_CHECK(root != NULL);
  if (!root) {
    DZ_FAIL("json does not parse: %s", jerr.text);
    fx_free(f);
    return;
  }
  DZ_CHECK_INT(json_integer_value(json_object_get(root, "version")), 1);
  DZ_CHECK_STR(json_string_value(json_object_get(json_object_get(root, "tool"), "version")), "9.9.9");
  DZ_CHECK_STR(json_string_value(json_object_get(root, "snapshot")), "drizzle/meta/0001_snapshot.json");
  json_t *sum = json_object_get(root, "summary");
  DZ_CHECK_INT(json_integer_value(json_object_get(sum, "findings")), fs->items.len);
  DZ_CHECK_INT(json_integer_value(json_object_get(sum, "high")), 3);
  DZ_CHECK_STR(json_string_value(json_object_get(sum, "max_risk")), "high");
  json_t *arr = json_object_get(root, "findings");
  DZ_CHECK_INT(json_array_size(arr), fs->items.len);
  json_t *drop = NULL;
  for (size_t i = 0; i < json_array_size(arr); i++) {
    json_t *o = json_array_get(arr, i);
    DZ_CHECK(json_is_string(json_object_get(o, "message")));
    DZ_CHECK(json_is_array(json_object_get(o, "fixes")));
    DZ_CHECK(json_is_object(json_object_get(o, "figures")));
    if (strcmp(json_string_value(json_object_get(o, "rule")), "column-dropped") == 0) drop = o;
  }
  DZ_CHECK(drop != NULL);
  DZ_CHECK_STR(json_string_value(json_object_get(drop, "risk")), "high");
  DZ_CHECK_STR(json_string_value(json_object_get(drop, "table")), "users");
  DZ_CHECK_STR(json_string_value(json_object_get(drop, "column")), "name");
  json_t *loc = json_object_get(drop, "location");
  DZ_CHECK_STR(json_string_value(json_object_get(loc, "file")), "src/schema.ts");
  DZ_CHECK_INT(json_integer_value(json_object_get(loc, "line")), 1); /* users' name span: row 0 */
  DZ_CHECK_INT(json_integer_value(json_object_get(loc, "column")), 3);
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(drop, "figures"), "non_null_values")), 4);
  json_t *fix = json_array_get(json_object_get(drop, "fixes"), 0);
  DZ_CHECK_STR(json_string_value(json_object_get(fix, "kind")), "rename-column");
  DZ_CHECK_STR(json_string_value(json_object_get(fix, "argument")), "--rename users.name=full_name");
  DZ_CHECK_STR(json_string_value(json_object_get(drop, "help")),
               "file:///opt/drizzle-lsp/docs/rules.md#column-dropped");
  DZ_CHECK_INT(json_array_size(json_object_get(drop, "sql")), 1);
  json_t *dr = json_object_get(json_object_get(root, "database"), "dry_run");
  DZ_CHECK(json_is_false(json_object_get(dr, "ok")));
  DZ_CHECK_STR(json_string_value(json_object_get(dr, "error")), "FOREIGN KEY constraint failed");
  DZ_CHECK_INT(json_array_size(json_object_get(json_object_get(root, "migration"), "sql")), 1);
  json_decref(root);
  fx_free(f);
}

DZ_TEST(sarif_report_is_2_1_0_with_rules_help_links_and_regions) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_findings *fs = sample(f);
  dz_report_input in = input(fs, NULL, NULL);
  char *text = dz_report_render(&in, DZ_REPORT_SARIF, f->a);
  json_t *root = json_loads(text, 0, NULL);
  DZ_CHECK(root != NULL);
  if (!root) {
    fx_free(f);
    return;
  }
  DZ_CHECK_STR(json_string_value(json_object_get(root, "version")), "2.1.0");
  json_t *run = json_array_get(json_object_get(root, "runs"), 0);
  json_t *drv = json_object_get(json_object_get(run, "tool"), "driver");
  DZ_CHECK_STR(json_string_value(json_object_get(drv, "name")), "drizzle-lsp");
  json_t *rules = json_object_get(drv, "rules");
  size_t n;
  dz_rules_catalog(&n);
  DZ_CHECK_INT(json_array_size(rules), n);
  json_t *results = json_object_get(run, "results");
  DZ_CHECK_INT(json_array_size(results), fs->items.len);
  DZ_CHECK_STR(json_string_value(json_object_get(
                   json_object_get(json_object_get(run, "originalUriBaseIds"), "SRCROOT"), "uri")),
               "file:///proj/");
  for (size_t i = 0; i < json_array_size(results); i++) {
    json_t *r = json_array_get(results, i);
    const char *id = json_string_value(json_object_get(r, "ruleId"));
    json_t *rule = json_array_get(rules, (size_t)json_integer_value(json_object_get(r, "ruleIndex")));
    DZ_CHECK_STR(json_string_value(json_object_get(rule, "id")), id);
    char want[256];
    snprintf(want, sizeof want, "file:///opt/drizzle-lsp/docs/rules.md#%s", id ? id : "");
    DZ_CHECK_STR(json_string_value(json_object_get(rule, "helpUri")), want);
    DZ_CHECK(json_array_size(json_object_get(r, "locations")) == 1);
    json_t *pl = json_object_get(json_array_get(json_object_get(r, "locations"), 0), "physicalLocation");
    json_t *art = json_object_get(pl, "artifactLocation");
    DZ_CHECK_STR(json_string_value(json_object_get(art, "uriBaseId")), "SRCROOT");
    const char *level = json_string_value(json_object_get(r, "level"));
    const char *risk = json_string_value(json_object_get(json_object_get(r, "properties"), "risk"));
    DZ_CHECK_STR(level, strcmp(risk ? risk : "", "high") == 0      ? "error"
                        : strcmp(risk ? risk : "", "careful") == 0 ? "warning" : "note");
    if (id && strcmp(id, "column-added-not-null-no-default") == 0) {
      DZ_CHECK_STR(json_string_value(json_object_get(art, "uri")), "src/schema.ts");
      json_t *region = json_object_get(pl, "region");
      DZ_CHECK(json_integer_value(json_object_get(region, "startLine")) >= 1);
      DZ_CHECK_INT(json_integer_value(json_object_get(region, "startColumn")), 3);
      DZ_CHECK_INT(json_array_size(json_object_get(json_object_get(r, "properties"), "fixes")), 2);
    }
  }
  json_decref(root);
  fx_free(f);
}

DZ_TEST(text_report_mentions_each_finding_grouped_by_table) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_findings *fs = sample(f);
  dz_strvec sql = {0};
  dz_vec_push(f->a, &sql, "PRAGMA foreign_keys=OFF;");
  dz_vec_push(f->a, &sql, fs->items.items[0]->sql.len ? fs->items.items[0]->sql.items[0] : "x");
  dz_dry_run run = {.ok = true, .ms = 2.25, .executed = 2, .total = 2};
  dz_row_loss loss = {"tag_links", 2, 0};
  dz_vec_push(f->a, &run.losses, loss);
  dz_report_input in = input(fs, &sql, &run);
  char *text = dz_report_render(&in, DZ_REPORT_TEXT, f->a);
  for (size_t i = 0; i < fs->items.len; i++) {
    DZ_CHECK_CONTAINS(text, fs->items.items[i]->rule);
    DZ_CHECK_CONTAINS(text, fs->items.items[i]->message);
  }
  DZ_CHECK_CONTAINS(text, "\nusers\n");
  DZ_CHECK_CONTAINS(text, "\nposts\n");
  DZ_CHECK(strstr(text, "\nusers\n") < strstr(text, "\nposts\n"));
  DZ_CHECK_CONTAINS(text, "HIGH");
  DZ_CHECK_CONTAINS(text, "src/schema.ts:1:3");
  DZ_CHECK_CONTAINS(text, "4 non-null values would be deleted");
  DZ_CHECK_CONTAINS(text, "drizzle-lsp generate --rename users.name=full_name");
  DZ_CHECK_CONTAINS(text, "sql: ALTER TABLE `users` DROP COLUMN `name`;");
  DZ_CHECK_CONTAINS(text, "other statements of the migration:\n  PRAGMA foreign_keys=OFF;");
  DZ_CHECK_CONTAINS(text, "dry run on a copy: ok, 2 statements");
  DZ_CHECK_CONTAINS(text, "rows lost in tag_links: 2 before the migration, 0 after");
  DZ_CHECK_CONTAINS(text, "summary: 3 high, 0 careful, 1 safe");
  fx_free(f);
}

/* A finding about an applied migration (applied.h) has no table: the text
** report gives it a group of its own, JSON says null and names the
** migration, SARIF points at the .sql file; the pending migrations are a
** line of their own. */
DZ_TEST(findings_about_applied_migrations_have_no_table) {
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_findings *fs = sample(f);
  dz_location loc = {"/proj/drizzle/0001_old.sql", dz_span_none()};
  dz_finding *m = dz_arena_alloc(f->a, sizeof *m);
  *m = (dz_finding){.rule = "migration-skipped", .risk = DZ_RISK_HIGH, .migration = "0001_old",
                    .message = "0001_old was never applied", .hint = "give it a newer when", .loc = loc};
  dz_vec_push(f->a, &fs->items, m);
  dz_journal journal = {0};
  dz_journal_entry e[2] = {{.idx = 0, .when = 1, .tag = "0000_a"}, {.idx = 1, .when = 2, .tag = "0001_old"}};
  dz_migrations ms = {.dir = "/proj/drizzle", .journal = &journal};
  for (size_t i = 0; i < 2; i++) {
    dz_migration mi = {.entry = &e[i]};
    dz_vec_push(f->a, &ms.items, mi);
  }
  dz_applied ap = {.table = "__drizzle_migrations", .table_exists = false};
  dz_dry_run run = {.ok = true};
  dz_report_input in = input(fs, NULL, &run);
  in.applied = &ap;
  in.migrations = &ms;
  char *text = dz_report_render(&in, DZ_REPORT_TEXT, f->a);
  DZ_CHECK_CONTAINS(text, "1 finding about the migrations dev.db has applied");
  DZ_CHECK_CONTAINS(text, "\nmigrations the database has applied (\"__drizzle_migrations\")\n"
                          "  HIGH     migration-skipped  drizzle/0001_old.sql:1:1\n");
  DZ_CHECK_CONTAINS(text, "what to do: give it a newer when");
  DZ_CHECK_CONTAINS(text, "no \"__drizzle_migrations\" table");
  DZ_CHECK_CONTAINS(text, "2 pending, which migrate() applies next: 0000_a, 0001_old\n");
  DZ_CHECK_CONTAINS(text, "summary: 4 high");
  json_t *j = json_loads(dz_report_render(&in, DZ_REPORT_JSON, f->a), 0, NULL);
  json_t *last = json_array_get(json_object_get(j, "findings"), fs->items.len - 1);
  DZ_CHECK(json_is_null(json_object_get(last, "table")) && json_is_null(json_object_get(last, "column")));
  DZ_CHECK_STR(json_string_value(json_object_get(last, "migration")), "0001_old");
  DZ_CHECK_STR(json_string_value(json_object_get(json_object_get(last, "location"), "file")), "drizzle/0001_old.sql");
  json_t *mig = json_object_get(json_object_get(j, "database"), "migrations");
  DZ_CHECK_INT(json_integer_value(json_object_get(mig, "pending")), 2);
  DZ_CHECK_INT(json_array_size(json_object_get(mig, "pending_tags")), 2);
  DZ_CHECK(json_is_false(json_object_get(mig, "table_exists")));
  json_decref(j);
  j = json_loads(dz_report_render(&in, DZ_REPORT_SARIF, f->a), 0, NULL);
  json_t *run0 = json_array_get(json_object_get(j, "runs"), 0);
  json_t *res = json_array_get(json_object_get(run0, "results"), fs->items.len - 1);
  DZ_CHECK_STR(json_string_value(json_object_get(res, "ruleId")), "migration-skipped");
  json_t *pl = json_object_get(json_array_get(json_object_get(res, "locations"), 0), "physicalLocation");
  DZ_CHECK_STR(json_string_value(json_object_get(json_object_get(pl, "artifactLocation"), "uri")),
               "drizzle/0001_old.sql");
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(pl, "region"), "startLine")), 1);
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(json_object_get(run0, "properties"),
                                                                  "migrations"), "pending")), 2);
  json_decref(j);
  fx_free(f);
}

DZ_TEST(empty_report_and_invalid_utf8_names) {
  dz_arena *a = dz_arena_new();
  dz_findings none = {0};
  dz_report_input in;
  memset(&in, 0, sizeof in);
  in.findings = &none;
  DZ_CHECK_CONTAINS(dz_report_render(&in, DZ_REPORT_TEXT, a), "no pending changes");
  json_t *j = json_loads(dz_report_render(&in, DZ_REPORT_JSON, a), 0, NULL);
  DZ_CHECK(j && json_is_null(json_object_get(json_object_get(j, "summary"), "max_risk")));
  json_decref(j);
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *t = fx_table(f, f->next, "bad\xff\xfe\x1b[2J");
  fx_change(f, DZ_CHANGE_TABLE_CREATE, NULL, t);
  dz_findings *fs = fx_eval(f);
  in.findings = fs;
  for (int fmt = DZ_REPORT_JSON; fmt <= DZ_REPORT_SARIF; fmt++) {
    j = json_loads(dz_report_render(&in, (dz_report_format)fmt, a), 0, NULL);
    DZ_CHECK(j != NULL);
    json_decref(j);
  }
  DZ_CHECK(strchr(dz_report_render(&in, DZ_REPORT_TEXT, a), '\x1b') == NULL);
  dz_report_format fm;
  DZ_CHECK(dz_report_format_parse("sarif", &fm) && fm == DZ_REPORT_SARIF);
  DZ_CHECK(!dz_report_format_parse("xml", &fm));
  DZ_CHECK_STR(dz_report_docs_base(NULL, a), "docs/rules.md");
  char cwd[4096]; /* tests run in the source tree, whose docs/rules.md is found from build/ */
  if (getcwd(cwd, sizeof cwd)) {
    const char *exe = dz_arena_printf(a, "%s/build-x/drizzle-lsp", cwd);
    DZ_CHECK_STR(dz_report_docs_base(exe, a), dz_arena_printf(a, "file://%s/docs/rules.md", cwd));
    DZ_CHECK_STR(dz_report_rule_uri(dz_report_docs_base(exe, a), "table-dropped", a),
                 dz_arena_printf(a, "file://%s/docs/rules.md#table-dropped", cwd));
  }
  fx_free(f);
  dz_arena_free(a);
}

DZ_TEST_MAIN
