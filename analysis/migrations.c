/*
** migrations.c — loading a migrations folder and checking that its journal,
** SQL files and snapshots agree (migrations.h). Every check names the file
** and says what is wrong, since a user has to fix it by hand.
*/
#include "drizzle_lsp/migrations.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "drizzle_lsp/fswrite.h"

#define DZ_BREAKPOINT "--> statement-breakpoint"

static dz_result inconsistent(dz_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static dz_result inconsistent(dz_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  dz_error_setv(err, DZ_ERR_INCONSISTENT, fmt, ap);
  va_end(ap);
  return DZ_ERR_INCONSISTENT;
}

/* A file's text; a missing one is reported by the caller, who knows why it
** should be there. Other read errors come back as they are. */
static dz_result read_optional(const char *path, dz_arena *a, char **text, size_t *len, bool *found,
                               dz_error *err) {
  dz_error e;
  dz_result rc = dz_read_file(path, a, text, len, &e);
  *found = rc == DZ_OK;
  if (rc == DZ_ERR_NOT_FOUND) return DZ_OK;
  if (rc != DZ_OK && err) *err = e;
  return rc;
}

static int compare_names(const void *l, const void *r) {
  return strcmp(*(const char *const *)l, *(const char *const *)r);
}

/* The names in dir, sorted (so the first problem reported is stable); an
** unreadable or missing dir gives none. */
static void list_dir(const char *dir, dz_arena *a, dz_strvec *out) {
  DIR *d = opendir(dir);
  if (!d) return;
  for (struct dirent *e; (e = readdir(d));)
    if (e->d_name[0] != '.') dz_vec_push(a, out, dz_arena_strdup(a, e->d_name));
  closedir(d);
  if (out->len) qsort(out->items, out->len, sizeof *out->items, compare_names);
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool claimed(const dz_strvec *names, const char *name) {
  for (size_t i = 0; i < names->len; i++)
    if (strcmp(names->items[i], name) == 0) return true;
  return false;
}

static dz_journal *empty_journal(dz_arena *a) {
  dz_journal *j = dz_arena_alloc(a, sizeof *j);
  j->version = "7";
  j->dialect = "sqlite"; /* drizzle-kit writes "sqlite" for Turso projects too */
  return j;
}

/* A folder without a journal holds no migrations, unless it has files that
** look like some (then the journal was lost, and that must be said). */
static dz_result check_no_journal(const char *dir, const char *journal_path, dz_arena *a, dz_error *err) {
  dz_strvec names = {0}, meta = {0};
  list_dir(dir, a, &names);
  list_dir(dz_arena_printf(a, "%s/meta", dir), a, &meta);
  for (size_t i = 0; i < names.len; i++)
    if (ends_with(names.items[i], ".sql"))
      return inconsistent(err, "%s is missing, but the folder has migration %s/%s", journal_path, dir,
                          names.items[i]);
  for (size_t i = 0; i < meta.len; i++)
    if (ends_with(meta.items[i], "_snapshot.json"))
      return inconsistent(err, "%s is missing, but the folder has snapshot %s/meta/%s", journal_path, dir,
                          meta.items[i]);
  return DZ_OK;
}

/* The journal's own order: idx 0, 1, 2, ..., `when` growing, tags unique. */
static dz_result check_entry(const char *journal_path, const dz_journal *j, size_t i, dz_error *err) {
  const dz_journal_entry *e = &j->entries.items[i];
  if (e->idx != (int)i)
    return inconsistent(err, "%s: entry %zu (\"%s\") has idx %d; idx must run 0, 1, 2, ... in order",
                        journal_path, i, e->tag, e->idx);
  if (i == 0) return DZ_OK;
  const dz_journal_entry *prev = &j->entries.items[i - 1];
  if (e->when <= prev->when)
    return inconsistent(err,
                        "%s: entry %d (\"%s\") has \"when\" %lld, not after the previous entry's %lld; "
                        "drizzle-orm's migrator would skip it on a database that has the previous one "
                        "(give it a \"when\" after %lld)",
                        journal_path, e->idx, e->tag, (long long)e->when, (long long)prev->when, (long long)prev->when);
  for (size_t k = 0; k < i; k++)
    if (strcmp(j->entries.items[k].tag, e->tag) == 0)
      return inconsistent(err, "%s: tag \"%s\" appears twice (idx %d and %d)", journal_path, e->tag,
                          j->entries.items[k].idx, e->idx);
  return DZ_OK;
}

/* A snapshot read through snapshot.h; its own syntax errors already name the
** file and field, and are an inconsistency of the folder. A missing one is
** an error only for the last entry: drizzle-kit builds the next migration on
** the newest snapshot file, so without it the next migration would repeat
** the last one (docs/drizzle-kit-facts.md). An earlier gap is a warning. */
static dz_result load_snapshot(dz_migrations *ms, dz_migration *m, bool last, dz_arena *a, dz_error *err) {
  char *text;
  size_t len;
  bool found;
  dz_result rc = read_optional(m->snapshot_path, a, &text, &len, &found, err);
  if (rc != DZ_OK) return rc;
  if (!found && last)
    return inconsistent(err,
                        "%s is missing (the snapshot of journal entry %d, \"%s\", the last one): the "
                        "next migration cannot be built without it; restore it (from version control)",
                        m->snapshot_path, m->entry->idx, m->entry->tag);
  if (!found) {
    dz_vec_push(a, &ms->warnings,
                dz_arena_printf(a,
                                "%s is missing (the snapshot of journal entry %d, \"%s\"): the "
                                "migration still runs, but verify cannot check what %s.sql gives; "
                                "restore the file (from version control) to check it",
                                m->snapshot_path, m->entry->idx, m->entry->tag, m->entry->tag));
    return DZ_OK;
  }
  rc = dz_snapshot_read(m->snapshot_path, text, len, a, &m->snapshot, err);
  if (rc != DZ_OK && err) err->code = DZ_ERR_INCONSISTENT;
  return rc == DZ_OK ? DZ_OK : DZ_ERR_INCONSISTENT;
}

static dz_result load_sql(dz_migration *m, const char *dir, dz_arena *a, dz_error *err) {
  char *text;
  bool found;
  m->sql_path = dz_arena_printf(a, "%s/%s.sql", dir, m->entry->tag);
  dz_result rc = read_optional(m->sql_path, a, &text, &m->sql_len, &found, err);
  if (rc != DZ_OK) return rc;
  if (!found)
    return inconsistent(err, "%s is missing (journal entry %d, \"%s\")", m->sql_path, m->entry->idx,
                        m->entry->tag);
  m->sql = text;
  const char *down_path = dz_arena_printf(a, "%s/%s.down.sql", dir, m->entry->tag);
  rc = read_optional(down_path, a, &text, &m->down_len, &found, err);
  if (rc == DZ_OK && found) {
    m->down_path = down_path;
    m->down_sql = text;
  }
  return rc;
}

/* The prevId a snapshot must have: the previous one's id, the first's all
** zeros. NULL across a gap (the previous entry has no snapshot): the prevId
** names the missing file's id, which is unknown, so nothing can be held
** against it. */
static const char *expected_prev_id(const dz_migration *prev) {
  if (!prev) return DZ_ORIGIN_UUID;
  return prev->snapshot ? prev->snapshot->id : NULL;
}

/* The snapshot's place in the chain, and an id no other snapshot has. */
static dz_result check_chain(const dz_migrations *ms, size_t i, dz_error *err) {
  const dz_migration *m = &ms->items.items[i], *prev = i ? &ms->items.items[i - 1] : NULL;
  if (!m->snapshot) return DZ_OK;
  const char *want = expected_prev_id(prev);
  const char *got = m->snapshot->prev_id ? m->snapshot->prev_id : "";
  if (want && strcmp(got, want) != 0) {
    if (prev)
      return inconsistent(err, "%s: prevId is \"%s\", but the previous snapshot %s has id \"%s\"",
                          m->snapshot_path, got, prev->snapshot_path, want);
    return inconsistent(err, "%s: prevId is \"%s\"; the first snapshot's prevId must be \"%s\"",
                        m->snapshot_path, got, want);
  }
  for (size_t k = 0; k < i; k++) {
    const dz_migration *o = &ms->items.items[k];
    if (o->snapshot && strcmp(o->snapshot->id, m->snapshot->id) == 0)
      return inconsistent(err, "%s has the same id \"%s\" as %s", m->snapshot_path, m->snapshot->id,
                          o->snapshot_path);
  }
  return DZ_OK;
}

static dz_result load_entry(dz_migrations *ms, size_t i, const char *journal_path, dz_arena *a,
                            dz_error *err) {
  dz_result rc = check_entry(journal_path, ms->journal, i, err);
  if (rc != DZ_OK) return rc;
  dz_migration m;
  memset(&m, 0, sizeof m);
  m.entry = &ms->journal->entries.items[i];
  const char *prefix = dz_migration_tag_prefix(m.entry->tag, a);
  if (!prefix)
    return inconsistent(err, "%s: tag \"%s\" has no \"<prefix>_\" part to name its snapshot", journal_path,
                        m.entry->tag);
  m.snapshot_path = dz_arena_printf(a, "%s/meta/%s_snapshot.json", ms->dir, prefix);
  bool last = i + 1 == ms->journal->entries.len;
  if ((rc = load_sql(&m, ms->dir, a, err)) != DZ_OK || (rc = load_snapshot(ms, &m, last, a, err)) != DZ_OK)
    return rc;
  dz_vec_push(a, &ms->items, m);
  return check_chain(ms, i, err);
}

/* Files the journal does not account for: a snapshot drizzle-kit would take
** as the latest, or a migration no migrator would run. */
static dz_result check_strays(const dz_migrations *ms, dz_arena *a, dz_error *err) {
  dz_strvec mine = {0}, files = {0}, meta = {0};
  for (size_t i = 0; i < ms->items.len; i++) {
    const dz_migration *m = &ms->items.items[i];
    dz_vec_push(a, &mine, strrchr(m->sql_path, '/') + 1);
    dz_vec_push(a, &mine, dz_arena_printf(a, "%s.down.sql", m->entry->tag));
    dz_vec_push(a, &mine, strrchr(m->snapshot_path, '/') + 1);
  }
  list_dir(ms->dir, a, &files);
  for (size_t i = 0; i < files.len; i++)
    if (ends_with(files.items[i], ".sql") && !claimed(&mine, files.items[i]))
      return inconsistent(err, "%s/%s is not in meta/_journal.json, so no migrator would run it", ms->dir,
                          files.items[i]);
  list_dir(dz_arena_printf(a, "%s/meta", ms->dir), a, &meta);
  for (size_t i = 0; i < meta.len; i++)
    if (ends_with(meta.items[i], "_snapshot.json") && !claimed(&mine, meta.items[i]))
      return inconsistent(err,
                          "%s/meta/%s has no entry in meta/_journal.json; drizzle-kit would build the "
                          "next migration on it",
                          ms->dir, meta.items[i]);
  return DZ_OK;
}

static dz_result load_journal(dz_migrations *ms, const char *journal_path, dz_arena *a, dz_error *err) {
  char *text;
  size_t len;
  bool found;
  dz_result rc = read_optional(journal_path, a, &text, &len, &found, err);
  if (rc != DZ_OK) return rc;
  if (!found) return check_no_journal(ms->dir, journal_path, a, err);
  rc = dz_journal_read(journal_path, text, len, a, &ms->journal, err);
  if (rc != DZ_OK && err) err->code = DZ_ERR_INCONSISTENT;
  if (rc != DZ_OK) return DZ_ERR_INCONSISTENT;
  for (size_t i = 0; i < ms->journal->entries.len && rc == DZ_OK; i++)
    rc = load_entry(ms, i, journal_path, a, err);
  return rc == DZ_OK ? check_strays(ms, a, err) : rc;
}

dz_result dz_migrations_load(const char *dir, dz_dialect dialect, dz_arena *a, dz_migrations **out,
                             dz_error *err) {
  dz_migrations *ms = dz_arena_alloc(a, sizeof *ms);
  ms->dir = dz_arena_strdup(a, dir);
  ms->dialect = dialect;
  ms->journal = empty_journal(a);
  struct stat st;
  if (stat(dir, &st) != 0) {
    if (errno != ENOENT) return dz_error_set(err, DZ_ERR_IO, "%s: %s", dir, strerror(errno));
    *out = ms;
    return DZ_OK;
  }
  if (!S_ISDIR(st.st_mode))
    return inconsistent(err, "%s is the migrations folder in the config, but it is a file", dir);
  dz_result rc = load_journal(ms, dz_arena_printf(a, "%s/meta/_journal.json", dir), a, err);
  if (rc != DZ_OK) return rc;
  *out = ms;
  return DZ_OK;
}

const dz_schema *dz_migrations_last_snapshot(const dz_migrations *m) {
  return m->items.len ? m->items.items[m->items.len - 1].snapshot : NULL;
}

int dz_migrations_next_idx(const dz_migrations *m) {
  size_t n = m->journal->entries.len;
  return n ? m->journal->entries.items[n - 1].idx + 1 : 0;
}

void dz_migration_split(const char *sql, dz_arena *a, dz_strvec *out) {
  size_t k = strlen(DZ_BREAKPOINT);
  for (const char *p = sql;;) {
    const char *bp = strstr(p, DZ_BREAKPOINT);
    dz_vec_push(a, out, bp ? dz_arena_strndup(a, p, (size_t)(bp - p)) : dz_arena_strdup(a, p));
    if (!bp) return;
    p = bp + k;
  }
}
