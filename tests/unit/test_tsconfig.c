/* test_tsconfig.c — tsconfig.json read as drizzle-kit's loader reads it (JSONC,
** extends, paths) and bare imports resolved through it, in the CLI's project
** reader and the server's workspace (docs/drizzle-kit-facts.md). */
#include <unistd.h>

#include "dz_test.h"
#include "drizzle_lsp/extract.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/tsconfig.h"
#include "drizzle_lsp/workspace.h"
#include "scratch_fixture.h"

static const char *at(dz_arena *a, const char *dir, const char *rel) {
  return dz_arena_printf(a, "%s/%s", dir, rel);
}

/* The candidates for spec, joined with " | ", relative to dir. */
static const char *candidates(dz_arena *a, const dz_tsconfig *tc, const char *dir, const char *spec) {
  dz_strvec c = {0};
  dz_tsconfig_candidates(tc, spec, a, &c);
  const char *out = "";
  size_t n = strlen(dir);
  for (size_t i = 0; i < c.len; i++) {
    const char *p = strncmp(c.items[i], dir, n) == 0 ? c.items[i] + n : c.items[i];
    out = dz_arena_printf(a, "%s%s%s", out, i ? " | " : "", p);
  }
  return out;
}

/* ---- JSONC ------------------------------------------------------------------ */

static const char *strip(dz_arena *a, const char *text) { return dz_jsonc_strip(a, text, strlen(text)); }

DZ_TEST(jsonc_strip_blanks_comments_and_keeps_offsets) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(strip(a, "{ // note\n\"a\": 1 /* x\ny */ }"), "{        \n\"a\": 1     \n     }");
  DZ_CHECK_STR(strip(a, "// only a comment"), "                 ");
  DZ_CHECK_STR(strip(a, "[1 /* never closed"), "[1                ");
  DZ_CHECK_STR(strip(a, "{\"a\":1}//"), "{\"a\":1}  ");
  dz_arena_free(a);
}

DZ_TEST(jsonc_strip_leaves_strings_alone) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(strip(a, "{\"u\": \"http://x/*y*/\", // c\n}"), "{\"u\": \"http://x/*y*/\"      \n}");
  DZ_CHECK_STR(strip(a, "[\"a\\\"//b\", \"\\\\\" // c\n]"), "[\"a\\\"//b\", \"\\\\\"     \n]");
  DZ_CHECK_STR(strip(a, "[\",]\", \"}\"]"), "[\",]\", \"}\"]");
  dz_arena_free(a);
}

DZ_TEST(jsonc_strip_removes_only_trailing_commas) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(strip(a, "{\"a\": [1, 2,], }"), "{\"a\": [1, 2 ]  }");
  DZ_CHECK_STR(strip(a, "[1, /* c */\n ]"), "[1         \n ]");
  DZ_CHECK_STR(strip(a, "[1,,]"), "[1, ]"); /* only the last: [1,] stays invalid JSON */
  DZ_CHECK_STR(strip(a, "[1, 2]"), "[1, 2]");
  dz_arena_free(a);
}

/* ---- loading and extends ------------------------------------------------------ */

