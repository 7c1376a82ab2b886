/*
** tsconfig.h — the tsconfig.json `paths` (and `baseUrl`) that drizzle-kit
** applies to schema imports (`import { users } from "@/db/schema"`), read the
** way it reads them (tsx + get-tsconfig; docs/drizzle-kit-facts.md): one
** tsconfig for the whole run, the nearest from the working directory up,
** JSONC, `extends` chains merged, then TypeScript's pattern matching. The
** result is a list of candidate paths; resolve.c probes each like a relative
** import.
*/
#ifndef DZ_TSCONFIG_H
#define DZ_TSCONFIG_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"
#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/model.h"

/* One `paths` key: "prefix*suffix", or an exact specifier (suffix NULL). */
typedef struct dz_tspattern {
  const char *prefix;
  const char *suffix;
  dz_strvec targets;    /* absolute paths, each with at most one '*', in order */
} dz_tspattern;

typedef struct dz_tsconfig {
  const char *path;     /* the tsconfig.json that was found (absolute) */
  const char *base_url; /* absolute; NULL when no file of the chain sets it */
  DZ_VEC(dz_tspattern) patterns; /* in the order written */
  dz_strvec files;      /* every file read: path, then what it extends */
} dz_tsconfig;

/* JSONC text as JSON of the same length: comments and trailing commas become
** spaces (newlines kept), so that a JSON parser's line:column still points
** into the original. Strings are copied untouched. In a, NUL-terminated. */
char *dz_jsonc_strip(dz_arena *a, const char *text, size_t len);

/* Read the tsconfig at path (absolute) with its `extends` chain. A file that
** cannot be read or parsed, a missing extended file, a cycle, or `paths`
** drizzle-kit rejects: an error naming the file (line:column for syntax
** errors) and *bad set to that file's path (in a). *out lives in a. */
dz_result dz_tsconfig_load(const char *path, dz_arena *a, dz_tsconfig **out, const char **bad,
                           dz_error *err);

/* The tsconfig.json nearest to dir (absolute) or above it, loaded as
** dz_tsconfig_load does; DZ_OK with *out NULL when there is none. */
dz_result dz_tsconfig_find(const char *dir, dz_arena *a, dz_tsconfig **out, const char **bad,
                           dz_error *err);

/* The paths a bare specifier may name through tc, to try in order (each as a
** relative import would be: extensions, index files); none when no pattern
** matches and there is no baseUrl. Appended to out, in a. */
void dz_tsconfig_candidates(const dz_tsconfig *tc, const char *spec, dz_arena *a, dz_strvec *out);

/* Report a tsconfig that could not be used (err from dz_tsconfig_find) as a
** "tsconfig-unusable" warning on file bad, which is added to s->files. */
void dz_tsconfig_warn(dz_schema *s, dz_diag_list *diags, const char *bad, const dz_error *err);

#endif /* DZ_TSCONFIG_H */
