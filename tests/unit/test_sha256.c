/*
** test_sha256.c — SHA-256 against the FIPS 180-4 / NIST example vectors, at
** every padding boundary (lengths 55, 56, 63, 64, 65, 119, 120, whose
** digests came from coreutils' sha256sum), and fed in pieces of every size.
*/
#include <stdlib.h>

#include "drizzle_lsp/sha256.h"
#include "dz_test.h"

static const char *hex_of(const char *s, size_t n, char out[65]) {
  dz_sha256_hex(s, n, out);
  return out;
}

DZ_TEST(sha256_nist_one_block) {
  char h[65];
  DZ_CHECK_STR(hex_of("abc", 3, h), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

DZ_TEST(sha256_empty_message) {
  char h[65];
  DZ_CHECK_STR(hex_of("", 0, h), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

DZ_TEST(sha256_nist_two_blocks) {
  char h[65];
  const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
  DZ_CHECK_STR(hex_of(m448, strlen(m448), h), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  DZ_CHECK_STR(hex_of(m896, strlen(m896), h), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

DZ_TEST(sha256_nist_million_a) {
  char h[65];
  size_t n = 1000000;
  char *m = malloc(n);
  memset(m, 'a', n);
  DZ_CHECK_STR(hex_of(m, n, h), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  free(m);
}

/* "0123456789012..." of each length: the padding goes into the same block
** (55), just fills it (56), or needs a second block (63, 64, 65, 119). */
DZ_TEST(sha256_padding_boundaries) {
  static const struct {
    size_t n;
    const char *hex;
  } want[] = {{55, "f34d5a0f80c0cbf84c8c0b90218c22637abd199965249da736a20143c8c9c9d9"},
              {56, "83aa034bda83e458a0dc9cbce0d4e354716aa0ff770ed37ac0ed2b292052e4af"},
              {63, "074f6e9ac301d5d1b6df6f1dfb8c6f89c187ea945d352ce6a29279a9c630680b"},
              {64, "9674d9e078535b7cec43284387a6ee39956188e735a85452b0050b55341cda56"},
              {65, "52774b57c10e45040a61c14d35c1c8ebefe880082313aa0a21ebb077734cd067"},
              {119, "d0cb70d05ff14123f114c0cca360c62077379cf1ac90e1bfafa9e9e4d827596a"},
              {120, "08642f0525963875af954100280fe3009293fa7e19c273444f31464c9b089243"}};
  char m[128], h[65];
  for (size_t i = 0; i < sizeof m; i++) m[i] = (char)('0' + i % 10);
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    if (strcmp(hex_of(m, want[i].n, h), want[i].hex) != 0)
      DZ_FAIL("length %zu: %s, expected %s", want[i].n, h, want[i].hex);
  }
}

/* Any split of the input into updates gives the one-shot digest. */
DZ_TEST(sha256_updates_in_pieces) {
  char m[300], whole[65];
  for (size_t i = 0; i < sizeof m; i++) m[i] = (char)(i * 7 + 3);
  dz_sha256_hex(m, sizeof m, whole);
  for (size_t piece = 1; piece <= 130; piece++) {
    dz_sha256 c;
    unsigned char d[32];
    char h[65];
    dz_sha256_init(&c);
    for (size_t off = 0; off < sizeof m; off += piece)
      dz_sha256_update(&c, m + off, off + piece < sizeof m ? piece : sizeof m - off);
    dz_sha256_final(&c, d);
    for (int i = 0; i < 32; i++) snprintf(h + 2 * i, 3, "%02x", d[i]);
    if (strcmp(h, whole) != 0) DZ_FAIL("pieces of %zu: %s, expected %s", piece, h, whole);
  }
}

DZ_TEST_MAIN
