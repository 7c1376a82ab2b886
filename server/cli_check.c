/*
** cli_check.c — `drizzle-lsp check [--config F] [--db FILE] [--format
** text|json|sarif] [--fail-on high|careful|never]`: the pending changes
** between the schema files and the last snapshot of the migrations folder,
** as findings with their risk and the SQL a migration would run; with a
** development database, real figures and a dry run on a copy, and what
** drizzle-orm's migrator got wrong about the migrations it applied there
** (applied.h): an older migration it skipped, a file edited after it ran.
**
** Exit 1 when a finding is at or above --fail-on (default high), 0
** otherwise, 2 on a usage, configuration or input error (message on stderr).
** Rename candidates are findings, never guesses.
*/
#include "drizzle_lsp/applied.h"
#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/impact.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/path.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/report.h"
#include "drizzle_lsp/rules.h"
#include "drizzle_lsp/sqlgen.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

typedef struct check_run {
  dz_arena *a;
  dz_cli_options opts;
  dz_config *cfg;
  const dz_schema *prev;
  dz_schema *next;
  dz_diff *diff;
  dz_findings *findings;
  dz_migrations *migrations;
  dz_strvec sql;          /* forward statements as shown (deviation comment first) */
  dz_strvec raw_sql;      /* the same, as run */
  dz_dry_run dry_run;
  dz_report_input in;
} check_run;

/* Options, then the project (config, migrations folder, schema); the last
** snapshot is the "before". A failure has been printed already. */
static int load_inputs(check_run *r, int argc, char **argv) {
  dz_error err;
  if (dz_cli_parse(argc, argv, "config,db,format,fail-on", r->a, &r->opts, &err) != DZ_OK)
    return dz_cli_fail("check", &err);
  dz_cli_project p;
  int code = dz_cli_open_project("check", &r->opts, r->a, &p);
  if (code != DZ_EXIT_OK) return code;
  r->cfg = p.config;
  r->next = p.schema;
  r->prev = dz_migrations_last_snapshot(p.migrations);
  r->migrations = p.migrations;
  if (p.migrations->items.len)
    r->in.snapshot = p.migrations->items.items[p.migrations->items.len - 1].snapshot_path;
  char cwd[4096];
  if (r->opts.db && r->opts.db[0] != '/' && getcwd(cwd, sizeof cwd))
    r->opts.db = dz_path_resolve(r->a, cwd, r->opts.db);
  return DZ_EXIT_OK;
}

/* The migration's SQL, each statement with the finding it comes from. */
static void plan_sql(check_run *r, const dz_sql_plan *plan) {
  dz_findings_attach_sql(r->findings, plan, r->a, &r->sql);
  for (size_t i = 0; i < plan->forward.len; i++)
    dz_vec_push(r->a, &r->raw_sql, plan->forward.items[i].sql);
  r->in.sql = &r->sql;
  if (r->diff->candidates.len)
    r->in.sql_note = "rename candidates are shown as drops and adds; generate asks first";
}

/* libSQL's ALTER COLUMN does not exist in SQLite: a dry run of such a
** migration on sqlite3 would fail for a reason production never sees. */
static bool needs_libsql(const check_run *r) {
  for (size_t i = 0; i < r->raw_sql.len; i++)
    if (strstr(r->raw_sql.items[i], " ALTER COLUMN ")) return true;
  return false;
}

static void add_note(check_run *r, const char *note) {
  r->in.db_note = r->in.db_note ? dz_arena_printf(r->a, "%s; %s", r->in.db_note, note) : note;
}

/* The migrator's table matched to the folder: its problems become findings
** (after the figures, which are about tables). Figures assume the database
** is at the last snapshot: say so when the migrator has recorded a different
** number of migrations. A table of that name that is not the migrator's
** (no hash or created_at) is a note: the figures are still worth having. */
static void read_applied(check_run *r, const char *db) {
  dz_applied *ap = NULL;
  dz_error err;
  if (dz_applied_read_file(db, r->cfg->migrations_table, r->migrations, r->a, &ap, &err) != DZ_OK) {
    add_note(r, dz_arena_printf(r->a, "applied migrations not checked: %s", err.message));
    return;
  }
  r->in.applied = ap;
  r->in.migrations = r->migrations;
  dz_applied_findings(ap, r->migrations, r->a, r->findings);
  size_t n = r->migrations->items.len;
  if (ap->table_exists && ap->rows.len != n)
    add_note(r, dz_arena_printf(r->a, "%s records %zu applied migrations but the folder has %zu; "
                                "figures and the dry run assume the database is at the last one",
                                ap->table, ap->rows.len, n));
}

