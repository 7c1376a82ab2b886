/* test_framing.c — LSP frames out of a byte stream that arrives in any
** pieces, with every header variation clients send, and recovery from bad
** frames without losing the good ones after them. */
#include "dz_test.h"
#include "drizzle_lsp/framing.h"

#include <stdlib.h>

/* Collect every body (joined with '|') and count errors. */
typedef struct collected {
  char out[8192];
  int errors;
  char last_error[DZ_ERROR_MAX];
} collected;

static void pump(dz_framer *f, collected *c) {
  for (;;) {
    const char *body;
    size_t len;
    dz_error err;
    dz_frame_status st = dz_framer_next(f, &body, &len, &err);
    if (st == DZ_FRAME_NEED_MORE) return;
    if (st == DZ_FRAME_ERROR) {
      c->errors++;
      snprintf(c->last_error, sizeof c->last_error, "%s", err.message);
      continue;
    }
    size_t n = strlen(c->out);
    snprintf(c->out + n, sizeof c->out - n, "%s%.*s", n ? "|" : "", (int)len, body);
  }
}

/* Feed `input` in pieces of `step` bytes, pumping after each. */
static collected run(const char *input, size_t step, size_t max) {
  collected c = {{0}, 0, {0}};
  dz_framer *f = dz_framer_new(max);
  size_t n = strlen(input);
  for (size_t i = 0; i < n; i += step) {
    dz_framer_feed(f, input + i, n - i < step ? n - i : step);
    pump(f, &c);
  }
  dz_framer_free(f);
  return c;
}

static const char two_frames[] = "Content-Length: 7\r\n\r\n{\"a\":1}Content-Length: 2\r\n\r\n[]";

DZ_TEST(frames_arrive_whole_or_byte_by_byte) {
  for (size_t step = 1; step <= sizeof two_frames; step++) {
    collected c = run(two_frames, step, 1024);
    if (strcmp(c.out, "{\"a\":1}|[]") != 0 || c.errors)
      DZ_FAIL("pieces of %zu bytes gave \"%s\" with %d errors", step, c.out, c.errors);
  }
}

DZ_TEST(header_names_are_case_insensitive_and_content_type_is_accepted) {
  collected c = run("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
                    "CONTENT-LENGTH:3\r\n\r\n[1]",
                    64, 1024);
  DZ_CHECK_STR(c.out, "{}|[1]");
  DZ_CHECK_INT(c.errors, 0);
}

DZ_TEST(bare_newlines_and_extra_blank_lines_between_frames_are_tolerated) {
  collected c = run("Content-Length: 2\n\n{}\r\n\r\nContent-Length: 2\r\n\r\n[]", 5, 1024);
  DZ_CHECK_STR(c.out, "{}|[]");
  DZ_CHECK_INT(c.errors, 0);
}

DZ_TEST(absurd_length_is_refused_and_the_next_frame_still_read) {
  collected c = run("Content-Length: 99999999999999\r\n\r\n{\"huge\":true}Content-Length: 2\r\n\r\n{}", 7,
                    1 << 20);
  DZ_CHECK_STR(c.out, "{}");
  DZ_CHECK_INT(c.errors, 1);
  DZ_CHECK_CONTAINS(c.last_error, "exceeds the limit");
}

DZ_TEST(length_at_the_cap_is_accepted_and_one_above_refused) {
  collected ok = run("Content-Length: 4\r\n\r\nabcd", 3, 4);
  DZ_CHECK_STR(ok.out, "abcd");
  collected over = run("Content-Length: 5\r\n\r\nabcdeContent-Length: 1\r\n\r\nx", 3, 4);
  DZ_CHECK_STR(over.out, "x");
  DZ_CHECK_INT(over.errors, 1);
}

DZ_TEST(missing_or_bad_length_skips_to_the_next_header_block) {
  collected c = run("Content-Type: text/plain\r\n\r\n{\"lost\":1}Content-Length: 2\r\n\r\n{}", 4, 1024);
  DZ_CHECK_STR(c.out, "{}");
  DZ_CHECK_INT(c.errors, 1);
  DZ_CHECK_CONTAINS(c.last_error, "without Content-Length");
  collected bad = run("Content-Length: 12abc\r\n\r\nContent-Length: -1\r\n\r\nContent-Length: 1\r\n\r\nz", 1, 1024);
  DZ_CHECK_STR(bad.out, "z");
  DZ_CHECK_INT(bad.errors, 2);
  DZ_CHECK_CONTAINS(bad.last_error, "not a number");
}

