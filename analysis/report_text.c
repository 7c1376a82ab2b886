/*
** report_text.c — the report for people (report.h): findings grouped by
** table (those about applied migrations in a group of their own), riskiest
** first within a table, each with its place in the schema,
** what to do, the figures from the database and the SQL it runs; then the
** rest of the migration's SQL, the dry run, and a one-line summary.
*/
#include "report_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *marker(dz_risk r) {
  return r == DZ_RISK_HIGH ? "HIGH   " : r == DZ_RISK_CAREFUL ? "CAREFUL" : "safe   ";
}

#define INDENT "           "

/* Print text with every line after the first indented, without trailing
** blank lines. */
static void print_block(FILE *out, const char *prefix, const char *text) {
  size_t n = strlen(text);
  while (n && (text[n - 1] == '\n' || text[n - 1] == ' ' || text[n - 1] == '\t')) n--;
  fputs(prefix, out);
  for (size_t i = 0; i < n; i++) {
    fputc(text[i], out);
    if (text[i] == '\n') fprintf(out, "%*s", (int)strlen(prefix), "");
  }
  fputc('\n', out);
}

static void print_location(FILE *out, const dz_report_input *in, const dz_location *l) {
  if (l->file)
    fprintf(out, "%s:%u:%u", dz_report_path(in, l->file), l->span.start.row + 1,
            l->span.start.column + 1);
  else
    fputs("(no longer in the schema)", out);
}

static void print_figures(FILE *out, const dz_finding *f) {
  if (!f->figures.len && !f->figures_note) return;
  fputs(INDENT "data: ", out);
  for (size_t i = 0; i < f->figures.len; i++)
    fprintf(out, "%s%s", i ? "; " : "", f->figures.items[i].text);
  if (f->figures_note) fprintf(out, "%s%s", f->figures.len ? "; " : "", f->figures_note);
  fputc('\n', out);
}

static void print_finding(FILE *out, const dz_report_input *in, const dz_finding *f) {
  fprintf(out, "  %s  %s  ", marker(f->risk), f->rule);
  print_location(out, in, &f->loc);
  fprintf(out, "\n" INDENT "%s\n", f->message);
  if (f->hint) fprintf(out, INDENT "what to do: %s\n", f->hint);
  print_figures(out, f);
  for (size_t i = 0; i < f->fixes.len; i++) {
    const dz_fix *x = &f->fixes.items[i];
    fprintf(out, INDENT "fix: %s", x->title);
    if (x->argument) fprintf(out, "  (drizzle-lsp generate %s)", x->argument);
    fputc('\n', out);
  }
  for (size_t i = 0; i < f->related.len; i++) {
    fputs(INDENT "see: ", out);
    print_location(out, in, &f->related.items[i].loc);
    fprintf(out, " %s\n", f->related.items[i].message);
  }
  for (size_t i = 0; i < f->sql.len; i++) print_block(out, INDENT "sql: ", f->sql.items[i]);
}

/* Findings about applied migrations have no table (NULL): they form a group
** of their own. */
static bool same_table(const char *a, const char *b) { return a && b ? strcmp(a, b) == 0 : a == b; }

/* One table's findings, riskiest first. */
static void print_table(FILE *out, const dz_report_input *in, const char *table, size_t from,
                        bool *done) {
  const dz_findings *fs = in->findings;
  if (table) fprintf(out, "\n%s\n", table);
  else fprintf(out, "\nmigrations the database has applied (\"%s\")\n",
               in->applied ? in->applied->table : "__drizzle_migrations");
  for (int r = DZ_RISK_HIGH; r >= DZ_RISK_SAFE; r--)
    for (size_t j = from; j < fs->items.len; j++) {
      const dz_finding *f = fs->items.items[j];
      if (done[j] || (int)f->risk != r || !same_table(f->table, table)) continue;
      print_finding(out, in, f);
      done[j] = true;
    }
}

/* The highest risk among the findings about table. */
static dz_risk table_risk(const dz_findings *fs, const char *table) {
  dz_risk max = DZ_RISK_SAFE;
  for (size_t i = 0; i < fs->items.len; i++)
    if (same_table(fs->items.items[i]->table, table) && fs->items.items[i]->risk > max)
      max = fs->items.items[i]->risk;
  return max;
}

/* Tables with high-risk findings first, then careful, then safe; in order
** of first appearance within each. */
static void print_groups(FILE *out, const dz_report_input *in) {
  const dz_findings *fs = in->findings;
  size_t n = fs->items.len;
  bool *done = calloc(n ? n : 1, sizeof *done);
  for (int level = DZ_RISK_HIGH; level >= DZ_RISK_SAFE; level--)
    for (size_t i = 0; i < n; i++) {
      if (done[i] || (int)table_risk(fs, fs->items.items[i]->table) != level) continue;
      print_table(out, in, fs->items.items[i]->table, i, done);
    }
  free(done);
}

static bool attached(const dz_findings *fs, const char *stmt) {
  for (size_t i = 0; i < fs->items.len; i++)
    for (size_t j = 0; j < fs->items.items[i]->sql.len; j++)
      if (fs->items.items[i]->sql.items[j] == stmt) return true;
  return false;
}

