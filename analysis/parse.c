/*
** parse.c — the tree-sitter parser for TypeScript schema and config files.
*/
#include "drizzle_lsp/parse.h"

#include <stdlib.h>
#include <string.h>

/* Provided by the npm tree-sitter-typescript grammar that CMake compiles. */
const TSLanguage *tree_sitter_typescript(void);

struct dz_parser {
  TSParser *ts;
};

const TSLanguage *dz_typescript_language(void) { return tree_sitter_typescript(); }

dz_parser *dz_parser_new(void) {
  dz_parser *p = malloc(sizeof *p);
  if (!p) return NULL;
  p->ts = ts_parser_new();
  if (!p->ts || !ts_parser_set_language(p->ts, tree_sitter_typescript())) {
    if (p->ts) ts_parser_delete(p->ts);
    free(p);
    return NULL;
  }
  return p;
}

void dz_parser_free(dz_parser *p) {
  if (!p) return;
  ts_parser_delete(p->ts);
  free(p);
}

/* libtree-sitter 0.20.7 frees memory it does not own when a file has 65535
** comments in a row (tree-sitter issue #2134). Every comment starts with one
** of these markers, so fewer than the limit in the whole text is safe. */
#define DZ_MAX_COMMENTS 60000
static bool too_many_comments(const char *text, size_t len) {
  size_t count = 0;
  for (const char *p = text, *end = text + len; (p = memchr(p, '/', (size_t)(end - p))) && p + 1 < end; p++)
    if ((p[1] == '/' || p[1] == '*') && ++count > DZ_MAX_COMMENTS) return true;
  return false;
}

TSTree *dz_parser_parse(dz_parser *p, const char *text, size_t len, const TSTree *old_tree,
                        dz_error *err) {
  if (len > UINT32_MAX) {
    dz_error_set(err, DZ_ERR_UNSUPPORTED, "file of %zu bytes is too large to parse", len);
    return NULL;
  }
  if (too_many_comments(text, len)) {
    dz_error_set(err, DZ_ERR_UNSUPPORTED,
                 "more than %d comments: not parsed (the tree-sitter library in use crashes on "
                 "such files)", DZ_MAX_COMMENTS);
    return NULL;
  }
  TSTree *t = ts_parser_parse_string(p->ts, old_tree, text, (uint32_t)len);
  if (!t) dz_error_set(err, DZ_ERR_SYNTAX, "tree-sitter could not parse the file");
  return t;
}