DZ_TEST(tsconfig_paths_without_baseUrl_resolve_against_the_declaring_file) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "config/base.json",
      "{\n  // shared\n  \"compilerOptions\": { \"paths\": { \"@/*\": [\"../src/*\",], }, },\n}\n");
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"./config/base\", /* .json added */ }");
  dz_tsconfig *tc;
  const char *bad = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "tsconfig.json"), a, &tc, &bad, &err), DZ_OK);
  DZ_CHECK_STR(candidates(a, tc, d, "@/db/users"), "/src/db/users");
  DZ_CHECK_STR(tc->base_url, NULL);
  DZ_CHECK_INT(tc->files.len, 2);
  DZ_CHECK_STR(tc->files.items[1], at(a, d, "config/base.json"));
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(tsconfig_child_paths_replace_the_parents_and_later_extends_win) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "a.json", "{ \"compilerOptions\": { \"baseUrl\": \"./a\", \"paths\": { \"~/*\": [\"./from-a/*\"] } } }");
  scratch_put(d, "b.json", "{ \"compilerOptions\": { \"baseUrl\": \"./b\", \"paths\": { \"~/*\": [\"./from-b/*\"] } } }");
  scratch_put(d, "tsconfig.json", "{ \"extends\": [\"./a.json\", \"./b.json\"] }");
  scratch_put(d, "child/tsconfig.json",
      "{ \"extends\": \"../tsconfig.json\", \"compilerOptions\": { \"paths\": { \"@/*\": [\"./x/*\"] } } }");
  dz_tsconfig *tc;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK_STR(candidates(a, tc, d, "~/x"), "/b/from-b/x");
  DZ_CHECK_STR(tc->base_url, at(a, d, "b"));
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "child/tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK_STR(candidates(a, tc, d, "~/x"), "/b/~/x"); /* the parents' "~" key is gone: baseUrl/spec */
  DZ_CHECK_STR(candidates(a, tc, d, "@/y"), "/b/x/y");  /* baseUrl (inherited) wins over the folder */
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(tsconfig_extends_a_package_and_configDir) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "node_modules/@acme/tsconfig/package.json", "{ \"name\": \"@acme/tsconfig\", \"tsconfig\": \"lib.json\" }");
  scratch_put(d, "node_modules/@acme/tsconfig/lib.json",
      "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"${configDir}/src/*\"], \"pkg/*\": [\"./here/*\"] } } }");
  scratch_put(d, "node_modules/@acme/tsconfig/strict.json", "{ \"compilerOptions\": { \"baseUrl\": \"${configDir}/lib\" } }");
  scratch_put(d, "app/tsconfig.json", "{ \"extends\": \"@acme/tsconfig\" }");
  scratch_put(d, "app2/tsconfig.json", "{ \"extends\": \"@acme/tsconfig/strict\" }");
  dz_tsconfig *tc;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "app/tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK_STR(candidates(a, tc, d, "@/db"), "/app/src/db");
  DZ_CHECK_STR(candidates(a, tc, d, "pkg/x"), "/node_modules/@acme/tsconfig/here/x");
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "app2/tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK_STR(candidates(a, tc, d, "db/users"), "/app2/lib/db/users");
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(tsconfig_find_takes_the_nearest_from_the_folder_up) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "tsconfig.json", "{ \"compilerOptions\": { \"baseUrl\": \".\" } }");
  scratch_put(d, "pkg/src/x.ts", "");
  scratch_put(d, "other/tsconfig.json", "{}");
  dz_tsconfig *tc;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_find(at(a, d, "pkg/src"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK(tc && strcmp(tc->path, at(a, d, "tsconfig.json")) == 0);
  DZ_CHECK_INT(dz_tsconfig_find(at(a, d, "other"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK(tc && tc->patterns.len == 0 && !tc->base_url);
  DZ_CHECK_STR(candidates(a, tc, d, "anything"), "");
  scratch_drop(d);
  dz_arena_free(a);
}

/* ---- what cannot be used ---------------------------------------------------- */

/* Load dir/rel expecting code; returns the message, checks the file named. */
static const char *load_fails(dz_arena *a, const char *d, const char *rel, dz_result code, const char *bad_rel) {
  dz_tsconfig *tc = (dz_tsconfig *)1;
  const char *bad = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, rel), a, &tc, &bad, &err), code);
  DZ_CHECK(tc == NULL);
  DZ_CHECK_STR(bad, at(a, d, bad_rel));
  return dz_arena_strdup(a, err.message);
}

