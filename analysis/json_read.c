/*
** json_read.c — loading JSON files and reading typed fields with messages
** that name the file and the field's path (json.h), so that a hand-edited or
** corrupt snapshot or journal says exactly what to fix.
*/
#include "drizzle_lsp/json.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

dz_result dz_json_load(const char *path, const char *text, size_t len, json_t **out,
                       dz_error *err) {
  json_error_t jerr;
  *out = json_loadb(text, len, JSON_DECODE_INT_AS_REAL, &jerr);
  if (*out) return DZ_OK;
  /* jansson's wording for these names its own flags or bytes; say what the
  ** user can look for instead. */
  const char *what = jerr.text;
  if (json_error_code(&jerr) == json_error_null_character)
    what = "a string contains \\u0000 (NUL), which drizzle-lsp does not support";
  else if (json_error_code(&jerr) == json_error_invalid_utf8)
    what = "the file is not valid UTF-8 here";
  return dz_error_set(err, DZ_ERR_SYNTAX, "%s:%d:%d: invalid JSON: %s", path, jerr.line,
                      jerr.column, what);
}

dz_result dz_jr_document(const char *path, const char *text, size_t len, dz_arena *a,
                         dz_jr_document_fn read, void *into, dz_error *err) {
  json_t *doc;
  dz_result rc = dz_json_load(path, text, len, &doc, err);
  if (rc != DZ_OK) return rc;
  dz_jreader r = {path, a, err};
  rc = read(&r, doc, into);
  json_decref(doc);
  return rc;
}

const char *dz_json_type_name(const json_t *v) {
  switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
  }
  return "a value";
}

/* ---- field paths -------------------------------------------------------- */

static bool identifier_like(const char *key) {
  if (!key[0] || isdigit((unsigned char)key[0])) return false;
  for (const char *p = key; *p; p++)
    if (!isalnum((unsigned char)*p) && *p != '_' && *p != '$') return false;
  return true;
}

/* The path as text: tables.users.columns["a.b"] or entries[2].tag. */
static const char *path_text(const dz_jpath *p, dz_arena *a) {
  if (!p) return "";
  const char *parent = path_text(p->parent, a);
  if (!p->key) return dz_arena_printf(a, "%s[%zu]", parent, p->index);
  if (identifier_like(p->key)) return dz_arena_printf(a, "%s%s%s", parent, *parent ? "." : "", p->key);
  return dz_arena_printf(a, "%s[%s]", parent, dz_json_quote(p->key, a));
}

dz_result dz_jr_fail(const dz_jreader *r, const dz_jpath *at, const char *fmt, ...) {
  char what[DZ_ERROR_MAX];
  const char *path = path_text(at, r->arena);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  return dz_error_set(r->err, DZ_ERR_SYNTAX, "%s: %s %s", r->file, path[0] ? path : "the document",
                      what);
}

/* ---- typed fields ------------------------------------------------------- */

dz_result dz_jr_expect_object(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                              const char *const *allowed) {
  if (!json_is_object(v)) return dz_jr_fail(r, at, "must be an object, not %s", dz_json_type_name(v));
  const char *key;
  const json_t *value;
  json_object_foreach((json_t *)v, key, value) {
    const char *const *a = allowed;
    while (*a && strcmp(*a, key) != 0) a++;
    if (!*a) return dz_jr_fail(r, at, "has an unknown field %s", dz_json_quote(key, r->arena));
  }
  return DZ_OK;
}

/* The field key of obj, checked against `is_type`; *out NULL when it is
** absent and not required. */
static dz_result field(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                       const char *key, bool required, int (*is_type)(const json_t *),
                       const char *type_name, const json_t **out) {
  dz_jpath here = {at, key, 0};
  *out = json_object_get(obj, key);
  if (!*out) return required ? dz_jr_fail(r, &here, "is missing") : DZ_OK;
  if (!is_type(*out))
    return dz_jr_fail(r, &here, "must be %s, not %s", type_name, dz_json_type_name(*out));
  return DZ_OK;
}

static int is_string(const json_t *v) { return json_is_string(v); }
static int is_boolean(const json_t *v) { return json_is_boolean(v); }
static int is_number(const json_t *v) { return json_is_number(v); }
static int is_object(const json_t *v) { return json_is_object(v); }
static int is_array(const json_t *v) { return json_is_array(v); }

dz_result dz_jr_string(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                       const char *key, bool required, const char **out) {
  const json_t *v;
  dz_result rc = field(r, at, obj, key, required, is_string, "a string", &v);
  if (rc == DZ_OK && v) *out = dz_arena_strdup(r->arena, json_string_value(v));
  return rc;
}

dz_result dz_jr_bool(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                     const char *key, bool required, bool *out) {
  const json_t *v;
  dz_result rc = field(r, at, obj, key, required, is_boolean, "a boolean", &v);
  if (rc == DZ_OK && v) *out = json_is_true(v);
  return rc;
}

dz_result dz_jr_integer(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                        const char *key, int64_t min, int64_t max, int64_t *out) {
  const json_t *v;
  dz_result rc = field(r, at, obj, key, true, is_number, "a number", &v);
  if (rc != DZ_OK) return rc;
  double d = json_number_value(v);
  dz_jpath here = {at, key, 0};
  if (d != floor(d) || d < (double)min || d > (double)max)
    return dz_jr_fail(r, &here, "must be a whole number from %lld to %lld", (long long)min,
                      (long long)max);
  *out = (int64_t)d;
  return DZ_OK;
}

dz_result dz_jr_object(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                       const char *key, bool required, const json_t **out) {
  return field(r, at, obj, key, required, is_object, "an object", out);
}

dz_result dz_jr_array(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                      const char *key, const json_t **out) {
  return field(r, at, obj, key, true, is_array, "an array", out);
}

dz_result dz_jr_strings(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                        const char *key, dz_strvec *out) {
  const json_t *arr;
  dz_result rc = dz_jr_array(r, at, obj, key, &arr);
  if (rc != DZ_OK) return rc;
  dz_jpath here = {at, key, 0};
  for (size_t i = 0; i < json_array_size(arr); i++) {
    const json_t *v = json_array_get(arr, i);
    dz_jpath item = {&here, NULL, i};
    if (!json_is_string(v))
      return dz_jr_fail(r, &item, "must be a string, not %s", dz_json_type_name(v));
    dz_vec_push(r->arena, out, dz_arena_strdup(r->arena, json_string_value(v)));
  }
  return DZ_OK;
}
