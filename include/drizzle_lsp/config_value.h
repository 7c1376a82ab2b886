/*
** config_value.h — internal to the config reader: the literal value tree that
** both drizzle.config.ts/.js/.mjs (read statically with tree-sitter) and
** drizzle.config.json (jansson) are turned into, so that the fields are
** checked by one piece of code whatever the file's language.
*/
#ifndef DZ_CONFIG_VALUE_H
#define DZ_CONFIG_VALUE_H

#include "drizzle_lsp/model.h"

typedef enum dz_cv_kind {
  DZ_CV_STRING,
  DZ_CV_BOOL,
  DZ_CV_NUMBER,
  DZ_CV_NULL,   /* null or undefined */
  DZ_CV_ARRAY,
  DZ_CV_OBJECT,
  DZ_CV_DYNAMIC /* not a literal: known only when the config runs */
} dz_cv_kind;

typedef struct dz_cv dz_cv;
struct dz_cv {
  dz_cv_kind kind;
  const char *text;   /* STRING: the decoded value; NUMBER: as written;
                      ** DYNAMIC: the source text (shortened) for messages */
  bool boolean;
  uint32_t line, col; /* 1-based; 0 when the source gives no position (JSON) */
  size_t len;         /* ARRAY items / OBJECT members */
  const char **keys;  /* OBJECT: member names, in source order */
  dz_cv **items;      /* ARRAY items / OBJECT values */
  dz_cv *fallback;    /* DYNAMIC `process.env.X ?? "lit"` (or ||): the literal */
};

/* The member named key (the last one, as in JavaScript), or NULL. */
const dz_cv *dz_cv_get(const dz_cv *obj, const char *key);

/* The config object of a TypeScript or JavaScript config (its default export
** or module.exports), as a value tree in a. Errors name path and line:col. */
dz_result dz_config_read_ts(const char *path, const char *text, size_t len, dz_arena *a,
                            dz_cv **out, dz_error *err);

/* The top-level object of a JSON config, as a value tree in a. */
dz_result dz_config_read_json(const char *path, const char *text, size_t len, dz_arena *a,
                              dz_cv **out, dz_error *err);

#endif /* DZ_CONFIG_VALUE_H */
