/*
** rules.h — from the changes of a diff to findings: what each pending change
** does to data and to running code, how risky it is (safe, careful, high),
** where in the schema to point, and what the user can do about it.
**
** Findings are plain data, free of LSP and JSON, so that the CLI (report.h)
** and the language server (diagnostics, code actions) read the same thing.
** docs/rules.md has one section per rule id; each finding links there.
*/
#ifndef DZ_RULES_H
#define DZ_RULES_H

#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/model.h"
#include "drizzle_lsp/sqlgen.h"

/* Ordered: a higher value is riskier. */
typedef enum dz_risk { DZ_RISK_SAFE = 0, DZ_RISK_CAREFUL = 1, DZ_RISK_HIGH = 2 } dz_risk;

/* A place in a schema file. file is NULL when the element has no source (it
** exists only in the last snapshot, e.g. a dropped table). */
typedef struct dz_location {
  const char *file;
  dz_span span;
} dz_location;

/* Another place that matters to a finding, e.g. the foreign key that
** references a rebuilt table. */
typedef struct dz_related {
  dz_location loc;
  const char *message;
} dz_related;

typedef enum dz_fix_kind {
  DZ_FIX_ADD_DEFAULT,    /* append `.default(<value>)` to the column's builder chain */
  DZ_FIX_MAKE_NULLABLE,  /* remove `.notNull()` from the column's builder chain */
  DZ_FIX_RENAME_COLUMN,  /* generate with --rename <table>.<from>=<to> */
  DZ_FIX_RENAME_TABLE,   /* generate with --rename-table <from>=<to> */
  DZ_FIX_KEEP_OLD_TYPE   /* put the column's previous SQL type (<value>) back */
} dz_fix_kind;

/* A fix as data; the server turns it into a code action, the CLI prints
** title (and argument for the command-line fixes). */
typedef struct dz_fix {
  dz_fix_kind kind;
  const char *title;     /* "Add a default to users.age" */
  const char *table;     /* SQL table name */
  const char *column;    /* SQL column name, or NULL */
  const char *from, *to; /* renames: SQL names */
  const char *value;     /* ADD_DEFAULT: a TypeScript default to suggest ("0", "\"\"");
                         ** KEEP_OLD_TYPE: the previous SQL type */
  const char *argument;  /* renames: the CLI argument, "--rename users.name=full_name" */
  dz_location loc;       /* the element the edit applies to */
} dz_fix;

/* A figure measured on the development database (impact.h). */
typedef struct dz_figure {
  const char *key;  /* stable: "rows", "non_null_values", "nulls", "duplicates",
                    ** "orphans", "violations", "child_rows" */
  int64_t value;
  const char *text; /* a sentence: "120 rows would be deleted" */
} dz_figure;

typedef struct dz_finding {
  const char *rule;        /* stable id, e.g. "column-dropped"; see docs/rules.md */
  dz_risk risk;
  const char *table;       /* SQL table (or view) name the finding is about; NULL for
                           ** a finding about an applied migration (applied.h) */
  const char *column;      /* SQL column name, or NULL */
  const char *migration;   /* the migration's journal tag (applied.h findings), or NULL */
  const char *message;     /* names the table and column; no trailing newline */
  const char *hint;        /* what to do about it, one sentence, or NULL */
  dz_location loc;         /* where to point (the new element; the table for drops) */
  DZ_VEC(dz_related) related;
  DZ_VEC(dz_fix) fixes;
  /* The change this finding is about; NULL for per-table findings
  ** (table-rebuild, table-rebuild-referenced) and rename candidates. */
  const dz_change *change;
  /* Filled by dz_impact_measure (impact.h) when a database is given. */
  DZ_VEC(dz_figure) figures;
  const char *figures_note; /* why figures are missing, e.g. "table not in the database" */
  /* Filled by the caller when the migration's SQL is known: the statements
  ** that come from this finding's change (borrowed). */
  dz_strvec sql;
} dz_finding;

typedef struct dz_findings {
  DZ_VEC(dz_finding *) items; /* the diff's order, then rename candidates, then rebuilds */
} dz_findings;

/* Evaluate every change of diff (made by dz_diff_schemas(prev, next)) and
** every rename candidate; plan is dz_sqlgen_migration of the same diff, whose
** rebuilds become the table-rebuild findings. prev may be NULL (an empty
** schema). Findings are allocated in a; strings and pointers in them may
** borrow from prev, next, diff and plan, which must outlive the findings.
** Fails only on bad arguments. */
dz_result dz_rules_evaluate(const dz_schema *prev, const dz_schema *next, const dz_diff *diff,
                            const dz_sql_plan *plan, dz_arena *a, dz_findings **out,
                            dz_error *err);

/* The highest risk among the findings; DZ_RISK_SAFE when there are none
** (check *has_any for that). */
dz_risk dz_findings_max_risk(const dz_findings *f, bool *has_any);

/* "safe", "careful", "high". */
const char *dz_risk_name(dz_risk r);

/* Parse a risk name; false if it is none of the three. */
bool dz_risk_parse(const char *name, dz_risk *out);

/* Does SQLite keep every value of a column when its declared type changes
** from `from` to `to` (decided by the two types' affinities; docs/rules.md
** has the table)? */
bool dz_type_change_compatible(const char *from, const char *to);

/* The rule catalog: every rule id, the one risk it always carries, and a
** one-line summary (for SARIF's rule list and editors). Static data. */
typedef struct dz_rule_info {
  const char *id;
  dz_risk risk;
  const char *summary;
} dz_rule_info;

const dz_rule_info *dz_rules_catalog(size_t *n);
const dz_rule_info *dz_rule_lookup(const char *id); /* NULL when unknown */

/* Put the plan's forward statements (the plan given to dz_rules_evaluate)
** with the findings they come from (finding->sql): a rebuild's statements,
** its PRAGMAs and row keeping included, with its table-rebuild* finding;
** others with the first finding about their change, else about their table;
** other housekeeping with none. A statement whose deviation from drizzle-kit differs from the previous
** statement's is shown with a "-- drizzle-lsp: <why>" line first. shown
** (optional) receives every statement as shown, in order; the same strings
** are in the findings. Strings in a. */
void dz_findings_attach_sql(dz_findings *f, const dz_sql_plan *plan, dz_arena *a,
                            dz_strvec *shown);

/* How an editor shows a finding: high Error, careful Warning, safe
** Information. */
dz_severity dz_risk_severity(dz_risk r);

/* One diagnostic per finding that has a place in the schema (loc.file set):
** the finding's span (its file index is the schema's), the rule id as code,
** the message with the hint after it. Allocated in a. Findings without a
** place (a dropped table) are left out: the caller decides where they go. */
void dz_findings_to_diags(const dz_findings *f, dz_arena *a, dz_diag_list *out);

/* Append a figure to a finding (strings copied into a). */
void dz_finding_add_figure(dz_arena *a, dz_finding *f, const char *key, int64_t value,
                           const char *text);

#endif /* DZ_RULES_H */
