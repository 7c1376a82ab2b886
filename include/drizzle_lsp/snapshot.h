/*
** snapshot.h — drizzle-kit's files: the SQLite snapshot (version "6") and
** meta/_journal.json, read into the model and written back exactly as
** drizzle-kit formats them (its key order, two-space indentation, no final
** newline), so that a file we write is one drizzle-kit takes as its own.
*/
#ifndef DZ_SNAPSHOT_H
#define DZ_SNAPSHOT_H

#include "drizzle_lsp/model.h"

/* Parse snapshot JSON. path names the file in messages. Anything that is not
** a SQLite version "6" snapshot (wrong version, dialect, missing, mistyped or
** unknown field, a record whose key differs from its "name") is
** DZ_ERR_SYNTAX naming the path and the JSON field, e.g. "meta/0001_snapshot.json:
** tables.users.columns.id.notNull must be a boolean, not a string"; invalid
** JSON gives path:line:column. Versions "3" to "5" are told to run
** `drizzle-kit up`, as drizzle-kit generate does. Fields drizzle-kit's own
** validator lets be absent (autoincrement, onDelete/onUpdate, a composite
** key's name, uniqueConstraints, checkConstraints, views, internal) may be. */
dz_result dz_snapshot_read(const char *path, const char *text, size_t len, dz_arena *a,
                           dz_schema **out, dz_error *err);

/* The snapshot JSON for s, with s->id and s->prev_id (both must be set), as
** drizzle-kit generate writes it. Allocated in a. A snapshot read from a
** file comes back byte for byte; only a `generate --custom` snapshot, which
** drizzle-kit copies through its validator in another key order, comes back
** with the same content in generate's order. */
char *dz_snapshot_write(const dz_schema *s, dz_arena *a);

typedef struct dz_journal_entry {
  int idx;
  const char *version;  /* "6" */
  int64_t when;         /* milliseconds since the epoch */
  const char *tag;      /* "0003_brave_hulk": the .sql file name without .sql */
  bool breakpoints;
} dz_journal_entry;

typedef struct dz_journal {
  const char *version;  /* "7" */
  const char *dialect;  /* "sqlite" or "turso" */
  DZ_VEC(dz_journal_entry) entries;
} dz_journal;

/* Parse meta/_journal.json, every field checked (errors as for snapshots,
** e.g. "entries[2].when must be a number, not a string"); a tag must be a
** plain file name. The dialect may be "sqlite" (what drizzle-kit writes, for
** turso projects too) or "turso". */
dz_result dz_journal_read(const char *path, const char *text, size_t len, dz_arena *a,
                          dz_journal **out, dz_error *err);
/* The journal as drizzle-kit writes it after adding an entry, in a. */
char *dz_journal_write(const dz_journal *j, dz_arena *a);

/* A fresh random (v4) UUID string for a snapshot id, in a, lower-case like
** crypto.randomUUID(). NULL when the system's randomness (/dev/urandom)
** cannot be read; dz_uuid_v4 says why. */
const char *dz_snapshot_new_id(dz_arena *a);
dz_result dz_uuid_v4(dz_arena *a, const char **out, dz_error *err);

#endif /* DZ_SNAPSHOT_H */
