/*
** jsstring.h — the value of a JavaScript/TypeScript string literal: the
** config reader needs it for paths, and schema extraction for table and
** column names written with escapes ('it\'s', "\u00e9").
*/
#ifndef DZ_JSSTRING_H
#define DZ_JSSTRING_H

#include "drizzle_lsp/arena.h"

/* lit/len is the literal as written, quotes included ('...', "..." or a
** template `...` without substitutions). Returns its value as UTF-8 in a:
** escapes decoded (\n \t \xHH \uHHHH \u{H...}, surrogate pairs joined, a
** lone surrogate as U+FFFD, line continuations dropped). A \0 in the value
** ends the C string. */
char *dz_js_string_value(dz_arena *a, const char *lit, size_t len);

#endif /* DZ_JSSTRING_H */
