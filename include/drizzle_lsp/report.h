/*
** report.h — findings as text (for people: grouped by table, risk markers,
** the SQL each change runs), JSON (a stable shape, docs/check.md) and SARIF
** 2.1.0 (for code-scanning tools: rule ids with help links to
** docs/rules.md#<id>, locations with file, line and column). Findings about
** applied migrations (applied.h) name no table and point at a migration
** file; the database's pending migrations are a line of their own.
*/
#ifndef DZ_REPORT_H
#define DZ_REPORT_H

#include "drizzle_lsp/applied.h"
#include "drizzle_lsp/impact.h"
#include "drizzle_lsp/rules.h"

typedef enum dz_report_format { DZ_REPORT_TEXT, DZ_REPORT_JSON, DZ_REPORT_SARIF } dz_report_format;

/* Everything a report shows; all borrowed for the call. Only findings is
** required. */
typedef struct dz_report_input {
  const dz_findings *findings;
  const char *tool_version;   /* "0.1.0" */
  const char *root;           /* absolute directory paths are shown relative to (the config's) */
  const char *config;         /* the config file, for the header */
  const char *snapshot;       /* the snapshot compared against; NULL: no migrations yet */
  const dz_strvec *sql;       /* the migration's forward statements; NULL: not available */
  const char *sql_note;       /* why sql is NULL (e.g. rename candidates to decide) */
  const char *db;             /* the development database, NULL when none */
  const char *db_note;        /* why there are no figures (no database, unreadable, ...) */
  const dz_dry_run *dry_run;  /* NULL when not run */
  const dz_applied *applied;  /* the database's applied migrations (with migrations); NULL: not read */
  const dz_migrations *migrations;
  const char *docs_base;      /* "file:///.../docs/rules.md" or "docs/rules.md" */
} dz_report_input;

/* The report in the given format, NUL-terminated, ending in a newline, in a.
** Positions are 1-based lines and columns (columns count bytes). */
char *dz_report_render(const dz_report_input *in, dz_report_format fmt, dz_arena *a);

/* Parse "text", "json" or "sarif"; false otherwise. */
bool dz_report_format_parse(const char *name, dz_report_format *out);

/* Where docs/rules.md is for help links: the file beside the binary's
** source tree or install (<exe dir>/../docs/rules.md,
** <exe dir>/../share/drizzle-lsp/rules.md) as a file:// URI when it exists,
** else the relative "docs/rules.md". exe_path may be NULL. In a. */
const char *dz_report_docs_base(const char *exe_path, dz_arena *a);

/* docs_base#rule, in a. */
const char *dz_report_rule_uri(const char *docs_base, const char *rule, dz_arena *a);

#endif /* DZ_REPORT_H */
