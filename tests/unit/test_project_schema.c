/* test_project_schema.c — dz_project_read_schema: a project on disk read the
** way drizzle-kit reads it (config, schema files in its order, imports read
** for resolution only, casing from the config). */
#include "dz_test.h"
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/project.h"
#include "scratch_fixture.h"

static const char *const files[] = {
    "drizzle.config.ts",
    "import { defineConfig } from 'drizzle-kit';\n"
    "export default defineConfig({ dialect: 'turso', schema: './src/schema/*.ts', casing: 'snake_case' });\n",
    "src/schema/b_posts.ts",
    "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\n"
    "import { users } from './a_users';\n"
    "import { audit } from '../shared/columns';\n"
    "export const posts = sqliteTable('posts', { postId: integer().primaryKey(), authorId: integer().references(() => users.userId), ...audit });\n",
    "src/schema/a_users.ts",
    "import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\n"
    "export const users = sqliteTable('users', { userId: integer().primaryKey(), fullName: text() });\n",
    "src/shared/columns.ts",
    "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\n"
    "export const audit = { createdAt: integer({ mode: 'timestamp' }) };\n"
    "export const notInSchema = sqliteTable('not_in_schema', { id: integer() });\n",
    NULL};

DZ_TEST(project_schema_follows_the_config) {
  char *dir = scratch_project("test_project_schema", files);
  dz_arena *a = dz_arena_new();
  dz_config *c = NULL;
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  dz_error err;
  if (dz_config_load(NULL, dir, a, &c, &err) != DZ_OK) DZ_FAIL("config: %s", err.message);
  else if (dz_project_read_schema(c, a, &s, &diags, &err) != DZ_OK) DZ_FAIL("schema: %s", err.message);
  if (s) {
    DZ_CHECK_INT(s->dialect, DZ_DIALECT_TURSO);
    DZ_CHECK_INT(s->tables.len, 2); /* a file only imported contributes no table */
    DZ_CHECK_STR(s->tables.items[0]->name, "users");
    DZ_CHECK_STR(s->tables.items[1]->name, "posts");
    const dz_table *posts = s->tables.items[1];
    DZ_CHECK_STR(posts->columns.items[0]->name, "post_id");
    DZ_CHECK_STR(posts->columns.items[2]->name, "created_at");
    DZ_CHECK_STR(posts->foreign_keys.items[0]->name, "posts_author_id_users_user_id_fk");
    DZ_CHECK_CONTAINS(s->files.items[posts->columns.items[2]->span.file], "src/shared/columns.ts");
    DZ_CHECK_INT(diags.len, 0);
  }
  dz_arena_free(a);
  scratch_drop(dir);
}

DZ_TEST(an_unreadable_schema_file_is_an_error_naming_it) {
  char *dir = scratch_project("test_project_schema", files);
  char missing[4096];
  snprintf(missing, sizeof missing, "%s/src/schema/gone.ts", dir);
  dz_error err;
  dz_error_clear(&err);
  DZ_CHECK(dz_module_read(missing, &err) == NULL);
  DZ_CHECK_INT(err.code, DZ_ERR_NOT_FOUND);
  DZ_CHECK_CONTAINS(err.message, "gone.ts");
  dz_error_clear(&err);
  DZ_CHECK(dz_module_read(dir, &err) == NULL); /* a directory opens but does not read */
  DZ_CHECK_INT(err.code, DZ_ERR_IO);
  DZ_CHECK_CONTAINS(err.message, dir);
  scratch_drop(dir);
}

DZ_TEST(a_module_cache_reads_shared_files_once_until_forgotten) {
  char *dir = scratch_project("test_project_schema", files);
  char path[4096], shared[4096];
  snprintf(path, sizeof path, "%s/src/schema/b_posts.ts", dir);
  snprintf(shared, sizeof shared, "%s/src/shared/columns.ts", dir);
  dz_module *mods[2] = {dz_module_read(path, NULL), NULL};
  snprintf(path, sizeof path, "%s/src/schema/a_users.ts", dir);
  mods[1] = dz_module_read(path, NULL);
  dz_module_cache *cache = dz_module_cache_new();
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE, NULL};
  dz_arena *a = dz_arena_new();
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  size_t ncols[3];
  for (int round = 0; round < 3; round++) {
    if (round == 1) { /* the shared file changes on disk: the cache still has the old one */
      FILE *f = fopen(shared, "w");
      if (f) {
        fputs("import { integer } from 'drizzle-orm/sqlite-core';\n"
              "export const audit = { createdAt: integer(), updatedAt: integer() };\n", f);
        fclose(f);
      }
    }
    if (round == 2) dz_module_cache_forget(cache, shared);
    DZ_CHECK_INT(dz_schema_link(mods, 2, &opt, dz_module_cache_loader, cache, a, &s, &diags, NULL), DZ_OK);
    const dz_table *posts = s ? dz_schema_find_table(s, "posts") : NULL;
    ncols[round] = posts ? posts->columns.len : 0;
  }
  DZ_CHECK_INT(ncols[0], 3);
  DZ_CHECK_INT(ncols[1], 3);
  DZ_CHECK_INT(ncols[2], 4);
  DZ_CHECK_INT(diags.len, 0);
  dz_module_cache_free(cache);
  dz_module_free(mods[0]);
  dz_module_free(mods[1]);
  dz_arena_free(a);
  scratch_drop(dir);
}

DZ_TEST(workspace_packages_resolve_through_node_modules_but_npm_javascript_does_not) {
  static const char *const ws[] = {
      "node_modules/@acme/shared/package.json",
      "{ \"exports\": { \".\": \"./src/index.ts\", \"./roles\": { \"types\": \"./src/roles.ts\" } } }",
      "node_modules/@acme/shared/src/index.ts", "export * from './roles';\nexport const PREFIX = 'acme';\n",
      "node_modules/@acme/shared/src/roles.ts", "export const DEFAULT_ROLE = 'member';\n",
      "node_modules/compiled/package.json", "{ \"main\": \"dist/index.js\" }",
      "node_modules/compiled/dist/index.js", "export const VALUE = 'from npm';\n",
      "app/schema.ts",
      "import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\n"
      "import { PREFIX } from '@acme/shared';\nimport { DEFAULT_ROLE } from '@acme/shared/roles';\n"
      "import { VALUE } from 'compiled';\n"
      "export const m = sqliteTable(`${PREFIX}_m`, { role: text().default(DEFAULT_ROLE), v: text().default(VALUE) });\n",
      NULL};
  char *dir = scratch_project("test_project_schema", ws);
  char path[4096];
  snprintf(path, sizeof path, "%s/app/schema.ts", dir);
  dz_module *mod = dz_module_read(path, NULL);
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE, NULL};
  dz_arena *a = dz_arena_new();
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  DZ_CHECK_INT(dz_schema_link(&mod, 1, &opt, dz_module_read_loader, NULL, a, &s, &diags, NULL), DZ_OK);
  const dz_table *t = s ? dz_schema_find_table(s, "acme_m") : NULL;
  DZ_CHECK(t != NULL);
  if (t) {
    DZ_CHECK_STR(dz_table_find_column(t, "role")->def.text, "'member'");
    DZ_CHECK_INT(dz_table_find_column(t, "v")->def.kind, DZ_DEFAULT_NONE);
  }
  DZ_CHECK_INT(diags.len, 1);
  if (diags.len) DZ_CHECK_CONTAINS(diags.items[0].message, "\"compiled\"");
  dz_module_free(mod);
  dz_arena_free(a);
  scratch_drop(dir);
}

DZ_TEST_MAIN
