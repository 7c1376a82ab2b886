/*
** json.h — JSON the way drizzle-kit (that is, JavaScript) reads and writes
** it, on top of jansson:
**
**   - dz_json_stringify prints a jansson value byte for byte as
**     JSON.stringify(value, null, 2) does (key order, escaping, numbers), so
**     that files we write are the files drizzle-kit would write;
**   - dz_json_load and the dz_jr_* readers parse a file and fetch typed
**     fields, reporting any problem with the file name and the field's path
**     ("tables.users.columns.id.notNull must be a boolean, not a string").
**
** Numbers are parsed as doubles (JSON_DECODE_INT_AS_REAL), as JavaScript
** does, so that integers beyond 64 bits still load.
*/
#ifndef DZ_JSON_H
#define DZ_JSON_H

#include <jansson.h>

#include "drizzle_lsp/model.h"

/* JSON.stringify(v, null, 2) of v, without a final newline, in a. Object keys
** that are array indices ("0", "17") come first in numeric order, then the
** others in insertion order, as JavaScript objects keep them. */
char *dz_json_stringify(const json_t *v, dz_arena *a);

/* obj[key] = value / append value to arr, taking the reference; keys and
** strings are not re-validated (the printer replaces invalid UTF-8 as Node
** would when reading the source). jansson reports allocation failure by
** returning NULL or -1; like the arena, these stop the process rather than
** let a file be written with fields missing. Returns value. */
json_t *dz_json_put(json_t *obj, const char *key, json_t *value);
json_t *dz_json_append(json_t *arr, json_t *value);

/* Length of the UTF-8 sequence at s (n > 0 bytes left). *ok false: the bytes
** are not valid UTF-8 and the length is the maximal invalid subpart, which
** Node's decoder (a Buffer's toString(), TextDecoder) turns into one U+FFFD. */
size_t dz_utf8_sequence(const unsigned char *s, size_t n, bool *ok);

/* s as a JSON string literal, quotes included (for messages and paths). */
char *dz_json_quote(const char *s, dz_arena *a);

/* d as JavaScript prints a number (Number.prototype.toString): "1.5",
** "1e+21", "1e-7", "0" for -0; "null" for NaN and infinities, as
** JSON.stringify writes them. buf must hold DZ_JS_NUMBER_MAX bytes; returns buf. */
#define DZ_JS_NUMBER_MAX 32
char *dz_js_number(double d, char *buf);

/* Parse text (len bytes, UTF-8). Invalid JSON: DZ_ERR_SYNTAX with
** "path:line:column: what". On success *out is a new reference that the
** caller releases with json_decref. */
dz_result dz_json_load(const char *path, const char *text, size_t len, json_t **out,
                       dz_error *err);

/* Where a value sits in the document, as a chain of keys or indexes on the
** caller's stack; printed as tables.users.columns["a.b"].name or entries[2].tag. */
typedef struct dz_jpath {
  const struct dz_jpath *parent;
  const char *key;  /* NULL: this step is an array index */
  size_t index;
} dz_jpath;

/* Everything a reader needs to report an error and keep what it reads. */
typedef struct dz_jreader {
  const char *file;  /* names the file in messages */
  dz_arena *arena;   /* strings read are copied here */
  dz_error *err;
} dz_jreader;

/* Parse text and hand the document to read(r, doc, into); the document is
** released afterwards, so read copies what it keeps (into r->arena). */
typedef dz_result (*dz_jr_document_fn)(const dz_jreader *r, const json_t *doc, void *into);
dz_result dz_jr_document(const char *path, const char *text, size_t len, dz_arena *a,
                         dz_jr_document_fn read, void *into, dz_error *err);

/* Fail with "file: <path> <what>" (what is printf-formatted). */
dz_result dz_jr_fail(const dz_jreader *r, const dz_jpath *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Check that v (at `at`) is an object whose keys are all in the
** NULL-terminated list `allowed`. */
dz_result dz_jr_expect_object(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                              const char *const *allowed);

/* Typed fields of object obj (which is at `at`). A missing field is an error
** when required, otherwise the output is left as it was (so callers preset
** defaults). A field of another type is always an error naming both types. */
dz_result dz_jr_string(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                       const char *key, bool required, const char **out);
dz_result dz_jr_bool(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                     const char *key, bool required, bool *out);
/* A number that must be a whole number within [min, max]. */
dz_result dz_jr_integer(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                        const char *key, int64_t min, int64_t max, int64_t *out);
/* An object or array value (borrowed from obj); NULL when optional and absent. */
dz_result dz_jr_object(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                       const char *key, bool required, const json_t **out);
dz_result dz_jr_array(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                      const char *key, const json_t **out);
/* An array of strings, appended to out (copied into r's arena). */
dz_result dz_jr_strings(const dz_jreader *r, const dz_jpath *at, const json_t *obj,
                        const char *key, dz_strvec *out);

/* "a string", "a number", "an object"... for messages. */
const char *dz_json_type_name(const json_t *v);

#endif /* DZ_JSON_H */
