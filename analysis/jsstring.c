/*
** jsstring.c — the value of a JavaScript string literal as written in the
** source (see jsstring.h).
*/
#include "drizzle_lsp/jsstring.h"

#include <stdint.h>

static size_t put_utf8(char *out, uint32_t c) {
  if (c < 0x80) { out[0] = (char)c; return 1; }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | (c >> 12));
    out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (c >> 18));
  out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
  out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Read n hex digits (or, with n == 0, the digits of \u{...} up to '}'). */
static uint32_t read_hex(const char **p, const char *end, int n) {
  uint32_t c = 0;
  int digits = 0;
  while (*p < end && (n == 0 ? **p != '}' : digits < n) && hex_value(**p) >= 0) {
    uint32_t next = c * 16 + (uint32_t)hex_value(*(*p)++);
    c = next > 0x10FFFF ? 0x110000 : next; /* saturate: out of range stays out of range */
    digits++;
  }
  if (n == 0 && *p < end && **p == '}') (*p)++;
  return c > 0x10FFFF ? 0xFFFD : c;
}

static uint32_t read_unicode_escape(const char **p, const char *end) {
  if (*p < end && **p == '{') {
    (*p)++;
    uint32_t c = read_hex(p, end, 0);
    return (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c;
  }
  uint32_t c = read_hex(p, end, 4);
  /* a surrogate pair written as two escapes is one character */
  if (c >= 0xD800 && c <= 0xDBFF && end - *p >= 6 && (*p)[0] == '\\' && (*p)[1] == 'u') {
    const char *q = *p + 2;
    uint32_t lo = read_hex(&q, end, 4);
    if (lo >= 0xDC00 && lo <= 0xDFFF) {
      *p = q;
      return 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
    }
  }
  return (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : c;
}

/* Decode one escape after its backslash into out; returns bytes written. */
static size_t decode_escape(const char **p, const char *end, char *out) {
  char c = *(*p)++;
  switch (c) {
    case 'n': *out = '\n'; return 1;
    case 't': *out = '\t'; return 1;
    case 'r': *out = '\r'; return 1;
    case 'b': *out = '\b'; return 1;
    case 'f': *out = '\f'; return 1;
    case 'v': *out = '\v'; return 1;
    case '0': *out = '\0'; return 1;
    case 'x': return put_utf8(out, read_hex(p, end, 2));
    case 'u': return put_utf8(out, read_unicode_escape(p, end));
    case '\r': if (*p < end && **p == '\n') (*p)++; return 0; /* line continuation */
    case '\n': return 0;
    default: *out = c; return 1;
  }
}

char *dz_js_string_value(dz_arena *a, const char *lit, size_t len) {
  const char *p = lit + 1, *end = lit + (len >= 2 ? len - 1 : 1);
  char *out = dz_arena_alloc(a, len + 1), *o = out; /* an escape never decodes longer than it is written */
  while (p < end) {
    if (*p == '\\' && p + 1 < end) {
      p++;
      o += decode_escape(&p, end, o);
    } else {
      *o++ = *p++;
    }
  }
  *o = '\0';
  return out;
}
