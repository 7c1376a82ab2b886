/*
** config_json.c — drizzle.config.json turned into the same value tree as a
** TypeScript config (config_value.h). jansson gives no positions for
** values, so only syntax errors carry a line:column.
*/
#include "drizzle_lsp/config_value.h"

#include <jansson.h>
#include <string.h>

static dz_cv *json_to_value(dz_arena *a, json_t *j) {
  dz_cv *v = dz_arena_alloc(a, sizeof *v);
  switch (json_typeof(j)) {
    case JSON_STRING:
      v->kind = DZ_CV_STRING;
      v->text = dz_arena_strndup(a, json_string_value(j), json_string_length(j));
      break;
    case JSON_TRUE:
    case JSON_FALSE:
      v->kind = DZ_CV_BOOL;
      v->boolean = json_is_true(j);
      break;
    case JSON_INTEGER:
      v->kind = DZ_CV_NUMBER;
      v->text = dz_arena_printf(a, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
      break;
    case JSON_REAL:
      v->kind = DZ_CV_NUMBER;
      v->text = dz_arena_printf(a, "%.17g", json_real_value(j));
      break;
    case JSON_NULL:
      v->kind = DZ_CV_NULL;
      break;
    case JSON_ARRAY:
      v->kind = DZ_CV_ARRAY;
      v->items = dz_arena_alloc(a, (json_array_size(j) + 1) * sizeof *v->items);
      for (size_t i = 0; i < json_array_size(j); i++)
        v->items[v->len++] = json_to_value(a, json_array_get(j, i));
      break;
    case JSON_OBJECT: {
      v->kind = DZ_CV_OBJECT;
      size_t n = json_object_size(j) + 1;
      v->keys = dz_arena_alloc(a, n * sizeof *v->keys);
      v->items = dz_arena_alloc(a, n * sizeof *v->items);
      const char *key;
      json_t *val;
      json_object_foreach(j, key, val) {
        v->keys[v->len] = dz_arena_strdup(a, key);
        v->items[v->len++] = json_to_value(a, val);
      }
      break;
    }
  }
  return v;
}

dz_result dz_config_read_json(const char *path, const char *text, size_t len, dz_arena *a,
                              dz_cv **out, dz_error *err) {
  json_error_t je;
  json_t *root = json_loadb(text, len, 0, &je);
  if (!root)
    return dz_error_set(err, DZ_ERR_CONFIG, "%s:%d:%d: invalid JSON: %s", path, je.line,
                        je.column, je.text);
  dz_result rc = DZ_OK;
  if (!json_is_object(root))
    rc = dz_error_set(err, DZ_ERR_CONFIG, "%s: the JSON config must be an object "
                      "({ \"dialect\": ..., \"schema\": ... })", path);
  else
    *out = json_to_value(a, root);
  json_decref(root);
  return rc;
}
