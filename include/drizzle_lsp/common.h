/*
** common.h — result codes, the error record and the ownership rule that every
** dz_ function in analysis/ and server/ follows.
**
** OWNERSHIP (the one rule):
**   - A function that takes a `dz_arena *` allocates everything it returns in
**     that arena. Such values live exactly as long as the arena; they are never
**     freed one by one. Callers that need a value beyond the arena copy it.
**   - A function named dz_X_new / dz_X_open returns an object the caller owns
**     and releases with the matching dz_X_free / dz_X_close. Nothing else is
**     ever owned by the caller.
**   - Input pointers (`const`) are borrowed for the duration of the call only;
**     functions copy what they keep.
**
** ERRORS: fallible functions return a dz_result and, when it is not DZ_OK,
** fill the caller's dz_error (which may be NULL) with a message a user can act
** on: it names the file (and line:column where there is one) and says what to
** change. Messages never end with a newline.
*/
#ifndef DZ_COMMON_H
#define DZ_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum dz_result {
  DZ_OK = 0,
  DZ_ERR_NOMEM,        /* an allocation failed */
  DZ_ERR_IO,           /* reading or writing a file failed */
  DZ_ERR_NOT_FOUND,    /* a file, table, column or key that must exist does not */
  DZ_ERR_SYNTAX,       /* input (TypeScript, JSON, SQL, JSON-RPC) is malformed */
  DZ_ERR_CONFIG,       /* drizzle.config.* is missing a field or has a bad value */
  DZ_ERR_UNSUPPORTED,  /* valid input that drizzle-lsp does not handle yet */
  DZ_ERR_INCONSISTENT, /* a migrations folder whose files disagree */
  DZ_ERR_USAGE,        /* bad command-line arguments */
  DZ_ERR_SQLITE,       /* sqlite3 reported an error */
  DZ_ERR_VERIFY,       /* a verification found a mismatch */
  DZ_ERR_AMBIGUOUS     /* a decision (e.g. rename or drop+add) must be made by the user */
} dz_result;

#define DZ_ERROR_MAX 1024

typedef struct dz_error {
  dz_result code;
  char message[DZ_ERROR_MAX];
} dz_error;

/* Fill err (if not NULL) with code and a printf-style message; returns code so
** that callers can write `return dz_error_set(err, DZ_ERR_IO, "...", ...)`. */
dz_result dz_error_set(dz_error *err, dz_result code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
dz_result dz_error_setv(dz_error *err, dz_result code, const char *fmt, va_list ap);

/* Clear err to DZ_OK with an empty message. */
void dz_error_clear(dz_error *err);

/* A short stable name for a result code ("io", "syntax", ...). */
const char *dz_result_name(dz_result code);

#endif /* DZ_COMMON_H */