DZ_TEST(tsconfig_malformed_files_are_errors_naming_file_and_position) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"./base.json\" }");
  scratch_put(d, "base.json", "{\n  // ok so far\n  \"compilerOptions\": { \"paths\": {} \"x\": 1 }\n}\n");
  const char *msg = load_fails(a, d, "tsconfig.json", DZ_ERR_SYNTAX, "base.json");
  DZ_CHECK_CONTAINS(msg, dz_arena_printf(a, "%s/base.json:3:", d));
  scratch_put(d, "base.json", "[1, 2]");
  DZ_CHECK_CONTAINS(load_fails(a, d, "tsconfig.json", DZ_ERR_SYNTAX, "base.json"), "must be a JSON object");
  scratch_put(d, "base.json", "\xff\xfe{}");
  load_fails(a, d, "tsconfig.json", DZ_ERR_SYNTAX, "base.json");
  scratch_put(d, "base.json", "");
  load_fails(a, d, "tsconfig.json", DZ_ERR_SYNTAX, "base.json");
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(tsconfig_missing_or_circular_extends_are_errors) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"./nope\" }");
  DZ_CHECK_CONTAINS(load_fails(a, d, "tsconfig.json", DZ_ERR_NOT_FOUND, "tsconfig.json"), "\"./nope\"");
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"no-such-package/base\" }");
  load_fails(a, d, "tsconfig.json", DZ_ERR_NOT_FOUND, "tsconfig.json");
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"./b.json\" }");
  scratch_put(d, "b.json", "{ \"extends\": \"./tsconfig.json\" }");
  DZ_CHECK_CONTAINS(load_fails(a, d, "tsconfig.json", DZ_ERR_CONFIG, "tsconfig.json"), "leads back");
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"./tsconfig.json\" }");
  load_fails(a, d, "tsconfig.json", DZ_ERR_CONFIG, "tsconfig.json");
  scratch_put(d, "tsconfig.json", "{ \"extends\": 3 }");
  load_fails(a, d, "tsconfig.json", DZ_ERR_CONFIG, "tsconfig.json");
  dz_tsconfig *tc;
  dz_error err;
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"\", \"compilerOptions\": { \"baseUrl\": \".\" } }");
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "tsconfig.json"), a, &tc, NULL, &err), DZ_OK); /* falsy: none */
  scratch_put(d, "tsconfig.json", "{ \"extends\": null }");
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  scratch_put(d, "tsconfig.json", "{ \"extends\": \"./dir\" }"); /* a folder is not a tsconfig */
  mkdir(at(a, d, "dir"), 0755);
  load_fails(a, d, "tsconfig.json", DZ_ERR_NOT_FOUND, "tsconfig.json");
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(tsconfig_extends_chain_depth_is_bounded) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  for (int i = 0; i < 40; i++)
    scratch_put(d, dz_arena_printf(a, "t%d.json", i), dz_arena_printf(a, "{ \"extends\": \"./t%d.json\" }", i + 1));
  scratch_put(d, "t40.json", "{}");
  DZ_CHECK_CONTAINS(load_fails(a, d, "t0.json", DZ_ERR_CONFIG, "t32.json"), "too long");
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(tsconfig_paths_drizzle_kit_rejects_are_errors) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"src/*\"] } } }");
  DZ_CHECK_CONTAINS(load_fails(a, d, "tsconfig.json", DZ_ERR_CONFIG, "tsconfig.json"), "baseUrl");
  scratch_put(d, "tsconfig.json", "{ \"compilerOptions\": { \"paths\": { \"@/*/*\": [\"./src/*\"] } } }");
  DZ_CHECK_CONTAINS(load_fails(a, d, "tsconfig.json", DZ_ERR_CONFIG, "tsconfig.json"), "at most one");
  scratch_put(d, "tsconfig.json", "{ \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"./*/*\"] } } }");
  load_fails(a, d, "tsconfig.json", DZ_ERR_CONFIG, "tsconfig.json");
  scratch_put(d, "tsconfig.json", "{ \"compilerOptions\": { \"baseUrl\": \".\", \"paths\": { \"@/*\": [\"src/*\"] } } }");
  dz_tsconfig *tc;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  scratch_drop(d);
  dz_arena_free(a);
}

/* ---- matching ---------------------------------------------------------------- */

DZ_TEST(tsconfig_patterns_match_as_typescript_does) {
  dz_arena *a = dz_arena_new();
  char *d = scratch_new("test_tsconfig");
  scratch_put(d, "tsconfig.json",
      "{ \"compilerOptions\": { \"paths\": {\n"
      "  \"@/*\": [\"./src/*\"],\n"
      "  \"@/lib/*\": [\"./shared/*\", \"./vendor/*/index\"],\n"
      "  \"@db/enums\": [\"./src/enums.ts\"],\n"
      "  \"*-model\": [\"./models/*\"],\n"
      "  \"@/lib/exact\": [\"./exact\"]\n"
      "} } }");
  dz_tsconfig *tc;
  dz_error err;
  DZ_CHECK_INT(dz_tsconfig_load(at(a, d, "tsconfig.json"), a, &tc, NULL, &err), DZ_OK);
  DZ_CHECK_STR(candidates(a, tc, d, "@/db/users"), "/src/db/users");
  DZ_CHECK_STR(candidates(a, tc, d, "@/lib/cols"), "/shared/cols | /vendor/cols/index");
  DZ_CHECK_STR(candidates(a, tc, d, "@/lib/exact"), "/exact"); /* exact beats any wildcard */
  DZ_CHECK_STR(candidates(a, tc, d, "@db/enums"), "/src/enums.ts");
  DZ_CHECK_STR(candidates(a, tc, d, "@db/enums/x"), "");
  DZ_CHECK_STR(candidates(a, tc, d, "user-model"), "/models/user");
  DZ_CHECK_STR(candidates(a, tc, d, "@/"), "/src/");
  DZ_CHECK_STR(candidates(a, tc, d, "drizzle-orm"), ""); /* no baseUrl: node_modules' turn */
  DZ_CHECK_STR(candidates(a, tc, d, "./@/x"), "");
  DZ_CHECK_STR(candidates(a, tc, d, "../@/x"), "");
  scratch_drop(d);
  dz_arena_free(a);
}

/* ---- through the project reader and the workspace ------------------------------- */

static const char *const project_files[] = {
    "drizzle.config.ts",
    "export default { dialect: 'sqlite', schema: './src/db/schema/posts.ts' };\n",
    "src/db/schema/posts.ts",
    "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\n"
    "import { users } from '@/db/schema/users';\n"
    "import { audit } from '~/columns';\n"
    "export { users };\n"
    "export const posts = sqliteTable('posts', { id: integer().primaryKey(), "
    "author: integer().references(() => users.id), ...audit });\n",
    "src/db/schema/users.ts",
    "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\n"
    "export const users = sqliteTable('users', { id: integer().primaryKey() });\n",
    "src/lib/columns/index.ts",
    "import { integer } from 'drizzle-orm/sqlite-core';\n"
    "export const audit = { createdAt: integer('created_at') };\n",
    NULL};

static const char *const good_tsconfig =
    "{\n  \"compilerOptions\": {\n    \"paths\": { \"@/*\": [\"./src/*\"], \"~/*\": [\"./nope/*\", \"./src/lib/*\"] }\n  }\n}\n";

static char *alias_project(void) {
  char *d = scratch_new("test_tsconfig");
  for (size_t i = 0; project_files[i]; i += 2) scratch_put(d, project_files[i], project_files[i + 1]);
  return d;
}

static size_t count_code(const dz_diag_list *diags, const char *code) {
  size_t n = 0;
  for (size_t i = 0; i < diags->len; i++) n += strcmp(diags->items[i].code, code) == 0;
  return n;
}

static void read_project(dz_arena *a, const char *d, dz_schema **s, dz_diag_list *diags) {
  dz_config *c;
  dz_error err;
  DZ_CHECK_INT(dz_config_load(NULL, d, a, &c, &err), DZ_OK);
  DZ_CHECK_INT(dz_project_read_schema(c, a, s, diags, &err), DZ_OK);
}

DZ_TEST(project_imports_tables_and_helpers_through_paths) {
  dz_arena *a = dz_arena_new();
  char *d = alias_project();
  scratch_put(d, "tsconfig.json", good_tsconfig);
  dz_schema *s;
  dz_diag_list diags = {0};
  read_project(a, d, &s, &diags);
  DZ_CHECK_INT(diags.len, 0);
  DZ_CHECK_INT(s->tables.len, 2);
  dz_table *posts = s->tables.len ? s->tables.items[0] : NULL;
  DZ_CHECK(posts && strcmp(posts->name, "posts") == 0 && posts->columns.len == 3 && posts->foreign_keys.len == 1);
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(project_with_a_broken_tsconfig_warns_at_its_position_and_falls_back) {
  dz_arena *a = dz_arena_new();
  char *d = alias_project();
  scratch_put(d, "tsconfig.json", "{\n  \"compilerOptions\": {\n    \"paths\": { \"@/*\": [\"./src/*\"] \"~/*\": [] }\n  }\n}\n");
  dz_schema *s;
  dz_diag_list diags = {0};
  read_project(a, d, &s, &diags);
  DZ_CHECK_INT(count_code(&diags, "tsconfig-unusable"), 1);
  DZ_CHECK_INT(count_code(&diags, "unresolved-construct"), 2); /* users' reference and ...audit */
  for (size_t i = 0; i < diags.len; i++) {
    const dz_diag *g = &diags.items[i];
    if (strcmp(g->code, "tsconfig-unusable") != 0) continue;
    DZ_CHECK_STR(s->files.items[g->span.file], at(a, d, "tsconfig.json"));
    DZ_CHECK_INT(g->span.start.row, 2);
    DZ_CHECK(g->span.start.column > 20);
    DZ_CHECK_CONTAINS(g->message, "imports through its \"paths\" are not followed");
  }
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST(workspace_rereads_the_tsconfig_when_it_changes_on_disk) {
  dz_arena *a = dz_arena_new();
  char *d = alias_project();
  scratch_put(d, "tsconfig.json", "{}");
  dz_workspace *ws = dz_workspace_new();
  dz_error err;
  DZ_CHECK_INT(dz_workspace_scan(ws, d, &err), DZ_OK);
  dz_ws_project *p = dz_workspace_count(ws) == 1 ? dz_workspace_at(ws, 0) : NULL;
  DZ_CHECK(p != NULL);
  if (p) {
    const dz_ws_analysis *an = dz_ws_project_analyze(p, &err);
    DZ_CHECK(an && an->schema->tables.len == 1 && an->schema_problems == 2);
    DZ_CHECK_INT(dz_ws_project_tsconfig_count(p), 1);
    scratch_put(d, "tsconfig.json", good_tsconfig);
    an = dz_ws_project_analyze(p, &err);
    DZ_CHECK(an && an->schema_problems == 2); /* not told yet: the tsconfig read is kept */
    dz_workspace_file_changed(ws, at(a, d, "tsconfig.json"));
    an = dz_ws_project_analyze(p, &err);
    DZ_CHECK(an && an->schema->tables.len == 2 && an->schema_problems == 0);
  }
  dz_workspace_free(ws);
  scratch_drop(d);
  dz_arena_free(a);
}

DZ_TEST_MAIN
