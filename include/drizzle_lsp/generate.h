/*
** generate.h — the next migration, planned: from the migrations folder's
** last snapshot and the current schema to the four files drizzle-kit's
** `generate` would write (<tag>.sql, meta/<prefix>_snapshot.json, the
** journal with one more entry) plus our rollback (<tag>.down.sql), ready for
** dz_write_files, which lands them all or none.
**
** Nothing is written here; a plan that must ask the user (a drop and an add
** that could be a rename) or has nothing to do says so instead of files.
*/
#ifndef DZ_GENERATE_H
#define DZ_GENERATE_H

#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/fswrite.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/sqlgen.h"

typedef struct dz_generate_options {
  const char *name;             /* --name as given; NULL: two random words */
  const char *prefix_mode;      /* the config's migrations.prefix; NULL: "index" */
  bool breakpoints;             /* the config's breakpoints */
  dz_dialect dialect;
  const dz_diff_options *renames;  /* --rename / --rename-table answers; may be NULL */
  int64_t now_ms;               /* the clock: journal `when`, timestamp prefixes */
} dz_generate_options;

typedef enum dz_generate_outcome {
  DZ_GENERATE_WRITE,       /* files[] holds the migration */
  DZ_GENERATE_NO_CHANGES,  /* no SQL to run: drizzle-kit writes nothing either */
  DZ_GENERATE_ASK          /* diff->candidates need an answer (--rename...) */
} dz_generate_outcome;

typedef struct dz_generate_plan {
  dz_generate_outcome outcome;
  const dz_diff *diff;
  const dz_sql_plan *sql;       /* NULL unless WRITE */
  const char *tag;              /* "0003_add_users" */
  const char *name;             /* the name used after sanitising (NULL: random) */
  dz_schema *snapshot;          /* the new snapshot's schema (id, prevId, _meta set) */
  dz_file_write files[4];       /* .sql, snapshot, .down.sql, journal: the landing order */
  size_t n_files;
} dz_generate_plan;

/* Plan the migration from ms's last snapshot to current. The plan, its file
** texts and paths live in a (current's elements are borrowed: keep it alive
** as long as the plan). Errors: a --name with nothing usable, a rename
** naming something that does not exist (DZ_ERR_USAGE), an unsupported prefix
** mode. */
dz_result dz_generate_prepare(const dz_migrations *ms, const dz_schema *current,
                              const dz_generate_options *opt, dz_arena *a, dz_generate_plan **out,
                              dz_error *err);

#endif /* DZ_GENERATE_H */
