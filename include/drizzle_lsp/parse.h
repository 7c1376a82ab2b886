/*
** parse.h — TypeScript parsing with tree-sitter: the one place that knows
** which grammar we use (tree-sitter-typescript's `typescript`, not `tsx`).
**
** A dz_parser wraps a TSParser; it is not thread-safe and is owned by its
** creator (dz_parser_new / dz_parser_free). Trees returned are owned by the
** caller and released with ts_tree_delete.
*/
#ifndef DZ_PARSE_H
#define DZ_PARSE_H

#include <tree_sitter/api.h>

#include "drizzle_lsp/common.h"

typedef struct dz_parser dz_parser;

/* The TypeScript language (from the npm grammar compiled in). */
const TSLanguage *dz_typescript_language(void);

dz_parser *dz_parser_new(void);
void dz_parser_free(dz_parser *p);

/* Parse text (UTF-8). old_tree, if not NULL, must have been edited with
** ts_tree_edit to match text; it is reused for an incremental parse and not
** consumed. Returns NULL (err says why) if tree-sitter gives up, or for text
** with more comments than libtree-sitter 0.20.7 survives. */
TSTree *dz_parser_parse(dz_parser *p, const char *text, size_t len, const TSTree *old_tree,
                        dz_error *err);

/* The bytes of a node, borrowed from text. */
static inline const char *dz_node_text(TSNode n, const char *text, size_t *len) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  *len = e - s;
  return text + s;
}

#endif /* DZ_PARSE_H */
