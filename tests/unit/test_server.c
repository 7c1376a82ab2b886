/* test_server.c — a session driven with bytes in memory: the lifecycle
** rules, batches (cancellation, merged didChange), and the feature hooks'
** JSON adapters with hooks written here. */
#include "dz_test.h"
#include "scratch_fixture.h"
#include "drizzle_lsp/framing.h"
#include "drizzle_lsp/server.h"

#include <stdlib.h>
#include <sys/stat.h>

typedef struct capture {
  dz_framer *framer;
  json_t *messages; /* every message the server wrote, in order */
  size_t frames;    /* frames written (each must hold valid JSON) */
} capture;

static void on_write(void *ud, const char *data, size_t len) {
  capture *c = ud;
  dz_framer_feed(c->framer, data, len);
  const char *body;
  size_t n;
  while (dz_framer_next(c->framer, &body, &n, NULL) == DZ_FRAME_MESSAGE) {
    c->frames++;
    json_array_append_new(c->messages, json_loadb(body, n, 0, NULL));
  }
}

static void send(dz_server *s, const char *json) {
  char header[64];
  int h = snprintf(header, sizeof header, "Content-Length: %zu\r\n\r\n", strlen(json));
  dz_server_feed(s, header, (size_t)h);
  dz_server_feed(s, json, strlen(json));
}

static capture *capture_new(void) {
  capture *c = calloc(1, sizeof *c);
  c->framer = dz_framer_new(1 << 20);
  c->messages = json_array();
  return c;
}

static void capture_free(capture *c) {
  dz_framer_free(c->framer);
  json_decref(c->messages);
  free(c);
}

/* The response with this integer id, or NULL. */
static json_t *response(capture *c, json_int_t id) {
  size_t i;
  json_t *m;
  json_array_foreach(c->messages, i, m) {
    json_t *mid = json_object_get(m, "id");
    if (json_is_integer(mid) && json_integer_value(mid) == id && !json_object_get(m, "method")) return m;
  }
  return NULL;
}

static json_int_t error_code(capture *c, json_int_t id) {
  return json_integer_value(json_object_get(json_object_get(response(c, id), "error"), "code"));
}

static const char init_utf16[] =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{"
    "\"workspace\":{\"workspaceEdit\":{\"documentChanges\":true,\"resourceOperations\":[\"create\"]}}},"
    "\"rootUri\":\"file:///work/app\",\"workspaceFolders\":[{\"uri\":\"file:///work/app\",\"name\":\"app\"}]}}";

static dz_server *start(capture *c, const dz_lsp_features *features) {
  dz_server *s = dz_server_new(features, on_write, c);
  send(s, init_utf16);
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
  dz_server_drain(s);
  return s;
}

DZ_TEST(initialize_negotiates_and_records_the_workspace) {
  capture *c = capture_new();
  dz_server *s = start(c, NULL);
  json_t *caps = json_object_get(json_object_get(response(c, 1), "result"), "capabilities");
  DZ_CHECK_STR(json_string_value(json_object_get(caps, "positionEncoding")), "utf-16");
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(caps, "textDocumentSync"), "change")), 2);
  DZ_CHECK(json_object_get(caps, "hoverProvider") == NULL);
  DZ_CHECK_STR(s->root_path, "/work/app");
  DZ_CHECK_INT(s->folders.len, 1);
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"initialize\",\"params\":{}}");
  dz_server_drain(s);
  DZ_CHECK_INT(error_code(c, 9), DZ_RPC_INVALID_REQUEST);
  dz_server_free(s);
  capture_free(c);
}

DZ_TEST(lifecycle_rules_and_exit_codes) {
  capture *c = capture_new();
  dz_server *s = dz_server_new(NULL, on_write, c);
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"shutdown\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{}}");
  send(s, init_utf16);
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no/such\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialized\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"shutdown\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"no/such\"}");
  dz_server_drain(s);
  DZ_CHECK_INT(error_code(c, 7), DZ_RPC_SERVER_NOT_INITIALIZED);
  DZ_CHECK_INT(error_code(c, 2), DZ_RPC_METHOD_NOT_FOUND);
  DZ_CHECK_INT(error_code(c, 3), DZ_RPC_METHOD_NOT_FOUND); /* a notification sent as a request */
  DZ_CHECK(json_is_null(json_object_get(response(c, 4), "result")));
  DZ_CHECK_INT(error_code(c, 5), DZ_RPC_INVALID_REQUEST);
  DZ_CHECK(!dz_server_exited(s));
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"no/such\"}");
  dz_server_drain(s);
  DZ_CHECK(dz_server_exited(s));
  DZ_CHECK_INT(s->exit_code, 0);
  DZ_CHECK(response(c, 6) == NULL);
  dz_server_free(s);
  capture_free(c);

  c = capture_new();
  s = start(c, NULL);
  dz_server_input_ended(s); /* no shutdown: exit code 1 */
  DZ_CHECK(dz_server_exited(s));
  DZ_CHECK_INT(s->exit_code, 1);
  dz_server_free(s);
  capture_free(c);
}

