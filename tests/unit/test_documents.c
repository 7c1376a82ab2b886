/* test_documents.c — open documents: edits by LSP range in either encoding,
** and the differential check that the incrementally edited tree always
** equals a fresh parse of the same text (hundreds of random edits to a
** realistic schema, fixed seed). */
#include "dz_test.h"
#include "drizzle_lsp/documents.h"
#include "drizzle_lsp/parse.h"

#include <stdlib.h>

#define URI "file:///work/db/schema.ts"
#define FIXTURE "tests/lsp/fixtures/schema.ts"

static char *read_fixture(size_t *len) {
  FILE *f = fopen(FIXTURE, "rb");
  if (!f) return NULL;
  char *buf = malloc(1 << 16);
  *len = fread(buf, 1, (1 << 16) - 1, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

static uint64_t rng_state = 0x5eed1234abcdULL;
static uint32_t rnd(uint32_t n) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (uint32_t)(rng_state % n);
}

/* Text typed into the schema: tokens that open and close constructs,
** strings, comments, line breaks and non-ASCII characters. */
static const char *const snippets[] = {
    "", "x", "id", ".notNull()", "(", ")", "{", "}", "[", "]", ",", ";", "\n", "\r\n", "  ",
    "\"", "'", "`", "${", "//", "/*", "*/", "text(\"name\")", "integer(\"n\", { mode: \"boolean\" })",
    "export const t = sqliteTable(\"t\", {\n  a: text(),\n});\n", "é", "中文", "😀", "=>",
    "sql`(unixepoch())`", ".references(() => users.id)", "<T>", "as const", "?.", "\\",
};

/* Snap a byte offset back to a place an LSP position can name: the start
** of its UTF-8 character, and never between the \r and \n of a line break. */
static size_t char_start(const char *t, size_t off) {
  while (off > 0 && ((unsigned char)t[off] & 0xC0) == 0x80) off--;
  if (off > 0 && t[off - 1] == '\r' && t[off] == '\n') off--;
  return off;
}

/* Same node at the same place: symbol, bytes and rows/columns. */
static bool same_node(TSNode a, TSNode b) {
  TSPoint as = ts_node_start_point(a), bs = ts_node_start_point(b);
  TSPoint ae = ts_node_end_point(a), be = ts_node_end_point(b);
  return ts_node_symbol(a) == ts_node_symbol(b) && ts_node_start_byte(a) == ts_node_start_byte(b) &&
         ts_node_end_byte(a) == ts_node_end_byte(b) && as.row == bs.row && as.column == bs.column &&
         ae.row == be.row && ae.column == be.column;
}

/* Walk both trees in step; the first node that differs, or none. */
static bool walk_equal(TSNode ra, TSNode rb, uint32_t *at_byte) {
  TSTreeCursor ca = ts_tree_cursor_new(ra), cb = ts_tree_cursor_new(rb);
  bool same = true;
  for (;;) {
    TSNode a = ts_tree_cursor_current_node(&ca), b = ts_tree_cursor_current_node(&cb);
    if (!same_node(a, b)) {
      *at_byte = ts_node_start_byte(a);
      same = false;
      break;
    }
    bool da = ts_tree_cursor_goto_first_child(&ca), db = ts_tree_cursor_goto_first_child(&cb);
    if (da != db) {
      same = false;
      break;
    }
    if (da) continue;
    bool moved = false;
    while (!moved) {
      bool sa = ts_tree_cursor_goto_next_sibling(&ca), sb = ts_tree_cursor_goto_next_sibling(&cb);
      if (sa != sb) {
        same = false;
        break;
      }
      if (sa) {
        moved = true;
      } else if (!ts_tree_cursor_goto_parent(&ca) || !ts_tree_cursor_goto_parent(&cb)) {
        break;
      }
    }
    if (!same || !moved) break;
  }
  ts_tree_cursor_delete(&ca);
  ts_tree_cursor_delete(&cb);
  return same;
}

/* The incremental tree against a fresh parse: the same S-expression, and
** every node at the same bytes and points. */
static bool trees_equal(const dz_document *doc, dz_parser *fresh_parser, int step) {
  TSTree *fresh = dz_parser_parse(fresh_parser, doc->text, doc->len, NULL, NULL);
  char *a = ts_node_string(ts_tree_root_node(doc->tree));
  char *b = ts_node_string(ts_tree_root_node(fresh));
  bool same = strcmp(a, b) == 0;
  if (!same) DZ_FAIL("step %d: incremental tree differs from a fresh parse\n  %.300s\n  %.300s", step, a, b);
  uint32_t at = 0;
  if (same && !walk_equal(ts_tree_root_node(doc->tree), ts_tree_root_node(fresh), &at)) {
    DZ_FAIL("step %d: a node near byte %u has other positions than in a fresh parse", step, at);
    same = false;
  }
  free(a);
  free(b);
  ts_tree_delete(fresh);
  return same;
}

/* A random change against ref (the expected text), applied to ref too. */
static dz_text_change random_change(char **ref, size_t *ref_len, dz_position_encoding enc) {
  size_t len = *ref_len;
  size_t s = char_start(*ref, rnd((uint32_t)len + 1));
  size_t del = len > 6000 ? rnd(200) : rnd(12);
  size_t e = s + del > len ? len : char_start(*ref, s + del);
  if (e < s) e = s;
  const char *ins = snippets[rnd(sizeof snippets / sizeof snippets[0])];
  dz_text_change c = {true, {dz_lsp_position_of(*ref, len, s, enc), dz_lsp_position_of(*ref, len, e, enc)},
                      ins, strlen(ins)};
  size_t n = len - (e - s) + c.len;
  char *next = malloc(n + 1);
  memcpy(next, *ref, s);
  memcpy(next + s, ins, c.len);
  memcpy(next + s + c.len, *ref + e, len - e);
  next[n] = '\0';
  free(*ref);
  *ref = next;
  *ref_len = n;
  return c;
}

static void random_edits(dz_position_encoding enc, int steps) {
  size_t len;
  char *ref = read_fixture(&len);
  if (!ref) {
    DZ_FAIL("cannot read %s (run from the source tree)", FIXTURE);
    return;
  }
  dz_documents *docs = dz_documents_new();
  dz_parser *fresh = dz_parser_new();
  DZ_CHECK_INT(dz_documents_open(docs, URI, "typescript", 1, ref, len, NULL), DZ_OK);
  for (int step = 0; step < steps; step++) {
    /* Mostly one change per didChange, sometimes a burst of several (as a
    ** merged batch arrives), each relative to the text after the last. */
    dz_text_change changes[4];
    size_t n = rnd(5) == 0 ? 1 + rnd(4) : 1;
    char *texts[4];
    for (size_t k = 0; k < n; k++) {
      changes[k] = random_change(&ref, &len, enc);
      texts[k] = strdup(changes[k].text);
      changes[k].text = texts[k];
    }
    dz_error err;
    if (dz_documents_change(docs, URI, step + 2, changes, n, enc, &err) != DZ_OK)
      DZ_FAIL("step %d: %s", step, err.message);
    for (size_t k = 0; k < n; k++) free(texts[k]);
    const dz_document *doc = dz_documents_get(docs, URI);
    if (doc->len != len || memcmp(doc->text, ref, len) != 0) {
      DZ_FAIL("step %d: document text differs from the expected text", step);
      break;
    }
    if (!trees_equal(doc, fresh, step)) break;
  }
  free(ref);
  dz_parser_free(fresh);
  dz_documents_free(docs);
}

DZ_TEST(incremental_tree_equals_fresh_parse_over_random_utf16_edits) { random_edits(DZ_ENC_UTF16, 400); }

DZ_TEST(incremental_tree_equals_fresh_parse_over_random_utf8_edits) { random_edits(DZ_ENC_UTF8, 200); }

static const dz_document *open_text(dz_documents *docs, const char *text) {
  DZ_CHECK_INT(dz_documents_open(docs, URI, "typescript", 1, text, strlen(text), NULL), DZ_OK);
  return dz_documents_get(docs, URI);
}

DZ_TEST(ranges_are_read_in_the_negotiated_encoding) {
  dz_documents *docs = dz_documents_new();
  const dz_document *doc = open_text(docs, "const a = \"😀x\";\n");
  /* UTF-16: 😀 is columns 11-12, x is 13. */
  dz_text_change c = {true, {{0, 13}, {0, 14}}, "y", 1};
  DZ_CHECK_INT(dz_documents_change(docs, URI, 2, &c, 1, DZ_ENC_UTF16, NULL), DZ_OK);
  DZ_CHECK_STR(doc->text, "const a = \"😀y\";\n");
  /* UTF-8: x is now byte 15. */
  dz_text_change d = {true, {{0, 15}, {0, 16}}, "z", 1};
  DZ_CHECK_INT(dz_documents_change(docs, URI, 3, &d, 1, DZ_ENC_UTF8, NULL), DZ_OK);
  DZ_CHECK_STR(doc->text, "const a = \"😀z\";\n");
  DZ_CHECK_INT(doc->version, 3);
  dz_documents_free(docs);
}

DZ_TEST(out_of_range_positions_clamp_and_a_reversed_range_changes_nothing) {
  dz_documents *docs = dz_documents_new();
  const dz_document *doc = open_text(docs, "ab\ncd");
  dz_text_change past = {true, {{0, 99}, {99, 99}}, "!", 1};
  DZ_CHECK_INT(dz_documents_change(docs, URI, 2, &past, 1, DZ_ENC_UTF16, NULL), DZ_OK);
  DZ_CHECK_STR(doc->text, "ab!");
  dz_text_change ok = {true, {{0, 0}, {0, 0}}, ">", 1};
  dz_text_change reversed[2] = {ok, {true, {{0, 2}, {0, 1}}, "?", 1}};
  dz_error err;
  DZ_CHECK_INT(dz_documents_change(docs, URI, 3, reversed, 2, DZ_ENC_UTF16, &err), DZ_ERR_SYNTAX);
  DZ_CHECK_CONTAINS(err.message, "ends (0:1) before it starts (0:2)");
  DZ_CHECK_STR(doc->text, "ab!");
  DZ_CHECK_INT(doc->version, 2);
  dz_documents_free(docs);
}

DZ_TEST(full_replacement_reopen_and_close) {
  dz_documents *docs = dz_documents_new();
  open_text(docs, "let a = 1;");
  dz_text_change full = {false, {{0, 0}, {0, 0}}, "export const b = 2;\n", 20};
  DZ_CHECK_INT(dz_documents_change(docs, URI, 5, &full, 1, DZ_ENC_UTF16, NULL), DZ_OK);
  const dz_document *doc = dz_documents_get(docs, URI);
  DZ_CHECK_STR(doc->text, "export const b = 2;\n");
  DZ_CHECK_STR(ts_node_type(ts_node_child(ts_tree_root_node(doc->tree), 0)), "export_statement");
  open_text(docs, "reopened");
  DZ_CHECK_INT(dz_documents_count(docs), 1);
  DZ_CHECK_STR(dz_documents_get(docs, URI)->text, "reopened");
  DZ_CHECK_INT(dz_documents_close(docs, URI, NULL), DZ_OK);
  dz_error err;
  DZ_CHECK_INT(dz_documents_close(docs, URI, &err), DZ_ERR_NOT_FOUND);
  DZ_CHECK_INT(dz_documents_change(docs, URI, 1, &full, 1, DZ_ENC_UTF16, &err), DZ_ERR_NOT_FOUND);
  dz_documents_free(docs);
}

DZ_TEST(only_typescript_and_javascript_get_a_tree) {
  dz_documents *docs = dz_documents_new();
  DZ_CHECK_INT(dz_documents_open(docs, "file:///a/drizzle.config.json", "json", 1, "{}", 2, NULL), DZ_OK);
  DZ_CHECK(dz_documents_get(docs, "file:///a/drizzle.config.json")->tree == NULL);
  DZ_CHECK_INT(dz_documents_open(docs, "file:///a/x.mjs", NULL, 1, "1", 1, NULL), DZ_OK);
  DZ_CHECK(dz_documents_get(docs, "file:///a/x.mjs")->tree != NULL);
  DZ_CHECK_STR(dz_documents_get(docs, "file:///a/x.mjs")->path, "/a/x.mjs");
  dz_documents_free(docs);
}

DZ_TEST(a_file_of_comments_that_would_crash_tree_sitter_is_kept_unparsed) {
  size_t n = 70000, unit = 6;
  char *text = malloc(n * unit + 1);
  for (size_t i = 0; i < n; i++) memcpy(text + i * unit, "/*c*/\n", unit);
  text[n * unit] = '\0';
  dz_documents *docs = dz_documents_new();
  dz_error err;
  DZ_CHECK_INT(dz_documents_open(docs, URI, "typescript", 1, text, n * unit, &err), DZ_ERR_UNSUPPORTED);
  DZ_CHECK_CONTAINS(err.message, "more than 60000 comments");
  const dz_document *doc = dz_documents_get(docs, URI);
  DZ_CHECK(doc && doc->tree == NULL && doc->len == n * unit);
  /* Cut down to 10 comments: parsed again. */
  dz_text_change cut = {true, {{10, 0}, {n, 0}}, "", 0};
  DZ_CHECK_INT(dz_documents_change(docs, URI, 2, &cut, 1, DZ_ENC_UTF16, NULL), DZ_OK);
  DZ_CHECK(doc->tree != NULL && doc->len == 10 * unit);
  dz_documents_free(docs);
  free(text);
}

DZ_TEST_MAIN