static void print_sql(FILE *out, const dz_report_input *in) {
  if (!in->sql) {
    if (in->sql_note) fprintf(out, "\nmigration SQL: %s\n", in->sql_note);
    return;
  }
  bool any_attached = false, header = false;
  for (size_t i = 0; i < in->sql->len && !any_attached; i++)
    any_attached = attached(in->findings, in->sql->items[i]);
  for (size_t i = 0; i < in->sql->len; i++) {
    if (attached(in->findings, in->sql->items[i])) continue;
    if (!header)
      fprintf(out, "\n%s\n", any_attached ? "other statements of the migration:"
                                          : "the migration would run:");
    header = true;
    print_block(out, "  ", in->sql->items[i]);
  }
}

#define PENDING_SHOWN 10

/* How far along the folder the database is, as drizzle-orm's migrator sees it. */
static void print_applied(FILE *out, const dz_report_input *in) {
  const dz_applied *ap = in->applied;
  const dz_migrations *ms = in->migrations;
  if (!ap || !ms) return;
  if (ap->table_exists)
    fprintf(out, "migrations: \"%s\" has %zu row%s for the folder's %zu; ", ap->table,
            ap->rows.len, ap->rows.len == 1 ? "" : "s", ms->items.len);
  else
    fprintf(out, "migrations: no \"%s\" table, so drizzle-orm's migrator has applied none of "
                 "the folder's %zu; ", ap->table, ms->items.len);
  size_t pending = dz_applied_pending(ap, ms), shown = 0, skipped = 0;
  for (size_t i = 0; i < ap->problems.len; i++) skipped += ap->problems.items[i].kind == DZ_APPLIED_SKIPPED;
  if (!pending) fputs("none pending", out);
  else fprintf(out, "%zu pending, which migrate() applies next:", pending);
  for (size_t i = 0; pending && i < ms->items.len && shown < PENDING_SHOWN; i++)
    if (dz_applied_is_pending(ap, &ms->items.items[i]))
      fprintf(out, "%s %s", shown++ ? "," : "", ms->items.items[i].entry->tag);
  if (pending > shown) fputs(", ...", out);
  if (skipped) fprintf(out, "; %zu it will never apply (migration-skipped)", skipped);
  fputc('\n', out);
}

static void print_dry_run(FILE *out, const dz_report_input *in) {
  const dz_dry_run *d = in->dry_run;
  if (!in->db) {
    if (in->db_note) fprintf(out, "\ndatabase: %s\n", in->db_note);
    return;
  }
  fprintf(out, "\ndatabase: %s (read only)%s%s\n", dz_report_path(in, in->db),
          in->db_note ? ": " : "",
          in->db_note ? in->db_note : "");
  print_applied(out, in);
  if (!d) return;
  if (d->ok)
    fprintf(out, "dry run on a copy: ok, %zu statements in %.1f ms (foreign keys on, one "
                 "transaction, as drizzle-orm's migrator)\n", d->executed, d->ms);
  else {
    fprintf(out, "dry run on a copy: FAILED at statement %zu of %zu after %.1f ms: %s\n",
            d->executed, d->total, d->ms, d->error);
    print_block(out, "  ", d->failed_sql ? d->failed_sql : "");
  }
  for (size_t i = 0; i < d->losses.len; i++)
    fprintf(out, "  rows lost in %s: %lld before the migration, %lld after\n",
            d->losses.items[i].table, (long long)d->losses.items[i].before,
            (long long)d->losses.items[i].after);
  if (d->fk_violations)
    fprintf(out, "  rows PRAGMA foreign_key_check reports after the migration: %lld\n",
            (long long)d->fk_violations);
}

/* Findings about applied migrations are not pending changes: counted apart. */
static void print_header(FILE *out, const dz_report_input *in) {
  size_t applied = 0;
  for (size_t i = 0; i < in->findings->items.len; i++) applied += !in->findings->items.items[i]->table;
  size_t total = in->findings->items.len - applied;
  const char *against = in->snapshot ? dz_report_path(in, in->snapshot)
                                     : "an empty database (no migrations yet)";
  if (!total)
    fprintf(out, "drizzle-lsp check: no pending changes; the schema matches %s\n", against);
  else
    fprintf(out, "drizzle-lsp check: %zu finding%s for the pending changes against %s\n", total,
            total == 1 ? "" : "s", against);
  if (applied)
    fprintf(out, "drizzle-lsp check: %zu finding%s about the migrations %s has applied\n", applied,
            applied == 1 ? "" : "s", in->db ? dz_report_path(in, in->db) : "the database");
}

char *dz_report_text(const dz_report_input *in, dz_arena *a) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  if (!out) return dz_arena_strdup(a, "drizzle-lsp: out of memory writing the report\n");
  dz_findings none = {0};
  dz_report_input copy = *in;
  if (!copy.findings) copy.findings = &none;
  print_header(out, &copy);
  print_groups(out, &copy);
  print_sql(out, &copy);
  print_dry_run(out, &copy);
  size_t n[3];
  dz_report_count(copy.findings, n);
  if (copy.findings->items.len)
    fprintf(out, "\nsummary: %zu high, %zu careful, %zu safe; rules explained in %s\n",
            n[DZ_RISK_HIGH], n[DZ_RISK_CAREFUL], n[DZ_RISK_SAFE],
            copy.docs_base ? copy.docs_base : "docs/rules.md");
  fclose(out);
  char *text = dz_arena_strndup(a, buf, len);
  free(buf);
  /* Names come from schema files: keep their control characters (an escape
  ** sequence in a table name) from reaching the terminal. */
  for (char *p = text; *p; p++)
    if ((*p > 0 && *p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f) *p = '?';
  return text;
}
