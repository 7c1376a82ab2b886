/*
** documents.c — open documents: text edited by range, tree kept in step.
**
** A didChange is applied to a copy of the text and its tree edits are
** collected; only when every range in it is valid do the new text and the
** edits replace the old ones, so a bad change leaves the document intact.
** tree-sitter counts rows by \n and columns in bytes, whatever the client's
** encoding, so TSPoints are computed from the bytes, never from LSP positions.
*/
#include "drizzle_lsp/documents.h"

#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/parse.h"

typedef struct doc {
  dz_document pub;
  dz_arena *arena; /* uri, path, language id */
  char *buf;       /* pub.text, NUL-terminated */
} doc;

struct dz_documents {
  dz_parser *parser;
  doc **items;
  size_t len, cap;
};

dz_documents *dz_documents_new(void) {
  dz_documents *d = calloc(1, sizeof *d);
  if (!d) return NULL;
  d->parser = dz_parser_new();
  if (!d->parser) {
    free(d);
    return NULL;
  }
  return d;
}

static void doc_free(doc *x) {
  if (x->pub.tree) ts_tree_delete(x->pub.tree);
  free(x->buf);
  dz_arena_free(x->arena);
  free(x);
}

void dz_documents_free(dz_documents *d) {
  if (!d) return;
  for (size_t i = 0; i < d->len; i++) doc_free(d->items[i]);
  free(d->items);
  dz_parser_free(d->parser);
  free(d);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool dz_documents_parses(const char *language_id, const char *uri) {
  if (language_id && *language_id)
    return strcmp(language_id, "typescript") == 0 || strcmp(language_id, "javascript") == 0;
  static const char *const exts[] = {".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"};
  for (size_t i = 0; uri && i < sizeof exts / sizeof exts[0]; i++)
    if (has_suffix(uri, exts[i])) return true;
  return false;
}

static size_t find(const dz_documents *d, const char *uri) {
  for (size_t i = 0; i < d->len; i++)
    if (strcmp(d->items[i]->pub.uri, uri) == 0) return i;
  return SIZE_MAX;
}

const dz_document *dz_documents_get(const dz_documents *d, const char *uri) {
  size_t i = find(d, uri);
  return i == SIZE_MAX ? NULL : &d->items[i]->pub;
}

size_t dz_documents_count(const dz_documents *d) { return d->len; }

const dz_document *dz_documents_at(const dz_documents *d, size_t i) {
  return i < d->len ? &d->items[i]->pub : NULL;
}

static char *copy_text(const char *text, size_t len) {
  char *buf = malloc(len + 1);
  if (!buf) return NULL;
  if (len) memcpy(buf, text, len);
  buf[len] = '\0';
  return buf;
}

/* Parse x's text, reusing its (already edited) tree when it has one. */
static dz_result reparse(dz_documents *d, doc *x, dz_error *err) {
  if (!dz_documents_parses(x->pub.language_id, x->pub.uri)) return DZ_OK;
  TSTree *tree = dz_parser_parse(d->parser, x->buf, x->pub.len, x->pub.tree, err);
  if (x->pub.tree) ts_tree_delete(x->pub.tree);
  x->pub.tree = tree;
  return tree ? DZ_OK : (err ? err->code : DZ_ERR_SYNTAX);
}

static dz_result add_doc(dz_documents *d, doc *x, dz_error *err) {
  if (d->len == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 8;
    doc **items = realloc(d->items, cap * sizeof *items);
    if (!items) return dz_error_set(err, DZ_ERR_NOMEM, "out of memory opening %s", x->pub.uri);
    d->items = items;
    d->cap = cap;
  }
  d->items[d->len++] = x;
  return DZ_OK;
}

dz_result dz_documents_open(dz_documents *d, const char *uri, const char *language_id,
                            int64_t version, const char *text, size_t len, dz_error *err) {
  doc *x = calloc(1, sizeof *x);
  if (!x || !(x->buf = copy_text(text, len))) {
    free(x);
    return dz_error_set(err, DZ_ERR_NOMEM, "out of memory opening %s", uri);
  }
  x->arena = dz_arena_new();
  x->pub.uri = dz_arena_strdup(x->arena, uri);
  x->pub.path = dz_lsp_uri_to_path(x->arena, uri);
  x->pub.language_id = dz_arena_strdup(x->arena, language_id ? language_id : "");
  x->pub.version = version;
  x->pub.text = x->buf;
  x->pub.len = len;
  dz_result parsed = reparse(d, x, err);
  if (parsed != DZ_OK && parsed != DZ_ERR_UNSUPPORTED) {
    doc_free(x);
    return parsed;
  }
  size_t i = find(d, uri);
  if (i != SIZE_MAX) { /* reopened without a close: the new text wins */
    doc_free(d->items[i]);
    d->items[i] = x;
    return parsed;
  }
  dz_result rc = add_doc(d, x, err);
  if (rc != DZ_OK) doc_free(x);
  return rc != DZ_OK ? rc : parsed;
}

dz_result dz_documents_close(dz_documents *d, const char *uri, dz_error *err) {
  size_t i = find(d, uri);
  if (i == SIZE_MAX) return dz_error_set(err, DZ_ERR_NOT_FOUND, "%s is not open", uri);
  doc_free(d->items[i]);
  memmove(d->items + i, d->items + i + 1, (d->len - i - 1) * sizeof *d->items);
  d->len--;
  return DZ_OK;
}

/* ---- edits ------------------------------------------------------------ */

/* tree-sitter's point of a byte offset: rows by \n, columns in bytes. */
static TSPoint point_at(const char *text, size_t offset) {
  TSPoint pt = {0, 0};
  size_t line_start = 0;
  for (const char *p = text; (p = memchr(p, '\n', offset - (size_t)(p - text))) != NULL; p++) {
    pt.row++;
    line_start = (size_t)(p - text) + 1;
  }
  pt.column = (uint32_t)(offset - line_start);
  return pt;
}

/* The point reached from `start` by writing text[0..len). */
static TSPoint advance(TSPoint start, const char *text, size_t len) {
  TSPoint rel = point_at(text, len);
  if (rel.row == 0) return (TSPoint){start.row, start.column + rel.column};
  return (TSPoint){start.row + rel.row, rel.column};
}

typedef struct working {
  char *buf;
  size_t len, cap;
} working;

/* Replace [s, e) of w by text; fills the matching tree edit. */
static dz_result splice(working *w, size_t s, size_t e, const char *text, size_t n,
                        TSInputEdit *edit) {
  size_t len = w->len - (e - s) + n;
  if (len + 1 > w->cap) {
    size_t cap = w->cap * 2 > len + 1 ? w->cap * 2 : len + 1;
    char *buf = realloc(w->buf, cap);
    if (!buf) return DZ_ERR_NOMEM;
    w->buf = buf;
    w->cap = cap;
  }
  edit->start_byte = (uint32_t)s;
  edit->old_end_byte = (uint32_t)e;
  edit->new_end_byte = (uint32_t)(s + n);
  edit->start_point = point_at(w->buf, s);
  edit->old_end_point = point_at(w->buf, e);
  edit->new_end_point = advance(edit->start_point, text, n);
  memmove(w->buf + s + n, w->buf + e, w->len - e);
  if (n) memcpy(w->buf + s, text, n);
  w->len = len;
  w->buf[len] = '\0';
  return DZ_OK;
}

static dz_result apply_change(working *w, const dz_text_change *c, dz_position_encoding enc,
                              const char *uri, TSInputEdit *edit, dz_error *err) {
  size_t s = 0, e = w->len;
  if (c->has_range) {
    s = dz_lsp_offset_of(w->buf, w->len, c->range.start, enc);
    e = dz_lsp_offset_of(w->buf, w->len, c->range.end, enc);
    if (s > e)
      return dz_error_set(err, DZ_ERR_SYNTAX,
                          "%s: change range ends (%u:%u) before it starts (%u:%u)", uri,
                          c->range.end.line, c->range.end.character, c->range.start.line,
                          c->range.start.character);
  }
  if (w->len - (e - s) + c->len > UINT32_MAX)
    return dz_error_set(err, DZ_ERR_UNSUPPORTED, "%s: document larger than 4 GiB", uri);
  if (splice(w, s, e, c->text, c->len, edit) != DZ_OK)
    return dz_error_set(err, DZ_ERR_NOMEM, "out of memory editing %s", uri);
  return DZ_OK;
}

dz_result dz_documents_change(dz_documents *d, const char *uri, int64_t version,
                              const dz_text_change *changes, size_t n,
                              dz_position_encoding enc, dz_error *err) {
  size_t i = find(d, uri);
  if (i == SIZE_MAX) return dz_error_set(err, DZ_ERR_NOT_FOUND, "%s is not open", uri);
  doc *x = d->items[i];
  working w = {copy_text(x->buf, x->pub.len), x->pub.len, x->pub.len + 1};
  TSInputEdit *edits = calloc(n ? n : 1, sizeof *edits);
  if (!w.buf || !edits) {
    free(w.buf);
    free(edits);
    return dz_error_set(err, DZ_ERR_NOMEM, "out of memory editing %s", uri);
  }
  for (size_t k = 0; k < n; k++) {
    dz_result rc = apply_change(&w, &changes[k], enc, uri, &edits[k], err);
    if (rc != DZ_OK) {
      free(w.buf);
      free(edits);
      return rc;
    }
  }
  free(x->buf);
  x->buf = w.buf;
  x->pub.text = w.buf;
  x->pub.len = w.len;
  x->pub.version = version;
  for (size_t k = 0; x->pub.tree && k < n; k++) ts_tree_edit(x->pub.tree, &edits[k]);
  free(edits);
  return reparse(d, x, err);
}
