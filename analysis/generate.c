/*
** generate.c — planning the next migration's files (generate.h): diff the
** last snapshot against the current schema, turn the changes into forward
** and rollback SQL, and lay out the files and the journal entry the way
** drizzle-kit's generate does.
*/
#include "drizzle_lsp/generate.h"

#include <string.h>

/* The journal with the new entry appended (the folder's own is not touched).
** `when` is kept after the last entry's: drizzle-orm's migrator skips an
** entry that is not newer than the newest one applied. */
static dz_journal *next_journal(const dz_migrations *ms, const char *tag, const dz_generate_options *opt,
                                dz_arena *a) {
  dz_journal *j = dz_arena_alloc(a, sizeof *j);
  j->version = ms->journal->version;
  j->dialect = ms->journal->dialect;
  for (size_t i = 0; i < ms->journal->entries.len; i++) dz_vec_push(a, &j->entries, ms->journal->entries.items[i]);
  int64_t when = opt->now_ms;
  if (j->entries.len && when <= j->entries.items[j->entries.len - 1].when)
    when = j->entries.items[j->entries.len - 1].when + 1;
  dz_journal_entry e = {dz_migrations_next_idx(ms), "6", when, tag, opt->breakpoints};
  dz_vec_push(a, &j->entries, e);
  return j;
}

/* The snapshot to write: the current schema under a new id, chained to the
** last one, with this migration's renames in _meta. */
static dz_schema *next_snapshot(const dz_migrations *ms, const dz_schema *current, const dz_diff *d,
                                dz_arena *a) {
  dz_schema *s = dz_arena_alloc(a, sizeof *s);
  *s = *current;
  s->arena = a;
  memset(&s->renamed_tables, 0, sizeof s->renamed_tables);
  memset(&s->renamed_columns, 0, sizeof s->renamed_columns);
  const dz_schema *last = dz_migrations_last_snapshot(ms);
  s->id = dz_snapshot_new_id(a);
  s->prev_id = last ? last->id : DZ_ORIGIN_UUID;
  dz_diff_record_renames(d, s);
  return s;
}

static dz_file_write file(const char *path, const char *text, bool replace) {
  return (dz_file_write){path, text, strlen(text), replace};
}

static dz_result name_migration(const dz_migrations *ms, const dz_generate_options *opt, dz_arena *a,
                                dz_generate_plan *p, const char **prefix, dz_error *err) {
  dz_result rc = dz_migration_prefix(dz_migrations_next_idx(ms), opt->prefix_mode, opt->now_ms, a, prefix, err);
  if (rc == DZ_OK && opt->name) rc = dz_migration_name_sanitize(opt->name, a, &p->name, err);
  if (rc == DZ_OK) p->tag = dz_migration_tag(*prefix, p->name, a);
  return rc;
}

static void lay_out_files(const dz_migrations *ms, const dz_generate_options *opt, const char *prefix,
                          dz_arena *a, dz_generate_plan *p) {
  const char *dir = ms->dir;
  p->files[0] = file(dz_arena_printf(a, "%s/%s.sql", dir, p->tag),
                     dz_sql_plan_text(p->sql, opt->breakpoints, DZ_SQL_FORWARD, a), false);
  p->files[1] = file(dz_arena_printf(a, "%s/meta/%s_snapshot.json", dir, prefix),
                     dz_snapshot_write(p->snapshot, a), false);
  p->files[2] = file(dz_arena_printf(a, "%s/%s.down.sql", dir, p->tag),
                     dz_sql_plan_text(p->sql, opt->breakpoints, DZ_SQL_ROLLBACK, a), false);
  p->files[3] = file(dz_arena_printf(a, "%s/meta/_journal.json", dir),
                     dz_journal_write(next_journal(ms, p->tag, opt, a), a), true);
  p->n_files = 4;
}

dz_result dz_generate_prepare(const dz_migrations *ms, const dz_schema *current,
                              const dz_generate_options *opt, dz_arena *a, dz_generate_plan **out,
                              dz_error *err) {
  static const dz_diff_options no_renames;
  const dz_diff_options *renames = opt->renames ? opt->renames : &no_renames;
  const dz_schema *prev = dz_migrations_last_snapshot(ms);
  dz_generate_plan *p = dz_arena_alloc(a, sizeof *p);
  const char *prefix = NULL;
  dz_result rc = name_migration(ms, opt, a, p, &prefix, err); /* a bad --name fails first */
  if (rc != DZ_OK) return rc;
  dz_diff *d = NULL;
  if ((rc = dz_diff_schemas(prev, current, renames, a, &d, err)) != DZ_OK) return rc;
  p->diff = d;
  *out = p;
  if (d->candidates.len) {
    p->outcome = DZ_GENERATE_ASK;
    return DZ_OK;
  }
  dz_sql_plan *sql = NULL;
  rc = dz_sqlgen_migration(d, prev, current, opt->dialect, a, &sql, err);
  if (rc != DZ_OK) return rc;
  p->sql = sql;
  if (sql->forward.len == 0) {
    p->outcome = DZ_GENERATE_NO_CHANGES;
    return DZ_OK;
  }
  p->snapshot = next_snapshot(ms, current, d, a);
  lay_out_files(ms, opt, prefix, a, p);
  p->outcome = DZ_GENERATE_WRITE;
  return DZ_OK;
}