DZ_TEST(a_cancelled_queued_request_is_answered_with_request_cancelled) {
  capture *c = capture_new();
  dz_server *s = start(c, NULL);
  size_t before = json_array_size(c->messages);
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"no/such\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"no/such\"}");
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":11}}");
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":99}}");
  dz_server_drain(s);
  DZ_CHECK_INT(error_code(c, 11), DZ_RPC_REQUEST_CANCELLED);
  DZ_CHECK_INT(error_code(c, 10), DZ_RPC_METHOD_NOT_FOUND);
  DZ_CHECK_INT(json_array_size(c->messages) - before, 2);
  /* Cancelled first: answered before the batch runs. */
  DZ_CHECK_INT(json_integer_value(json_object_get(json_array_get(c->messages, before), "id")), 11);
  dz_server_free(s);
  capture_free(c);
}

/* Hooks written for the test: count document changes, hover with the
** word under the cursor, offer one edit. */
typedef struct fake {
  int changed, closed;
  uint32_t hover_offset;
  const char *closed_file; /* a file on disk, not open, that an action edits */
} fake;

static void fake_changed(void *ud, dz_server *s, const dz_document *doc) {
  ((fake *)ud)->changed++;
  /* The emoji and the x after it: 5 bytes, 3 UTF-16 units. */
  uint32_t at = (uint32_t)(strstr(doc->text, "\xF0\x9F\x98\x80") - doc->text);
  dz_diag d = {DZ_SEV_WARNING, "test-rule", "a warning", {0, at, at + 5, {0, at}, {0, at + 5}}};
  dz_server_publish_diagnostics(s, doc, &d, 1);
}

static void fake_closed(void *ud, dz_server *s, const char *uri) { ((fake *)ud)->closed++; }

static dz_result fake_hover(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                            dz_arena *a, dz_hover **out, dz_error *err) {
  ((fake *)ud)->hover_offset = offset;
  if (offset >= doc->len) return dz_error_set(err, DZ_ERR_NOT_FOUND, "nothing at the end");
  dz_hover *h = dz_arena_alloc(a, sizeof *h);
  h->markdown = dz_arena_printf(a, "`%c`", doc->text[offset]);
  h->start_byte = offset;
  h->end_byte = offset + 1;
  *out = h;
  return DZ_OK;
}

static dz_result fake_actions(void *ud, dz_server *s, const dz_document *doc, uint32_t start,
                              uint32_t end, dz_arena *a, dz_code_action_list *out, dz_error *err) {
  dz_code_action *act = dz_arena_alloc(a, sizeof *act);
  act->title = "replace selection";
  act->kind = "quickfix";
  dz_vec_push(a, &act->edits, ((dz_text_edit){doc->path, start, end, "X"}));
  dz_vec_push(a, &act->create_files, "/work/app/drizzle/0001_new.sql");
  dz_vec_push(a, &act->edits, ((dz_text_edit){"/work/app/drizzle/0001_new.sql", 0, 0, "SELECT 1;"}));
  const char *closed = ((fake *)ud)->closed_file;
  if (closed) dz_vec_push(a, &act->edits, ((dz_text_edit){closed, 6, 11, "LINE2"}));
  dz_vec_push(a, out, act);
  return DZ_OK;
}

#define OPEN                                                                                      \
  "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":" \
  "\"file:///work/app/s.ts\",\"languageId\":\"typescript\",\"version\":1,\"text\":\"const \xF0\x9F\x98\x80x = 1;\\n\"}}}"
#define CHANGE(v, ch, text)                                                                      \
  "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":" \
  "\"file:///work/app/s.ts\",\"version\":" #v "},\"contentChanges\":[{\"range\":{\"start\":{\"line\":0," \
  "\"character\":" #ch "},\"end\":{\"line\":0,\"character\":" #ch "}},\"text\":\"" text "\"}]}}"

