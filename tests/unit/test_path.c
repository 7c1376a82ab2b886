/* test_path.c — paths resolved lexically, as Node's path.resolve does. */
#include "dz_test.h"
#include "drizzle_lsp/path.h"

DZ_TEST(path_resolve_joins_and_normalizes_like_node) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(dz_path_resolve(a, "/proj", "./src/schema.ts"), "/proj/src/schema.ts");
  DZ_CHECK_STR(dz_path_resolve(a, "/proj/app", "../db//x/./y/"), "/proj/db/x/y");
  DZ_CHECK_STR(dz_path_resolve(a, "/proj", "/abs/../other"), "/other");
  DZ_CHECK_STR(dz_path_resolve(a, "/", "../../.."), "/");
  DZ_CHECK_STR(dz_path_resolve(a, "/proj", ""), "/proj");
  DZ_CHECK_STR(dz_path_resolve(a, "/my dir", "it's \"x\"/\xc3\xa9.ts"), "/my dir/it's \"x\"/\xc3\xa9.ts");
  DZ_CHECK_STR(dz_path_resolve(a, "/p", "..."), "/p/...");
  dz_arena_free(a);
}

DZ_TEST(path_dirname_basename_and_extension) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(dz_path_dirname(a, "/proj/drizzle.config.ts"), "/proj");
  DZ_CHECK_STR(dz_path_dirname(a, "/drizzle.config.ts"), "/");
  DZ_CHECK_STR(dz_path_basename("/proj/drizzle.config.ts"), "drizzle.config.ts");
  DZ_CHECK(dz_path_has_ext("a.config.json", ".json"));
  DZ_CHECK(!dz_path_has_ext("json", ".json"));
  dz_arena_free(a);
}

DZ_TEST_MAIN
