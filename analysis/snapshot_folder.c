/*
** snapshot_folder.c — finding the newest snapshot of a migrations folder
** through its journal (snapshot.h). The journal, not the directory listing,
** decides: a snapshot file without a journal entry is not a migration.
*/
#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/path.h"
#include "drizzle_lsp/snapshot.h"

#include <string.h>

dz_result dz_snapshot_read_latest(const char *out_dir, dz_arena *a, dz_journal **journal,
                                  dz_schema **latest, dz_error *err) {
  const char *meta = dz_path_resolve(a, out_dir, "meta");
  const char *journal_path = dz_path_resolve(a, meta, "_journal.json");
  char *text;
  size_t len;
  *journal = NULL;
  *latest = NULL;
  dz_result rc = dz_read_file(journal_path, a, &text, &len, err);
  if (rc == DZ_ERR_NOT_FOUND) {
    dz_error_clear(err);
    return DZ_OK;
  }
  if (rc != DZ_OK || (rc = dz_journal_read(journal_path, text, len, a, journal, err)) != DZ_OK)
    return rc;
  if ((*journal)->entries.len == 0) return DZ_OK;
  const dz_journal_entry *last = &(*journal)->entries.items[(*journal)->entries.len - 1];
  const char *underscore = strchr(last->tag, '_');
  size_t prefix = underscore ? (size_t)(underscore - last->tag) : strlen(last->tag);
  const char *name = dz_arena_printf(a, "%.*s_snapshot.json", (int)prefix, last->tag);
  const char *path = dz_path_resolve(a, meta, name);
  rc = dz_read_file(path, a, &text, &len, err);
  if (rc == DZ_ERR_NOT_FOUND)
    return dz_error_set(err, DZ_ERR_INCONSISTENT,
                        "%s: the last entry \"%s\" has no snapshot %s; restore it or remove the "
                        "entry (drizzle-kit drop)",
                        journal_path, last->tag, path);
  if (rc != DZ_OK) return rc;
  return dz_snapshot_read(path, text, len, a, latest, err);
}
