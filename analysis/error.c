/*
** error.c — the dz_error record: how every module reports a failure with a
** message the user can act on.
*/
#include "drizzle_lsp/common.h"

#include <stdio.h>
#include <string.h>

dz_result dz_error_setv(dz_error *err, dz_result code, const char *fmt, va_list ap) {
  if (err) {
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
  }
  return code;
}

dz_result dz_error_set(dz_error *err, dz_result code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  dz_error_setv(err, code, fmt, ap);
  va_end(ap);
  return code;
}

void dz_error_clear(dz_error *err) {
  if (err) {
    err->code = DZ_OK;
    err->message[0] = '\0';
  }
}

const char *dz_result_name(dz_result code) {
  switch (code) {
    case DZ_OK: return "ok";
    case DZ_ERR_NOMEM: return "out of memory";
    case DZ_ERR_IO: return "io";
    case DZ_ERR_NOT_FOUND: return "not found";
    case DZ_ERR_SYNTAX: return "syntax";
    case DZ_ERR_CONFIG: return "config";
    case DZ_ERR_UNSUPPORTED: return "unsupported";
    case DZ_ERR_INCONSISTENT: return "inconsistent";
    case DZ_ERR_USAGE: return "usage";
    case DZ_ERR_SQLITE: return "sqlite";
    case DZ_ERR_VERIFY: return "verify";
    case DZ_ERR_AMBIGUOUS: return "ambiguous";
  }
  return "unknown";
}