DZ_TEST(garbage_without_headers_is_dropped_and_bounded) {
  char *junk = malloc(20001 + sizeof two_frames);
  memset(junk, 'j', 20000);
  strcpy(junk + 20000, two_frames);
  collected c = run(junk, 4096, 1024);
  DZ_CHECK_STR(c.out, "{\"a\":1}|[]");
  DZ_CHECK(c.errors >= 1);
  free(junk);
  collected line = run("hello there\r\n\r\nContent-Length: 1\r\n\r\n1", 2, 1024);
  DZ_CHECK_STR(line.out, "1");
  DZ_CHECK_CONTAINS(line.last_error, "malformed LSP header line 'hello there'");
}

DZ_TEST(large_bodies_arrive_intact_and_skipped_ones_are_not_buffered) {
  size_t big = 5u << 20;
  char header[64];
  int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", big);
  dz_framer *f = dz_framer_new(8u << 20);
  dz_framer_feed(f, header, (size_t)h);
  char chunk[65536];
  size_t fed = 0;
  const char *body = NULL;
  size_t len = 0;
  dz_error err;
  while (fed < big) {
    size_t n = big - fed < sizeof chunk ? big - fed : sizeof chunk;
    for (size_t i = 0; i < n; i++) chunk[i] = (char)('a' + (fed + i) % 26);
    dz_framer_feed(f, chunk, n);
    fed += n;
    dz_frame_status st = dz_framer_next(f, &body, &len, &err);
    if (st != (fed == big ? DZ_FRAME_MESSAGE : DZ_FRAME_NEED_MORE)) DZ_FAIL("status %d at %zu", st, fed);
  }
  DZ_CHECK_INT(len, big);
  bool same = true;
  for (size_t i = 0; body && i < big; i++) same = same && body[i] == (char)('a' + i % 26);
  DZ_CHECK(same);
  /* A refused 5 MiB body streams through in a small buffer. */
  dz_framer_free(f);
  f = dz_framer_new(1024);
  dz_framer_feed(f, header, (size_t)h);
  DZ_CHECK_INT(dz_framer_next(f, &body, &len, &err), DZ_FRAME_ERROR);
  size_t most = 0;
  for (fed = 0; fed < big; fed += sizeof chunk) {
    memset(chunk, '{', sizeof chunk);
    dz_framer_feed(f, chunk, sizeof chunk);
    DZ_CHECK_INT(dz_framer_next(f, &body, &len, &err), DZ_FRAME_NEED_MORE);
    if (dz_framer_buffered(f) > most) most = dz_framer_buffered(f);
  }
  DZ_CHECK(most < 64);
  dz_framer_feed(f, "Content-Length: 2\r\n\r\nok", 23);
  DZ_CHECK_INT(dz_framer_next(f, &body, &len, &err), DZ_FRAME_MESSAGE);
  DZ_CHECK(len == 2 && memcmp(body, "ok", 2) == 0);
  dz_framer_free(f);
}

DZ_TEST(junk_without_a_terminator_does_not_swallow_the_next_frame) {
  collected c = run("junk bytes\r\nmore junk\r\nContent-Length: 2\r\n\r\n{}", 3, 1024);
  DZ_CHECK_STR(c.out, "{}");
  DZ_CHECK_INT(c.errors, 1);
}

static uint64_t fuzz_state = 0x243f6a8885a308d3ULL;
static uint32_t fuzz(uint32_t n) {
  fuzz_state = fuzz_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(fuzz_state >> 33) % n;
}

/* Random bytes (none of them a 'c', so no header can form by chance), then a
** valid frame: whatever the junk, in whatever pieces, the frame comes out. */
DZ_TEST(random_junk_then_a_frame_always_yields_the_frame) {
  for (int round = 0; round < 300; round++) {
    size_t n = fuzz(3000);
    char *input = malloc(n + sizeof two_frames);
    for (size_t i = 0; i < n; i++) {
      static const char common[] = "\r\n:{}\" 0123456789";
      char b = fuzz(3) ? (char)fuzz(256) : common[fuzz(sizeof common - 1)];
      input[i] = (b == 'c' || b == 'C' || b == '\0') ? 'x' : b;
    }
    memcpy(input + n, two_frames, sizeof two_frames);
    collected got = run(input, 1 + fuzz(700), 1 << 20);
    size_t len = strlen(got.out);
    if (len < 10 || strcmp(got.out + len - 10, "{\"a\":1}|[]") != 0)
      DZ_FAIL("round %d (%zu junk bytes): got \"%s\"", round, n, got.out);
    free(input);
  }
}

DZ_TEST(resync_finds_a_header_split_across_pieces) {
  collected c = run("Content-Length: 9999\r\n\r\nxxContent-Length: 2\r\n\r\n{}", 1, 100);
  DZ_CHECK_STR(c.out, "{}");
  DZ_CHECK_INT(c.errors, 1);
}

DZ_TEST_MAIN
