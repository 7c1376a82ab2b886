/* test_positions.c — LSP positions (UTF-16 or UTF-8 columns) versus byte
** offsets, and file: URIs versus paths. */
#include "dz_test.h"
#include "drizzle_lsp/lsp.h"

/* "a", "é" (2 bytes, 1 unit), "中" (3 bytes, 1 unit), "😀" (4 bytes, 2 units), "b" */
static const char line[] = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80" "b";
#define LINE_LEN (sizeof line - 1)

DZ_TEST(utf16_columns_count_astral_characters_twice) {
  static const struct { uint32_t col; size_t byte; } cases[] = {
      {0, 0}, {1, 1}, {2, 3}, {3, 6}, {5, 10}, {6, 11}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    DZ_CHECK_INT(dz_lsp_column_to_byte(line, LINE_LEN, cases[i].col, DZ_ENC_UTF16), cases[i].byte);
    DZ_CHECK_INT(dz_lsp_byte_to_column(line, LINE_LEN, cases[i].byte, DZ_ENC_UTF16), cases[i].col);
  }
}

DZ_TEST(utf8_columns_are_bytes) {
  DZ_CHECK_INT(dz_lsp_column_to_byte(line, LINE_LEN, 6, DZ_ENC_UTF8), 6);
  DZ_CHECK_INT(dz_lsp_byte_to_column(line, LINE_LEN, 10, DZ_ENC_UTF8), 10);
  /* Inside a character: back to its start. */
  DZ_CHECK_INT(dz_lsp_column_to_byte(line, LINE_LEN, 8, DZ_ENC_UTF8), 6);
  DZ_CHECK_INT(dz_lsp_byte_to_column(line, LINE_LEN, 2, DZ_ENC_UTF8), 1);
}

DZ_TEST(a_column_between_surrogate_halves_keeps_the_whole_character) {
  DZ_CHECK_INT(dz_lsp_column_to_byte(line, LINE_LEN, 4, DZ_ENC_UTF16), 6);
  DZ_CHECK_INT(dz_lsp_byte_to_column(line, LINE_LEN, 8, DZ_ENC_UTF16), 3);
}

DZ_TEST(columns_past_the_line_end_clamp_to_it) {
  DZ_CHECK_INT(dz_lsp_column_to_byte(line, LINE_LEN, 7, DZ_ENC_UTF16), LINE_LEN);
  DZ_CHECK_INT(dz_lsp_column_to_byte(line, LINE_LEN, UINT32_MAX, DZ_ENC_UTF8), LINE_LEN);
  DZ_CHECK_INT(dz_lsp_byte_to_column(line, LINE_LEN, 999, DZ_ENC_UTF16), 6);
}

DZ_TEST(invalid_utf8_counts_byte_by_byte_and_never_reads_past_the_line) {
  /* stray continuation, overlong '/', a surrogate encoded in UTF-8, a
  ** truncated 4-byte sequence at the end */
  static const char bad[] = "\x80x\xC0\xAFy\xED\xA0\x80z\xF0\x9F\x98";
  size_t n = sizeof bad - 1;
  DZ_CHECK_INT(dz_lsp_byte_to_column(bad, n, n, DZ_ENC_UTF16), 12);
  DZ_CHECK_INT(dz_lsp_column_to_byte(bad, n, 2, DZ_ENC_UTF16), 2);
  DZ_CHECK_INT(dz_lsp_column_to_byte(bad, n, 11, DZ_ENC_UTF16), 11);
  DZ_CHECK_INT(dz_lsp_column_to_byte(bad, n, 100, DZ_ENC_UTF16), n);
  /* A 4-byte lead whose sequence is cut by the end of the line. */
  DZ_CHECK_INT(dz_lsp_byte_to_column("\xF0\x9F", 2, 2, DZ_ENC_UTF16), 2);
}

DZ_TEST(offsets_and_positions_over_every_line_ending) {
  static const char text[] = "ab\r\nc\xF0\x9F\x98\x80\rd\n\ne";
  size_t n = sizeof text - 1;
  static const struct { uint32_t line, col; size_t off; } cases[] = {
      {0, 0, 0}, {0, 2, 2}, {1, 0, 4}, {1, 1, 5}, {1, 3, 9}, {2, 0, 10}, {3, 0, 12}, {4, 0, 13}, {4, 1, 14}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    dz_lsp_position p = {cases[i].line, cases[i].col};
    DZ_CHECK_INT(dz_lsp_offset_of(text, n, p, DZ_ENC_UTF16), cases[i].off);
    dz_lsp_position back = dz_lsp_position_of(text, n, cases[i].off, DZ_ENC_UTF16);
    if (back.line != p.line || back.character != p.character)
      DZ_FAIL("offset %zu gave %u:%u, expected %u:%u", cases[i].off, back.line, back.character, p.line,
              p.character);
  }
  /* Past the line end, past the last line, inside \r\n. */
  DZ_CHECK_INT(dz_lsp_offset_of(text, n, (dz_lsp_position){0, 40}, DZ_ENC_UTF16), 2);
  DZ_CHECK_INT(dz_lsp_offset_of(text, n, (dz_lsp_position){9, 0}, DZ_ENC_UTF16), n);
  dz_lsp_position mid = dz_lsp_position_of(text, n, 3, DZ_ENC_UTF16);
  DZ_CHECK(mid.line == 0 && mid.character == 2);
  dz_lsp_position end = dz_lsp_position_of(text, n, 999, DZ_ENC_UTF8);
  DZ_CHECK(end.line == 4 && end.character == 1);
  DZ_CHECK_INT(dz_lsp_offset_of("", 0, (dz_lsp_position){3, 3}, DZ_ENC_UTF16), 0);
}

DZ_TEST(file_uris_round_trip_with_escapes) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(dz_lsp_uri_to_path(a, "file:///home/me/my%20app/db%23schema.ts"),
               "/home/me/my app/db#schema.ts");
  DZ_CHECK_STR(dz_lsp_uri_to_path(a, "file://localhost/tmp/x.ts"), "/tmp/x.ts");
  DZ_CHECK_STR(dz_lsp_uri_to_path(a, "file:///tmp/%C3%A9.ts"), "/tmp/\xC3\xA9.ts");
  DZ_CHECK(dz_lsp_uri_to_path(a, "untitled:Untitled-1") == NULL);
  DZ_CHECK(dz_lsp_uri_to_path(a, "file:///bad%2") == NULL);
  DZ_CHECK(dz_lsp_uri_to_path(a, "file:///nul%00byte") == NULL);
  DZ_CHECK(dz_lsp_uri_to_path(a, "file://server/share/x.ts") == NULL);
  const char *path = "/home/me/my app/d\xC3\xA9j\xC3\xA0#1%.ts";
  char *uri = dz_lsp_path_to_uri(a, path);
  DZ_CHECK_STR(uri, "file:///home/me/my%20app/d%C3%A9j%C3%A0%231%25.ts");
  DZ_CHECK_STR(dz_lsp_uri_to_path(a, uri), path);
  dz_arena_free(a);
}

DZ_TEST_MAIN
