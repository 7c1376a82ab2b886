/*
** json_write.c — JSON.stringify(value, null, 2), byte for byte, for jansson
** values (json.h). jansson's own printer differs from JavaScript's in ways
** that matter for drizzle-kit's files: "{ }" for empty objects, upper-case
** \u escapes, %.17g numbers, and no notion of JavaScript's key order.
*/
#include "drizzle_lsp/json.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ------------------------------------------------------------ */

/* Does the decimal D.DDD x 10^x (digits s, k of them) read back as d? */
static bool reads_back(const char *s, int k, int x, double d) {
  char buf[48];
  snprintf(buf, sizeof buf, "%c.%.*se%d", s[0], k - 1, s + 1, x);
  return strtod(buf, NULL) == d;
}

/* Add delta (+1 or -1) to the k-digit decimal s in its last place; false if
** that changes its number of digits. */
static bool step_last_digit(char *s, int k, int delta) {
  for (int i = k - 1; i >= 0; i--) {
    int v = s[i] - '0' + delta;
    if (v >= 0 && v <= 9) {
      s[i] = (char)('0' + v);
      return s[0] != '0';
    }
    s[i] = delta > 0 ? '0' : '9';
  }
  return false;
}

/* The shortest decimal digits that read back as d (|d| > 0, finite), and the
** exponent n such that d = 0.DIGITS x 10^n, as in ECMAScript's
** Number::toString. The correctly rounded k digits are the closest, but next
** to a power of two the interval that reads back is lopsided, so a neighbour
** one unit away in the last place may read back when they do not. */
static int shortest_digits(double d, char *digits, int *n) {
  char e[40], s[24];
  int k = 1, x = 0;
  for (; k <= 17; k++) {
    snprintf(e, sizeof e, "%.*e", k - 1, d);
    int j = 0;
    for (const char *p = e; *p && *p != 'e'; p++)
      if (*p >= '0' && *p <= '9') s[j++] = *p;
    s[j] = '\0';
    x = atoi(strchr(e, 'e') + 1);
    if (reads_back(s, k, x, d) || k == 17) break;
    char up[24], down[24];
    memcpy(up, s, sizeof s);
    memcpy(down, s, sizeof s);
    if (step_last_digit(up, k, 1) && reads_back(up, k, x, d)) {
      memcpy(s, up, sizeof s);
      break;
    }
    if (step_last_digit(down, k, -1) && reads_back(down, k, x, d)) {
      memcpy(s, down, sizeof s);
      break;
    }
  }
  while (k > 1 && s[k - 1] == '0') k--;
  memcpy(digits, s, (size_t)k);
  digits[k] = '\0';
  *n = x + 1;
  return k;
}

/* Below 2^53 every whole number is exact and its neighbours are one apart,
** so its shortest digits that read back are all of its digits: the plain
** integer is what Number::toString writes, without the digit search. */
#define DZ_EXACT_INTEGER_LIMIT 9007199254740992.0

char *dz_js_number(double d, char *buf) {
  if (!isfinite(d)) return strcpy(buf, "null");
  if (d == 0) return strcpy(buf, "0"); /* and -0 */
  if (fabs(d) < DZ_EXACT_INTEGER_LIMIT && d == trunc(d)) {
    sprintf(buf, "%lld", (long long)d);
    return buf;
  }
  char s[24], *o = buf;
  int n, k = shortest_digits(fabs(d), s, &n);
  if (d < 0) *o++ = '-';
  if (k <= n && n <= 21) {
    o += sprintf(o, "%s%.*s", s, n - k, "000000000000000000000");
  } else if (0 < n && n <= 21) {
    o += sprintf(o, "%.*s.%s", n, s, s + n);
  } else if (-6 < n && n <= 0) {
    o += sprintf(o, "0.%.*s%s", -n, "000000", s);
  } else {
    o += sprintf(o, "%c%s%se%c%d", s[0], k > 1 ? "." : "", s + 1, n - 1 >= 0 ? '+' : '-',
                 abs(n - 1));
  }
  return buf;
}