DZ_TEST(changes_in_one_batch_are_merged_into_one_reparse) {
  fake f = {0};
  dz_lsp_features features = {.ud = &f, .document_changed = fake_changed, .document_closed = fake_closed};
  capture *c = capture_new();
  dz_server *s = start(c, &features);
  send(s, OPEN);
  dz_server_drain(s);
  DZ_CHECK_INT(f.changed, 1);
  send(s, CHANGE(2, 0, "a"));
  send(s, CHANGE(3, 1, "b"));
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":1}}");
  send(s, CHANGE(4, 2, "c"));
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"drizzle/documentState\",\"params\":{\"textDocument\":{\"uri\":\"file:///work/app/s.ts\"}}}");
  send(s, CHANGE(5, 0, "d"));
  dz_server_drain(s);
  DZ_CHECK_INT(f.changed, 3); /* open, the three merged, then the one after the request */
  json_t *state = json_object_get(response(c, 20), "result");
  DZ_CHECK_STR(json_string_value(json_object_get(state, "text")), "abcconst \xF0\x9F\x98\x80x = 1;\n");
  DZ_CHECK_INT(json_integer_value(json_object_get(state, "version")), 4);
  const dz_document *doc = dz_documents_get(s->docs, "file:///work/app/s.ts");
  DZ_CHECK_STR(doc->text, "dabcconst \xF0\x9F\x98\x80x = 1;\n");
  DZ_CHECK_INT(doc->version, 5);
  /* The published diagnostic's bytes 10..15 are UTF-16 columns 10..13. */
  json_t *last = json_array_get(c->messages, json_array_size(c->messages) - 1);
  DZ_CHECK_STR(json_string_value(json_object_get(last, "method")), "textDocument/publishDiagnostics");
  json_t *range = json_object_get(json_array_get(json_object_get(json_object_get(last, "params"), "diagnostics"), 0), "range");
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(range, "end"), "character")), 13);
  send(s, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":{\"textDocument\":{\"uri\":\"file:///work/app/s.ts\"}}}");
  dz_server_drain(s);
  DZ_CHECK_INT(f.closed, 1);
  dz_server_free(s);
  capture_free(c);
}

DZ_TEST(hover_and_code_action_hooks_see_bytes_and_answer_in_lsp_positions) {
  fake f = {0};
  char closed[512];
  const char *build = getenv("DZ_BUILD_DIR");
  FILE *out = NULL;
  if (build) {
    scratch_base(closed, sizeof closed, "test_server");
    strcat(closed, "/closed.sql");
    out = fopen(closed, "wb");
  }
  if (out) {
    fputs("line1\nline2\n", out);
    fclose(out);
    f.closed_file = closed;
  }
  dz_lsp_features features = {.ud = &f, .hover = fake_hover, .code_actions = fake_actions};
  capture *c = capture_new();
  dz_server *s = start(c, &features);
  json_t *caps = json_object_get(json_object_get(response(c, 1), "result"), "capabilities");
  DZ_CHECK(json_is_true(json_object_get(caps, "hoverProvider")));
  DZ_CHECK(json_object_get(caps, "codeActionProvider") != NULL);
  send(s, OPEN);
  /* UTF-16 column 8 is the x after the emoji: byte 10. */
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":30,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
          "\"file:///work/app/s.ts\"},\"position\":{\"line\":0,\"character\":8}}}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":31,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
          "\"file:///work/app/s.ts\"},\"position\":{\"line\":5,\"character\":0}}}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":32,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":"
          "\"file:///work/app/s.ts\"},\"position\":{\"line\":-1,\"character\":0}}}");
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":33,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":{\"uri\":"
          "\"file:///work/app/s.ts\"},\"range\":{\"start\":{\"line\":0,\"character\":8},\"end\":{\"line\":0,\"character\":6}},"
          "\"context\":{\"diagnostics\":[]}}}");
  dz_server_drain(s);
  DZ_CHECK_INT(f.hover_offset, 17); /* the last hover: clamped to the end */
  json_t *hover = json_object_get(response(c, 30), "result");
  DZ_CHECK_STR(json_string_value(json_object_get(json_object_get(hover, "contents"), "value")), "`x`");
  json_t *hr = json_object_get(hover, "range");
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(hr, "start"), "character")), 8);
  DZ_CHECK_INT(error_code(c, 31), DZ_RPC_REQUEST_FAILED);
  DZ_CHECK_INT(error_code(c, 32), DZ_RPC_INVALID_PARAMS);
  json_t *action = json_array_get(json_object_get(response(c, 33), "result"), 0);
  DZ_CHECK_STR(json_string_value(json_object_get(action, "title")), "replace selection");
  json_t *changes = json_object_get(json_object_get(action, "edit"), "documentChanges");
  DZ_CHECK_INT(json_array_size(changes), f.closed_file ? 4 : 3);
  if (f.closed_file) { /* the unopened file's bytes 6..11 are line 1, characters 0..5 */
    json_t *on_disk = json_array_get(json_object_get(json_array_get(changes, 3), "edits"), 0);
    json_t *disk_range = json_object_get(on_disk, "range");
    DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(disk_range, "start"), "line")), 1);
    DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(disk_range, "end"), "character")), 5);
    DZ_CHECK(json_is_null(json_object_get(json_object_get(json_array_get(changes, 3), "textDocument"), "version")));
  }
  if (f.closed_file) remove(closed);
  DZ_CHECK_STR(json_string_value(json_object_get(json_array_get(changes, 0), "kind")), "create");
  json_t *edit = json_array_get(json_object_get(json_array_get(changes, 1), "edits"), 0);
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(json_object_get(edit, "range"), "start"), "character")), 6);
  DZ_CHECK_INT(json_integer_value(json_object_get(json_object_get(json_object_get(edit, "range"), "end"), "character")), 8);
  dz_server_free(s);
  capture_free(c);
}

