/*
** sql_scan.h — just enough of SQLite's DDL syntax to read back what PRAGMAs
** do not tell: a column's declared type and default as written, AUTOINCREMENT,
** a generated column's expression, CHECK constraints and their names, an
** index's expression terms and WHERE clause, a view's definition.
**
** Works on text as sqlite_master stores it. Quoted names ("a", `a`, [a],
** 'a') with doubled quotes, nested parentheses and comments are skipped
** whole, so a hostile identifier cannot end a piece early.
*/
#ifndef DZ_SQL_SCAN_H
#define DZ_SQL_SCAN_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/model.h"

/* A piece of some SQL text: [p, p+n). */
typedef struct dz_sql_span {
  const char *p;
  size_t n;
} dz_sql_span;

typedef DZ_VEC(dz_sql_span) dz_sql_spans;

/* The length of the token at s (never 0 when n > 0): a quoted string or name,
** a balanced parenthesised group, a comment, a run of blanks, a word, or one
** other character. Unterminated quotes and groups run to the end. */
size_t dz_sql_token_len(const char *s, size_t n);

/* The next token of sp that is not blank or a comment, advancing sp past
** it; an empty span at the end. */
dz_sql_span dz_sql_next(dz_sql_span *sp);

/* Is the token t the word kw (ASCII case-insensitive)? */
bool dz_sql_is_word(dz_sql_span t, const char *kw);

/* Is the token a parenthesised group? Its inside, without the parentheses. */
bool dz_sql_is_group(dz_sql_span t);
dz_sql_span dz_sql_group_inside(dz_sql_span t);

/* Split sp at top-level commas into pieces trimmed of blanks. */
void dz_sql_split_commas(dz_sql_span sp, dz_arena *a, dz_sql_spans *out);

/* The span from the first top-level token that is word kw (inclusive), or an
** empty span with p NULL when there is none. */
dz_sql_span dz_sql_find_word(dz_sql_span sp, const char *kw);

/* sp without leading and trailing blanks, comments and a final ';'. */
dz_sql_span dz_sql_trim(dz_sql_span sp);

/* A name token unquoted ("a""b" -> a"b, `x` -> x, [y] -> y), in a. */
char *dz_sql_unquote(dz_sql_span t, dz_arena *a);

/* A copy of sp in a. */
char *dz_sql_copy(dz_sql_span sp, dz_arena *a);

#endif /* DZ_SQL_SCAN_H */