static void out_of_memory(void) {
  fprintf(stderr, "drizzle-lsp: out of memory building JSON\n");
  abort(); /* the same policy as the arena (arena.h) */
}

/* The text built in o, moved into a. */
static char *finish(sqlite3_str *o, dz_arena *a) {
  if (sqlite3_str_errcode(o) != SQLITE_OK) out_of_memory();
  char *text = dz_arena_strndup(a, sqlite3_str_value(o) ? sqlite3_str_value(o) : "",
                                (size_t)sqlite3_str_length(o));
  sqlite3_free(sqlite3_str_finish(o));
  return text;
}

/* ---- strings ------------------------------------------------------------ */

/* Length of the UTF-8 sequence at s (n bytes left). *ok false: the bytes are
** not valid UTF-8 and the returned length is the maximal invalid subpart,
** which a decoder (like Node's, reading drizzle-kit's input) turns into one
** U+FFFD. */
size_t dz_utf8_sequence(const unsigned char *s, size_t n, bool *ok) {
  unsigned char c = s[0], lo = 0x80, hi = 0xBF;
  size_t need;
  *ok = false;
  if (c < 0x80) need = 0;
  else if (c >= 0xC2 && c <= 0xDF) need = 1;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F; /* no UTF-16 surrogates */
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F; /* nothing past U+10FFFF */
  } else return 1;
  for (size_t i = 1; i <= need; i++) {
    if (i >= n || s[i] < lo || s[i] > hi) return i;
    lo = 0x80;
    hi = 0xBF;
  }
  *ok = true;
  return need + 1;
}

/* JSON.stringify escapes only the quote, the backslash and control
** characters (short forms where JSON has them, else lower-case \u00xx). */
static void put_string(sqlite3_str *o, const char *str, size_t len) {
  const unsigned char *s = (const unsigned char *)str;
  sqlite3_str_appendchar(o, 1, '"');
  for (size_t i = 0; i < len;) {
    unsigned char c = s[i];
    bool ok;
    size_t n = dz_utf8_sequence(s + i, len - i, &ok);
    if (!ok) sqlite3_str_append(o, "\xEF\xBF\xBD", 3);
    else if (c == '"') sqlite3_str_append(o, "\\\"", 2);
    else if (c == '\\') sqlite3_str_append(o, "\\\\", 2);
    else if (c == '\b') sqlite3_str_append(o, "\\b", 2);
    else if (c == '\f') sqlite3_str_append(o, "\\f", 2);
    else if (c == '\n') sqlite3_str_append(o, "\\n", 2);
    else if (c == '\r') sqlite3_str_append(o, "\\r", 2);
    else if (c == '\t') sqlite3_str_append(o, "\\t", 2);
    else if (c < 0x20) sqlite3_str_appendf(o, "\\u%04x", c);
    else sqlite3_str_append(o, (const char *)s + i, (int)n);
    i += n;
  }
  sqlite3_str_appendchar(o, 1, '"');
}

char *dz_json_quote(const char *s, dz_arena *a) {
  sqlite3_str *o = sqlite3_str_new(NULL);
  put_string(o, s ? s : "", s ? strlen(s) : 0);
  return finish(o, a);
}

/* ---- key order ---------------------------------------------------------- */

/* Is key a canonical array index ("0", "42", at most 2^32 - 2)? JavaScript
** objects list such keys first, in numeric order. */
static bool array_index(const char *key, uint32_t *value) {
  if (!key[0] || (key[0] == '0' && key[1]) || strlen(key) > 10) return false;
  uint64_t v = 0;
  for (const char *p = key; *p; p++) {
    if (*p < '0' || *p > '9') return false;
    v = v * 10 + (uint64_t)(*p - '0');
  }
  if (v > 4294967294u) return false;
  *value = (uint32_t)v;
  return true;
}

typedef struct dz_key {
  const char *key;
  uint32_t index;
} dz_key;

static int by_index(const void *x, const void *y) {
  uint32_t a = ((const dz_key *)x)->index, b = ((const dz_key *)y)->index;
  return (a > b) - (a < b);
}