DZ_TEST(features_without_hooks_are_method_not_found) {
  capture *c = capture_new();
  dz_server *s = start(c, NULL);
  send(s, "{\"jsonrpc\":\"2.0\",\"id\":40,\"method\":\"textDocument/hover\",\"params\":{}}");
  dz_server_drain(s);
  DZ_CHECK_INT(error_code(c, 40), DZ_RPC_METHOD_NOT_FOUND);
  dz_server_free(s);
  capture_free(c);
}

static uint64_t fuzz_state = 0x9e3779b97f4a7c15ULL;
static uint32_t fuzz(uint32_t n) {
  fuzz_state = fuzz_state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uint32_t)(fuzz_state >> 33) % n;
}

/* Streams spliced from pieces of real traffic, in random pieces: the server
** never crashes (ASan, valgrind) and everything it writes is a well-formed
** JSON-RPC message. */
DZ_TEST(random_traffic_gets_only_well_formed_answers) {
  static const char *const pieces[] = {
      "Content-Length: ", "content-length:", "Content-Type: x\r\n", "\r\n", "\r\n\r\n", "\n", "7", "42",
      "999999999999", "{", "}", "[", "]", "\"", ":", ",", "\xff", "\xc3", "\xf0\x9f\x98\x80", "null", "1.5",
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"shutdown\"}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":\"x\"}}", OPEN,
      CHANGE(2, 0, "a"), CHANGE(3, 99, "\\u00e9"), "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"drizzle/documentState\",\"params\":"
      "{\"textDocument\":{\"uri\":\"file:///work/app/s.ts\"}}}"};
  size_t npieces = sizeof pieces / sizeof pieces[0];
  size_t answers = 0;
  for (int round = 0; round < 200; round++) {
    capture *c = capture_new();
    dz_server *s = dz_server_new(NULL, on_write, c);
    char stream[8192];
    size_t len = 0;
    for (int k = fuzz(60); k >= 0; k--) {
      const char *p = pieces[fuzz((uint32_t)npieces)];
      size_t n = strlen(p);
      if (fuzz(3) == 0 && n > 20) { /* a whole frame around a JSON piece */
        len += (size_t)snprintf(stream + len, sizeof stream - len, "Content-Length: %zu\r\n\r\n", n);
      }
      if (len + n >= sizeof stream) break;
      memcpy(stream + len, p, n);
      len += n;
    }
    for (size_t at = 0; at < len;) {
      size_t n = 1 + fuzz(300);
      if (n > len - at) n = len - at;
      dz_server_feed(s, stream + at, n);
      at += n;
      if (fuzz(2)) dz_server_drain(s);
    }
    dz_server_input_ended(s);
    if (json_array_size(c->messages) != c->frames)
      DZ_FAIL("round %d: %zu of %zu frames written were not JSON", round,
              c->frames - json_array_size(c->messages), c->frames);
    size_t i;
    json_t *m;
    json_array_foreach(c->messages, i, m) {
      const char *v = json_string_value(json_object_get(m, "jsonrpc"));
      bool shaped = v && strcmp(v, "2.0") == 0 &&
                    (json_object_get(m, "method") || json_object_get(m, "result") || json_object_get(m, "error"));
      if (!shaped) DZ_FAIL("round %d: message %zu is not JSON-RPC", round, i);
    }
    answers += json_array_size(c->messages);
    dz_server_free(s);
    capture_free(c);
  }
  DZ_CHECK(answers > 400); /* the traffic did reach the server's handlers */
}

DZ_TEST_MAIN
