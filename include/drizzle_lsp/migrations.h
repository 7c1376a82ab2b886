/*
** migrations.h — a drizzle-kit migrations folder (<out>/meta/_journal.json,
** <out>/<tag>.sql, <out>/meta/<prefix>_snapshot.json, and our own
** <out>/<tag>.down.sql), loaded and checked for consistency, and the naming of
** the next migration.
**
** A folder is consistent when every journal entry has its .sql file, the
** last entry has its snapshot file, idx runs 0, 1, 2, ..., `when` grows
** (drizzle-orm's migrator skips an entry older than the newest one applied),
** each snapshot's prevId is the id of the one before (the first: all zeros),
** snapshot ids are unique, and no snapshot or migration-like .sql file lies
** outside the journal. Anything else is DZ_ERR_INCONSISTENT naming the file
** and what is wrong, because drizzle-kit would build the next migration on a
** wrong "previous" schema.
**
** An entry before the last may lack its snapshot (real, healthy folders do;
** drizzle-kit itself only reads the newest snapshot file): that migration
** gets snapshot == NULL, the folder a warning naming the file, and the
** snapshot after the gap has its prevId unchecked (it names the missing
** file's id, which is unknown).
*/
#ifndef DZ_MIGRATIONS_H
#define DZ_MIGRATIONS_H

#include "drizzle_lsp/model.h"
#include "drizzle_lsp/snapshot.h"

/* The prevId of the first snapshot in a folder. */
#define DZ_ORIGIN_UUID "00000000-0000-0000-0000-000000000000"

typedef struct dz_migration {
  const dz_journal_entry *entry;  /* its journal entry */
  const char *sql_path;           /* absolute paths */
  const char *sql;                /* file contents, NUL-terminated */
  size_t sql_len;
  const char *down_path;          /* NULL when there is no <tag>.down.sql */
  const char *down_sql;
  size_t down_len;
  const char *snapshot_path;      /* set even when the file is missing */
  dz_schema *snapshot;            /* the schema after this migration; NULL when its
                                     file is missing (never for the last one) */
} dz_migration;

typedef struct dz_migrations {
  const char *dir;                /* the out folder, as given */
  dz_dialect dialect;             /* the config's: Turso folders may use libSQL-only SQL */
  dz_journal *journal;            /* an empty journal when the folder has none yet */
  DZ_VEC(dz_migration) items;     /* in journal order */
  dz_strvec warnings;             /* problems that do not stop loading (a
                                     missing snapshot before the last), one
                                     line each naming the file */
} dz_migrations;

/* Load and check the folder dir (the config's out folder) for dialect. A
** missing folder is not an error: it yields no migrations. Everything is
** allocated in a. Errors: DZ_ERR_INCONSISTENT naming the file and what is
** wrong (unreadable JSON included: the reader's message names the field),
** DZ_ERR_IO when a file cannot be read at all. On DZ_OK, (*out)->warnings
** lists what the caller should show the user once. */
dz_result dz_migrations_load(const char *dir, dz_dialect dialect, dz_arena *a,
                             dz_migrations **out, dz_error *err);

/* The last migration's snapshot (the "previous" schema for the next
** migration), or NULL when there are no migrations yet. Borrowed from m. */
const dz_schema *dz_migrations_last_snapshot(const dz_migrations *m);

/* The idx the next journal entry gets. */
int dz_migrations_next_idx(const dz_migrations *m);

/* The SQL text of a migration file split the way drizzle-orm's migrator
** splits it (on "--> statement-breakpoint"); pieces are copies in a. */
void dz_migration_split(const char *sql, dz_arena *a, dz_strvec *out);

/* ---- naming (migration_tag.c) ---- */

/* A user-given --name made safe as part of a file name, in a: only letters,
** digits, '_', '-' and non-ASCII UTF-8 letters survive; anything else (a
** '/', '\\', '.', space, control character) becomes one '_', and leading or
** trailing '_' and '-' are dropped, so "../../etc" gives "etc". Nothing left
** is DZ_ERR_USAGE naming the input. At most 120 bytes are kept. */
dz_result dz_migration_name_sanitize(const char *name, dz_arena *a, const char **out, dz_error *err);

/* The file-name prefix drizzle-kit gives migration idx under prefix_mode
** (the config's migrations.prefix: "index" -> "0003", "timestamp" and
** "supabase" -> UTC "YYYYMMDDHHMMSS", "unix" -> seconds), from now_ms. The
** snapshot is meta/<prefix>_snapshot.json and the tag <prefix>_<name>.
** "none" (drizzle-kit then writes a snapshot it cannot find again) and
** unknown modes are DZ_ERR_UNSUPPORTED. */
dz_result dz_migration_prefix(int idx, const char *prefix_mode, int64_t now_ms, dz_arena *a,
                              const char **out, dz_error *err);

/* "<prefix>_<name>" where name is already sanitized, or, when name is NULL,
** two random words in drizzle-kit's style ("0003_brave_otter"). In a. */
const char *dz_migration_tag(const char *prefix, const char *name, dz_arena *a);

/* The prefix part of a tag (up to its first '_'), which names its snapshot;
** NULL when the tag has none. In a. */
const char *dz_migration_tag_prefix(const char *tag, dz_arena *a);

#endif /* DZ_MIGRATIONS_H */