/* The keys of obj in JavaScript's order, in a. */
static const char **js_key_order(const json_t *obj, dz_arena *a) {
  size_t n = json_object_size(obj), ni = 0, no = 0;
  dz_key *indexes = dz_arena_alloc(a, (n + 1) * sizeof *indexes);
  const char **others = dz_arena_alloc(a, (n + 1) * sizeof *others);
  const char *key;
  const json_t *value;
  json_object_foreach((json_t *)obj, key, value) {
    uint32_t v;
    if (array_index(key, &v)) indexes[ni++] = (dz_key){key, v};
    else others[no++] = key;
  }
  qsort(indexes, ni, sizeof *indexes, by_index);
  const char **keys = dz_arena_alloc(a, (n + 1) * sizeof *keys);
  for (size_t i = 0; i < ni; i++) keys[i] = indexes[i].key;
  memcpy(keys + ni, others, no * sizeof *others);
  return keys;
}

/* ---- values ------------------------------------------------------------- */

static void put_value(sqlite3_str *o, const json_t *v, int depth, dz_arena *a);

static void put_newline(sqlite3_str *o, int depth) {
  sqlite3_str_appendchar(o, 1, '\n');
  sqlite3_str_appendchar(o, depth * 2, ' ');
}

static void put_object(sqlite3_str *o, const json_t *v, int depth, dz_arena *a) {
  if (json_object_size(v) == 0) {
    sqlite3_str_append(o, "{}", 2);
    return;
  }
  const char **keys = js_key_order(v, a);
  sqlite3_str_appendchar(o, 1, '{');
  for (size_t i = 0; i < json_object_size(v); i++) {
    if (i) sqlite3_str_appendchar(o, 1, ',');
    put_newline(o, depth + 1);
    put_string(o, keys[i], strlen(keys[i]));
    sqlite3_str_append(o, ": ", 2);
    put_value(o, json_object_get(v, keys[i]), depth + 1, a);
  }
  put_newline(o, depth);
  sqlite3_str_appendchar(o, 1, '}');
}

static void put_array(sqlite3_str *o, const json_t *v, int depth, dz_arena *a) {
  if (json_array_size(v) == 0) {
    sqlite3_str_append(o, "[]", 2);
    return;
  }
  sqlite3_str_appendchar(o, 1, '[');
  for (size_t i = 0; i < json_array_size(v); i++) {
    if (i) sqlite3_str_appendchar(o, 1, ',');
    put_newline(o, depth + 1);
    put_value(o, json_array_get(v, i), depth + 1, a);
  }
  put_newline(o, depth);
  sqlite3_str_appendchar(o, 1, ']');
}

static void put_value(sqlite3_str *o, const json_t *v, int depth, dz_arena *a) {
  char num[DZ_JS_NUMBER_MAX];
  switch (json_typeof(v)) {
    case JSON_OBJECT: put_object(o, v, depth, a); break;
    case JSON_ARRAY: put_array(o, v, depth, a); break;
    case JSON_STRING: put_string(o, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: sqlite3_str_appendf(o, "%lld", (long long)json_integer_value(v)); break;
    case JSON_REAL: sqlite3_str_appendall(o, dz_js_number(json_real_value(v), num)); break;
    case JSON_TRUE: sqlite3_str_append(o, "true", 4); break;
    case JSON_FALSE: sqlite3_str_append(o, "false", 5); break;
    case JSON_NULL: sqlite3_str_append(o, "null", 4); break;
  }
}

json_t *dz_json_put(json_t *obj, const char *key, json_t *value) {
  if (!obj || !value || json_object_set_new_nocheck(obj, key ? key : "", value) != 0)
    out_of_memory();
  return value;
}

json_t *dz_json_append(json_t *arr, json_t *value) {
  if (!arr || !value || json_array_append_new(arr, value) != 0) out_of_memory();
  return value;
}

char *dz_json_stringify(const json_t *v, dz_arena *a) {
  sqlite3_str *o = sqlite3_str_new(NULL);
  put_value(o, v, 0, a);
  return finish(o, a);
}
