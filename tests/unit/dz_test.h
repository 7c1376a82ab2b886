/*
** dz_test.h — the unit-test harness: tests read as specifications,
**
**   DZ_TEST(config_reads_defineConfig) { ... DZ_CHECK_STR(cfg->out, "drizzle"); }
**
** and main() (from DZ_TEST_MAIN) runs them all and prints "N passed, N failed".
** A failed check reports file:line and the two values, and the test goes on
** to the next check so one run shows every failure.
*/
#ifndef DZ_TEST_H
#define DZ_TEST_H

#include <stdio.h>
#include <string.h>

typedef void (*dz_test_fn)(void);
typedef struct dz_test_case {
  const char *name;
  dz_test_fn fn;
} dz_test_case;

#define DZ_MAX_TESTS 512
static dz_test_case dz_tests[DZ_MAX_TESTS];
static int dz_test_count, dz_test_failures_in_case;

#define DZ_TEST(name)                                                           \
  static void name(void);                                                       \
  __attribute__((constructor)) static void dz_register_##name(void) {           \
    if (dz_test_count < DZ_MAX_TESTS) dz_tests[dz_test_count++] = (dz_test_case){#name, name}; \
  }                                                                             \
  static void name(void)

#define DZ_FAIL(...)                                                            \
  do {                                                                          \
    fprintf(stderr, "  %s:%d: ", __FILE__, __LINE__);                           \
    fprintf(stderr, __VA_ARGS__);                                               \
    fputc('\n', stderr);                                                        \
    dz_test_failures_in_case++;                                                 \
  } while (0)

#define DZ_CHECK(cond)                                                          \
  do {                                                                          \
    if (!(cond)) DZ_FAIL("expected %s", #cond);                                 \
  } while (0)

#define DZ_CHECK_INT(got, want)                                                 \
  do {                                                                          \
    long long g_ = (long long)(got), w_ = (long long)(want);                    \
    if (g_ != w_) DZ_FAIL("%s is %lld, expected %lld", #got, g_, w_);           \
  } while (0)

#define DZ_CHECK_STR(got, want)                                                 \
  do {                                                                          \
    const char *g_ = (got), *w_ = (want);                                       \
    if ((g_ == NULL) != (w_ == NULL) || (g_ && strcmp(g_, w_) != 0))            \
      DZ_FAIL("%s is \"%s\", expected \"%s\"", #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
  } while (0)

#define DZ_CHECK_CONTAINS(got, part)                                            \
  do {                                                                          \
    const char *g_ = (got), *p_ = (part);                                       \
    if (!g_ || !strstr(g_, p_)) DZ_FAIL("%s is \"%s\", expected it to contain \"%s\"", #got, g_ ? g_ : "(null)", p_); \
  } while (0)

#define DZ_TEST_MAIN                                                            \
  int main(int argc, char **argv) {                                             \
    int passed = 0, failed = 0;                                                 \
    for (int i = 0; i < dz_test_count; i++) {                                   \
      if (argc > 1 && strcmp(argv[1], dz_tests[i].name) != 0) continue;         \
      dz_test_failures_in_case = 0;                                             \
      dz_tests[i].fn();                                                         \
      if (dz_test_failures_in_case) {                                           \
        failed++;                                                               \
        fprintf(stderr, "FAIL %s\n", dz_tests[i].name);                         \
      } else {                                                                  \
        passed++;                                                               \
        printf("ok   %s\n", dz_tests[i].name);                                  \
      }                                                                         \
    }                                                                           \
    printf("%d passed, %d failed\n", passed, failed);                           \
    return failed ? 1 : 0;                                                      \
  }

#endif /* DZ_TEST_H */
