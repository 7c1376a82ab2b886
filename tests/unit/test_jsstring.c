/* test_jsstring.c — JavaScript string literals decoded to their UTF-8 value. */
#include "dz_test.h"
#include "drizzle_lsp/jsstring.h"

static const char *value(dz_arena *a, const char *lit) {
  return dz_js_string_value(a, lit, strlen(lit));
}

DZ_TEST(js_string_keeps_plain_text_and_drops_the_quotes) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(value(a, "'users'"), "users");
  DZ_CHECK_STR(value(a, "\"it's\""), "it's");
  DZ_CHECK_STR(value(a, "`back`"), "back");
  DZ_CHECK_STR(value(a, "''"), "");
  DZ_CHECK_STR(value(a, "'caf\xc3\xa9'"), "caf\xc3\xa9");
  dz_arena_free(a);
}

DZ_TEST(js_string_decodes_every_escape_form) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(value(a, "'a\\'b\\\"c\\\\d'"), "a'b\"c\\d");
  DZ_CHECK_STR(value(a, "'\\n\\t\\r\\b\\f\\v'"), "\n\t\r\b\f\v");
  DZ_CHECK_STR(value(a, "'\\x41\\xe9'"), "A\xc3\xa9");
  DZ_CHECK_STR(value(a, "'\\u00e9\\u20AC'"), "\xc3\xa9\xe2\x82\xac");
  DZ_CHECK_STR(value(a, "'\\u{1F600}'"), "\xf0\x9f\x98\x80");
  DZ_CHECK_STR(value(a, "'\\uD83D\\uDE00'"), "\xf0\x9f\x98\x80");
  DZ_CHECK_STR(value(a, "'a\\\nb'"), "ab");        /* line continuation */
  DZ_CHECK_STR(value(a, "'\\q\\`'"), "q`");        /* needless escapes */
  dz_arena_free(a);
}

DZ_TEST(js_string_turns_broken_escapes_into_replacement_characters_not_crashes) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(value(a, "'\\uD83D'"), "\xef\xbf\xbd");           /* lone high surrogate */
  DZ_CHECK_STR(value(a, "'\\u{DC00}x'"), "\xef\xbf\xbdx");       /* lone low surrogate */
  DZ_CHECK_STR(value(a, "'\\u{FFFFFFFFFF}'"), "\xef\xbf\xbd");   /* beyond U+10FFFF */
  DZ_CHECK_STR(value(a, "'\\u{'"), "");
  DZ_CHECK_STR(value(a, "'\\'"), "\\");                          /* unterminated */
  DZ_CHECK_STR(value(a, "'"), "");
  dz_arena_free(a);
}

DZ_TEST_MAIN