static dz_result measure(check_run *r, dz_error *err) {
  const char *db = r->opts.db;
  if (!db) {
    db = dz_config_db_path(r->cfg, r->a);
    if (!db) {
      r->in.db_note = "no development database (give --db FILE, or a file: dbCredentials.url) "
                      "for row counts and a dry run";
      return DZ_OK;
    }
    if (access(db, F_OK) != 0) {
      r->in.db_note = dz_arena_printf(r->a, "dbCredentials.url (%s) names no existing file: "
                                      "create it, or give --db FILE, for row counts and a "
                                      "dry run", r->cfg->db_url);
      return DZ_OK;
    }
  } else if (access(db, F_OK) != 0) {
    return dz_error_set(err, DZ_ERR_NOT_FOUND, "--db %s: no such file", db);
  }
  dz_result rc = dz_impact_measure(db, r->next, r->findings, r->a, err);
  if (rc == DZ_OK) read_applied(r, db);
  bool dry = r->in.sql && !needs_libsql(r);
  if (r->in.sql && !dry)
    add_note(r, "no dry run: the migration uses libSQL's ALTER COLUMN, which SQLite cannot run");
  if (rc == DZ_OK && dry)
    rc = dz_impact_dry_run(db, (const char *const *)r->raw_sql.items, r->raw_sql.len, r->a,
                           &r->dry_run, err);
  if (rc != DZ_OK) return rc;
  r->in.db = db;
  r->in.dry_run = dry ? &r->dry_run : NULL;
  return DZ_OK;
}

static const char *exe_path(dz_arena *a) {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? dz_arena_strndup(a, buf, (size_t)n) : NULL;
}

static int exit_code(const check_run *r) {
  dz_risk threshold;
  if (!dz_risk_parse(r->opts.fail_on, &threshold)) return DZ_EXIT_OK; /* "never" */
  for (size_t i = 0; i < r->findings->items.len; i++)
    if (r->findings->items.items[i]->risk >= threshold) return DZ_EXIT_FAIL;
  return DZ_EXIT_OK;
}

/* Diff, rules, SQL, figures. */
static dz_result analyse(check_run *r, dz_error *err) {
  dz_sql_plan *plan = NULL;
  dz_result rc = dz_diff_schemas(r->prev, r->next, NULL, r->a, &r->diff, err);
  if (rc == DZ_OK)
    rc = dz_sqlgen_migration(r->diff, r->prev, r->next, r->cfg->dialect, r->a, &plan, err);
  if (rc == DZ_OK)
    rc = dz_rules_evaluate(r->prev, r->next, r->diff, plan, r->a, &r->findings, err);
  if (rc != DZ_OK) return rc;
  plan_sql(r, plan);
  return measure(r, err);
}

static void print_report(check_run *r) {
  r->in.findings = r->findings;
  r->in.tool_version = DZ_VERSION;
  r->in.root = r->cfg->dir;
  r->in.config = r->cfg->path;
  r->in.docs_base = dz_report_docs_base(exe_path(r->a), r->a);
  dz_report_format fmt = DZ_REPORT_TEXT;
  dz_report_format_parse(r->opts.format, &fmt);
  fputs(dz_report_render(&r->in, fmt, r->a), stdout);
}

int dz_cli_check(int argc, char **argv) {
  check_run r;
  memset(&r, 0, sizeof r);
  r.a = dz_arena_new();
  dz_error err;
  dz_error_clear(&err);
  int code = load_inputs(&r, argc, argv);
  if (code == DZ_EXIT_OK && analyse(&r, &err) != DZ_OK) code = dz_cli_fail("check", &err);
  if (code == DZ_EXIT_OK) {
    print_report(&r);
    code = exit_code(&r);
  }
  dz_arena_free(r.a);
  return code;
}
