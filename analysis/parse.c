/*
** parse.c — the tree-sitter parser for TypeScript schema and config files.
*/
#include "drizzle_lsp/parse.h"

#include <stdlib.h>

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

TSTree *dz_parser_parse(dz_parser *p, const char *text, size_t len, const TSTree *old_tree,
                        dz_error *err) {
  if (len > UINT32_MAX) {
    dz_error_set(err, DZ_ERR_UNSUPPORTED, "file of %zu bytes is too large to parse", len);
    return NULL;
  }
  TSTree *t = ts_parser_parse_string(p->ts, old_tree, text, (uint32_t)len);
  if (!t) dz_error_set(err, DZ_ERR_SYNTAX, "tree-sitter could not parse the file");
  return t;
}
