/*
** generate.h — planning and writing one migration: from the migrations
** folder's last snapshot and the current schema to the four files
** drizzle-kit's tools read (<tag>.sql, meta/<prefix>_snapshot.json, the
** journal entry) plus our rollback <tag>.down.sql.
**
** Planning and writing are separate so that the editor can preview a plan
** (hover, code lens) and write it only when asked; the CLI does both.
*/
#ifndef DZ_GENERATE_H
#define DZ_GENERATE_H

#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/fswrite.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/sqlgen.h"

typedef struct dz_generate_options {
  const char *name;                 /* --name, unsanitized; NULL: random words */
  dz_diff_options renames;          /* --rename / --rename-table */
  /* Drop-and-add pairs the user says are NOT renames ("t.old=new" and
  ** "old=new"): planned as the drop and the add they are. */
  const char *const *column_not_renames;
  size_t n_column_not_renames;
  const char *const *table_not_renames;
  size_t n_table_not_renames;
  int64_t now_ms;                   /* the journal's `when`; 0: the clock */
} dz_generate_options;

typedef struct dz_generate_plan {
  dz_diff *diff;
  dz_sql_plan *sql;
  dz_schema *next;                  /* the new snapshot (id, prevId, _meta set) */
  int idx;
  const char *tag;                  /* "0003_brave_otter" */
  DZ_VEC(dz_file_write) files;      /* .sql, snapshot, .down.sql, journal last */
} dz_generate_plan;

/* Plan the next migration of `m` for the current schema `current` (which
** gets its id, prevId and renames set and becomes plan->next). No changes:
** DZ_OK with plan->diff->changes.len == 0 and no files. A drop and an add
** that could be a rename, unanswered: DZ_ERR_AMBIGUOUS, whose message lists
** each pair and the flags that answer it. All in a. */
dz_result dz_generate_plan_migration(const dz_config *cfg, const dz_migrations *m,
                                     dz_schema *current, const dz_generate_options *opt,
                                     dz_arena *a, dz_generate_plan **out, dz_error *err);

/* Write the plan's files all or nothing (the journal last); on failure the
** folder is exactly as it was. */
dz_result dz_generate_write(const dz_generate_plan *plan, dz_error *err);

#endif /* DZ_GENERATE_H */
