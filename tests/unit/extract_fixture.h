/* extract_fixture.h — extraction of in-memory schema files for unit tests
** (test_extract.c, test_querybuilder.c): the schema, its diagnostics, and
** the arena that owns both (freed by done()). */
#ifndef DZ_EXTRACT_FIXTURE_H
#define DZ_EXTRACT_FIXTURE_H

#include "dz_test.h"
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/parse.h"

typedef struct fixture {
  dz_arena *a;
  dz_schema *s;
  dz_diag_list diags;
} fixture;

/* Extract in-memory files given as path, text pairs (NULL-terminated). */
static inline fixture extract_files(dz_casing casing, const char *const *pairs) {
  fixture f = {dz_arena_new(), NULL, {0}};
  dz_source_file files[8];
  size_t n = 0;
  for (; pairs[2 * n]; n++) files[n] = (dz_source_file){pairs[2 * n], pairs[2 * n + 1], strlen(pairs[2 * n + 1])};
  dz_extract_options opt = {DZ_DIALECT_SQLITE, casing, NULL};
  dz_error err;
  if (dz_extract_schema(files, n, &opt, f.a, &f.s, &f.diags, &err) != DZ_OK) DZ_FAIL("extract failed: %s", err.message);
  return f;
}

static inline fixture extract1(const char *src) {
  const char *pairs[] = {"/v/schema.ts", src, NULL};
  return extract_files(DZ_CASING_NONE, pairs);
}

static inline void done(fixture *f) { dz_arena_free(f->a); }

#define IMPORTS                                                                                  \
  "import { sqliteTable, text, integer, int, real, blob, numeric, index, uniqueIndex, unique,"   \
  " primaryKey, foreignKey, check, sqliteView, customType, sqliteTableCreator } from 'drizzle-orm/sqlite-core';\n" \
  "import { sql } from 'drizzle-orm';\n"

static inline bool has_diag(const fixture *f, const char *part) {
  for (size_t i = 0; i < f->diags.len; i++)
    if (strstr(f->diags.items[i].message, part)) return true;
  return false;
}

#endif
