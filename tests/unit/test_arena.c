/* test_arena.c — the arena and vector rules every model builder relies on. */
#include "dz_test.h"
#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/model.h"

DZ_TEST(arena_memory_is_zeroed_and_aligned) {
  dz_arena *a = dz_arena_new();
  for (int i = 1; i < 100; i++) {
    unsigned char *p = dz_arena_alloc(a, (size_t)i * 37);
    DZ_CHECK(((uintptr_t)p & 15) == 0);
    for (int j = 0; j < i * 37; j++)
      if (p[j]) DZ_FAIL("byte %d of allocation %d is not zero", j, i);
    memset(p, 0xff, (size_t)i * 37);
  }
  dz_arena_free(a);
}

DZ_TEST(arena_holds_allocations_larger_than_a_block) {
  dz_arena *a = dz_arena_new();
  char *big = dz_arena_alloc(a, 1 << 20);
  big[(1 << 20) - 1] = 'x';
  DZ_CHECK(dz_arena_used(a) >= (1u << 20));
  dz_arena_free(a);
}

DZ_TEST(vector_keeps_order_across_growth) {
  dz_arena *a = dz_arena_new();
  DZ_VEC(int) v = {0};
  for (int i = 0; i < 1000; i++) dz_vec_push(a, &v, i);
  DZ_CHECK_INT(v.len, 1000);
  for (int i = 0; i < 1000; i++)
    if (v.items[i] != i) DZ_FAIL("item %d is %d", i, v.items[i]);
  dz_arena_free(a);
}

DZ_TEST(model_elements_keep_insertion_order_and_are_found_by_name) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *users = dz_schema_add_table(s, "users");
  dz_schema_add_table(s, "posts");
  dz_table_add_column(s, users, "id");
  dz_table_add_column(s, users, "na`me");
  DZ_CHECK_STR(s->tables.items[0]->name, "users");
  DZ_CHECK_STR(s->tables.items[1]->name, "posts");
  DZ_CHECK(dz_schema_find_table(s, "posts") == s->tables.items[1]);
  DZ_CHECK(dz_schema_find_table(s, "nope") == NULL);
  DZ_CHECK(dz_table_find_column(users, "na`me") == users->columns.items[1]);
  DZ_CHECK_INT(users->span.file, DZ_NO_FILE);
  dz_arena_free(a);
}

DZ_TEST_MAIN
