/*
** sql_scan.c — a tokenizer for SQLite DDL text read back from sqlite_master
** (sql_scan.h). It never fails: malformed text just yields longer tokens.
*/
#include "drizzle_lsp/sql_scan.h"

#include <ctype.h>
#include <string.h>

/* A quoted token ending at the matching close quote; a doubled close quote
** is part of the text. [names] have no escape. */
static size_t quoted_len(const char *s, size_t n) {
  char close = s[0] == '[' ? ']' : s[0];
  for (size_t i = 1; i < n; i++) {
    if (s[i] != close) continue;
    if (close != ']' && i + 1 < n && s[i + 1] == close) {
      i++;
      continue;
    }
    return i + 1;
  }
  return n;
}

static size_t comment_len(const char *s, size_t n) {
  if (s[0] == '-') {
    const char *nl = memchr(s, '\n', n);
    return nl ? (size_t)(nl - s) + 1 : n;
  }
  for (size_t i = 2; i + 1 < n; i++)
    if (s[i] == '*' && s[i + 1] == '/') return i + 2;
  return n;
}

static bool is_comment_start(const char *s, size_t n) {
  return n >= 2 && ((s[0] == '-' && s[1] == '-') || (s[0] == '/' && s[1] == '*'));
}

static size_t group_len(const char *s, size_t n) {
  int depth = 0;
  for (size_t i = 0; i < n;) {
    if (s[i] == '(') depth++;
    else if (s[i] == ')' && --depth == 0) return i + 1;
    i += i == 0 || (s[i] == '(' || s[i] == ')') ? 1 : dz_sql_token_len(s + i, n - i);
  }
  return n;
}

static bool is_word_char(unsigned char c) {
  return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* 12, 1.5, .5, 1e-3 (a hex 0x1F is read as a word). */
static size_t number_len(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (isdigit((unsigned char)s[i]) || s[i] == '.')) i++;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < n && (s[j] == '+' || s[j] == '-')) j++;
    if (j < n && isdigit((unsigned char)s[j])) {
      i = j;
      while (i < n && isdigit((unsigned char)s[i])) i++;
    }
  }
  while (i < n && is_word_char((unsigned char)s[i])) i++;
  return i;
}

size_t dz_sql_token_len(const char *s, size_t n) {
  if (n == 0) return 0;
  unsigned char c = (unsigned char)s[0];
  if (c == '\'' || c == '"' || c == '`' || c == '[') return quoted_len(s, n);
  if (is_comment_start(s, n)) return comment_len(s, n);
  if (c == '(') return group_len(s, n);
  size_t i = 1;
  if (isdigit(c) || (c == '.' && n > 1 && isdigit((unsigned char)s[1]))) return number_len(s, n);
  if (isspace(c))
    while (i < n && isspace((unsigned char)s[i])) i++;
  else if (is_word_char(c))
    while (i < n && is_word_char((unsigned char)s[i])) i++;
  return i;
}

static bool is_blank(dz_sql_span t) {
  return t.n > 0 && (isspace((unsigned char)t.p[0]) || is_comment_start(t.p, t.n));
}

dz_sql_span dz_sql_next(dz_sql_span *sp) {
  while (sp->n > 0) {
    dz_sql_span t = {sp->p, dz_sql_token_len(sp->p, sp->n)};
    sp->p += t.n;
    sp->n -= t.n;
    if (!is_blank(t)) return t;
  }
  return (dz_sql_span){sp->p, 0};
}

bool dz_sql_is_word(dz_sql_span t, const char *kw) {
  return t.n == strlen(kw) && strncasecmp(t.p, kw, t.n) == 0;
}

bool dz_sql_is_group(dz_sql_span t) {
  return t.n >= 2 && t.p[0] == '(' && t.p[t.n - 1] == ')';
}

dz_sql_span dz_sql_group_inside(dz_sql_span t) {
  if (!dz_sql_is_group(t)) return t;
  return (dz_sql_span){t.p + 1, t.n - 2};
}

dz_sql_span dz_sql_trim(dz_sql_span sp) {
  dz_sql_span rest = sp, first = dz_sql_next(&rest);
  if (first.n == 0) return first;
  const char *end = first.p + first.n;
  for (dz_sql_span t = dz_sql_next(&rest); t.n > 0; t = dz_sql_next(&rest))
    if (!(t.n == 1 && t.p[0] == ';')) end = t.p + t.n;
  return (dz_sql_span){first.p, (size_t)(end - first.p)};
}

void dz_sql_split_commas(dz_sql_span sp, dz_arena *a, dz_sql_spans *out) {
  const char *start = sp.p;
  for (dz_sql_span rest = sp;;) {
    dz_sql_span t = dz_sql_next(&rest);
    bool end = t.n == 0;
    if (end || (t.n == 1 && t.p[0] == ',')) {
      const char *stop = end ? sp.p + sp.n : t.p;
      dz_sql_span piece = dz_sql_trim((dz_sql_span){start, (size_t)(stop - start)});
      if (piece.n > 0) dz_vec_push(a, out, piece);
      if (end) return;
      start = t.p + 1;
    }
  }
}

dz_sql_span dz_sql_find_word(dz_sql_span sp, const char *kw) {
  for (dz_sql_span rest = sp;;) {
    dz_sql_span t = dz_sql_next(&rest);
    if (t.n == 0) return (dz_sql_span){NULL, 0};
    if (dz_sql_is_word(t, kw)) return (dz_sql_span){t.p, (size_t)(sp.p + sp.n - t.p)};
  }
}

char *dz_sql_copy(dz_sql_span sp, dz_arena *a) {
  return dz_arena_strndup(a, sp.p, sp.n);
}

char *dz_sql_unquote(dz_sql_span t, dz_arena *a) {
  char q = t.n >= 2 ? t.p[0] : 0;
  if (q != '"' && q != '`' && q != '\'' && q != '[') return dz_sql_copy(t, a);
  char *out = dz_arena_alloc(a, t.n), close = q == '[' ? ']' : q;
  size_t len = 0;
  for (size_t i = 1; i + 1 < t.n; i++) {
    out[len++] = t.p[i];
    if (close != ']' && t.p[i] == close && t.p[i + 1] == close) i++;
  }
  out[len] = '\0';
  return out;
}
