/*
** config_db.c — dz_config_db_path (project.h): the development database a
** config's dbCredentials.url names, when it is a local SQLite file.
*/
#include "drizzle_lsp/path.h"
#include "drizzle_lsp/project.h"

#include <string.h>

const char *dz_config_db_path(const dz_config *c, dz_arena *a) {
  const char *url = c->db_url;
  if (!url || !*url) return NULL;
  if (strncmp(url, "file:", 5) == 0) url += 5;
  else if (strstr(url, "://") || strcmp(url, ":memory:") == 0) return NULL;
  if (strncmp(url, "//", 2) == 0) url += 2; /* file://path */
  size_t n = strcspn(url, "?#");
  if (!n) return NULL;
  return dz_path_resolve(a, c->dir, dz_arena_strndup(a, url, n));
}
