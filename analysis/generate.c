/*
** generate.c — planning and writing one migration (generate.h). The plan is
** pure computation over the models; only dz_generate_write touches the disk,
** and it lands every file or none.
*/
#include "drizzle_lsp/generate.h"

#include <string.h>
#include <sys/time.h>

static int64_t clock_ms(void) {
  struct timeval tv;
  gettimeofday(&tv, NULL);
  return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Does "left=right" (or "table.left=right" when table is set) name this pair? */
static bool pair_matches(const char *spec, const char *table, const char *from, const char *to) {
  size_t n;
  if (table) {
    n = strlen(table);
    if (strncmp(spec, table, n) != 0 || spec[n] != '.') return false;
    spec += n + 1;
  }
  n = strlen(from);
  return strncmp(spec, from, n) == 0 && spec[n] == '=' && strcmp(spec + n + 1, to) == 0;
}

static bool answered_not_rename(const dz_rename_candidate *c, const dz_generate_options *opt) {
  const char *const *specs = c->table ? opt->column_not_renames : opt->table_not_renames;
  size_t n = c->table ? opt->n_column_not_renames : opt->n_table_not_renames;
  for (size_t i = 0; i < n; i++)
    if (pair_matches(specs[i], c->table, c->from, c->to)) return true;
  return false;
}

/* Every unanswered candidate, with the two flags that answer it. */
static dz_result ask_about_renames(const dz_diff *d, const dz_generate_options *opt, dz_arena *a,
                                   dz_error *err) {
  char *msg = NULL;
  size_t open = 0;
  for (size_t i = 0; i < d->candidates.len; i++) {
    const dz_rename_candidate *c = &d->candidates.items[i];
    if (answered_not_rename(c, opt)) continue;
    open++;
    const char *line =
        c->table ? dz_arena_printf(a,
                                   "\n  table \"%s\": column \"%s\" is gone and \"%s\" is new: "
                                   "--rename '%s.%s=%s' (a rename, keeps the data) or "
                                   "--no-rename '%s.%s=%s' (drop and add)",
                                   c->table, c->from, c->to, c->table, c->from, c->to, c->table,
                                   c->from, c->to)
                 : dz_arena_printf(a,
                                   "\n  table \"%s\" is gone and \"%s\" is new: --rename-table "
                                   "'%s=%s' (a rename, keeps the data) or --no-rename-table "
                                   "'%s=%s' (drop and create)",
                                   c->from, c->to, c->from, c->to, c->from, c->to);
    msg = dz_arena_printf(a, "%s%s", msg ? msg : "", line);
  }
  if (!open) return DZ_OK;
  return dz_error_set(err, DZ_ERR_AMBIGUOUS,
                      "%zu change%s could be a rename or a drop and an add; drizzle-lsp does not "
                      "guess. Say which:%s",
                      open, open == 1 ? "" : "s", msg);
}

static void add_file(dz_generate_plan *p, dz_arena *a, const char *path, const char *data,
                     bool replace) {
  dz_file_write f = {path, data, strlen(data), replace};
  dz_vec_push(a, &p->files, f);
}

/* The journal with the new entry appended; `when` keeps growing, because
** drizzle-orm's migrator skips an entry older than the newest applied. */
static const char *journal_text(const dz_config *cfg, const dz_migrations *m, dz_generate_plan *p,
                                int64_t now, dz_arena *a) {
  dz_journal *j = dz_arena_alloc(a, sizeof *j);
  j->version = m->journal->version;
  j->dialect = m->journal->dialect;
  for (size_t i = 0; i < m->journal->entries.len; i++)
    dz_vec_push(a, &j->entries, m->journal->entries.items[i]);
  if (j->entries.len && now <= j->entries.items[j->entries.len - 1].when)
    now = j->entries.items[j->entries.len - 1].when + 1;
  dz_journal_entry e = {p->idx, "6", now, p->tag, cfg->breakpoints};
  dz_vec_push(a, &j->entries, e);
  return dz_journal_write(j, a);
}

static dz_result name_migration(const dz_config *cfg, const dz_generate_options *opt, int64_t now,
                                dz_generate_plan *p, dz_arena *a, const char **prefix,
                                dz_error *err) {
  const char *name = NULL;
  dz_result rc = DZ_OK;
  if (opt->name && (rc = dz_migration_name_sanitize(opt->name, a, &name, err)) != DZ_OK) return rc;
  if ((rc = dz_migration_prefix(p->idx, cfg->migrations_prefix, now, a, prefix, err)) != DZ_OK)
    return rc;
  p->tag = dz_migration_tag(*prefix, name, a);
  return DZ_OK;
}

static dz_result plan_files(const dz_config *cfg, const dz_migrations *m,
                            const dz_generate_options *opt, dz_generate_plan *p, dz_arena *a,
                            dz_error *err) {
  int64_t now = opt->now_ms ? opt->now_ms : clock_ms();
  const char *prefix;
  dz_result rc = name_migration(cfg, opt, now, p, a, &prefix, err);
  if (rc != DZ_OK) return rc;
  const char *out = dz_config_out_dir(cfg, a);
  add_file(p, a, dz_arena_printf(a, "%s/%s.sql", out, p->tag),
           dz_sql_plan_text(p->sql, cfg->breakpoints, DZ_SQL_FORWARD, a), false);
  add_file(p, a, dz_arena_printf(a, "%s/meta/%s_snapshot.json", out, prefix),
           dz_snapshot_write(p->next, a), false);
  add_file(p, a, dz_arena_printf(a, "%s/%s.down.sql", out, p->tag),
           dz_sql_plan_text(p->sql, cfg->breakpoints, DZ_SQL_ROLLBACK, a), false);
  add_file(p, a, dz_arena_printf(a, "%s/meta/_journal.json", out),
           journal_text(cfg, m, p, now, a), true);
  return DZ_OK;
}

dz_result dz_generate_plan_migration(const dz_config *cfg, const dz_migrations *m,
                                     dz_schema *current, const dz_generate_options *opt,
                                     dz_arena *a, dz_generate_plan **out, dz_error *err) {
  dz_generate_plan *p = dz_arena_alloc(a, sizeof *p);
  const dz_schema *prev = dz_migrations_last_snapshot(m);
  dz_result rc = dz_diff_schemas(prev, current, &opt->renames, a, &p->diff, err);
  if (rc == DZ_OK) rc = ask_about_renames(p->diff, opt, a, err);
  if (rc != DZ_OK) return rc;
  p->next = current;
  *out = p;
  if (p->diff->changes.len == 0) return DZ_OK;
  rc = dz_sqlgen_migration(p->diff, prev, current, cfg->dialect, a, &p->sql, err);
  if (rc != DZ_OK) return rc;
  dz_diff_record_renames(p->diff, current);
  current->prev_id = prev ? prev->id : DZ_ORIGIN_UUID;
  if ((rc = dz_uuid_v4(a, &current->id, err)) != DZ_OK) return rc;
  p->idx = dz_migrations_next_idx(m);
  return plan_files(cfg, m, opt, p, a, err);
}

dz_result dz_generate_write(const dz_generate_plan *plan, dz_error *err) {
  return dz_write_files(plan->files.items, plan->files.len, err);
}
