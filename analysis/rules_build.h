/*
** rules_build.h — helpers the rule modules share to build findings. Private
** to analysis/ (the public interface is include/drizzle_lsp/rules.h).
** Everything is allocated in the arena passed in.
*/
#ifndef DZ_RULES_BUILD_H
#define DZ_RULES_BUILD_H

#include "drizzle_lsp/rules.h"

#include <stdarg.h>

/* The location of span in schema s (file NULL when it has no source). */
dz_location dz_location_of(const dz_schema *s, dz_span span);
dz_location dz_location_none(void);
/* A table's name argument, else its whole call, else none. */
dz_location dz_table_location(const dz_schema *s, const dz_table *t);

/* Append a finding with a printf-style message. table and column are
** borrowed (they live in the schemas). */
dz_finding *dz_finding_push(dz_findings *list, dz_arena *a, const char *rule, dz_risk risk,
                            const char *table, const char *column, dz_location loc,
                            const char *fmt, ...) __attribute__((format(printf, 8, 9)));

void dz_finding_add_related(dz_arena *a, dz_finding *f, dz_location loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Append a fix whose title is formatted; table and column default to the
** finding's. Returns it so the caller can set from/to/value/argument. */
dz_fix *dz_finding_add_fix(dz_arena *a, dz_finding *f, dz_fix_kind kind, dz_location loc,
                           const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The strings of v joined by sep, in a ("" when empty). */
char *dz_rules_join(dz_arena *a, const dz_strvec *v, const char *sep);

/* What every rule reads. */
typedef struct dz_rules_ctx {
  const dz_schema *prev, *next; /* prev may be NULL */
  const dz_diff *diff;
  const dz_sql_plan *plan; /* the diff's SQL: which tables it rebuilds */
  dz_arena *a;
  dz_findings *out;
} dz_rules_ctx;

/* Is t a table of next that this diff creates? */
bool dz_rules_table_is_new(const dz_rules_ctx *x, const dz_table *t);

/* The rename candidate whose `from` is this dropped column (table non-NULL)
** or dropped table (column NULL); NULL when there is none. */
const dz_rename_candidate *dz_rules_candidate(const dz_rules_ctx *x, const char *table,
                                              const char *from);

/* Offer "treat as rename" on f when candidate rc exists. */
void dz_rules_add_rename_fix(const dz_rules_ctx *x, dz_finding *f, const dz_rename_candidate *rc);

/* A TypeScript default to suggest for a column of this SQL type ("0",
** "\"\""), or NULL when there is no sensible one (blobs). */
const char *dz_rules_default_suggestion(const char *type);

/* Rules by area: each handles the change kinds it names. */
void dz_rules_column_change(const dz_rules_ctx *x, const dz_change *c);
void dz_rules_constraint_change(const dz_rules_ctx *x, const dz_change *c);
/* One table-rebuild finding per table the plan rebuilds (rules_rebuild.c). */
void dz_rules_rebuilds(const dz_rules_ctx *x);

#endif /* DZ_RULES_BUILD_H */
