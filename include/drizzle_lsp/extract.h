/*
** extract.h — from TypeScript schema files to the schema model, statically:
** the tables and views drizzle-kit would find by importing the files, with a
** source span on every element.
**
** Nothing is run. Constructs that cannot be resolved without running code
** are reported as diagnostics naming them (file:line:col), never guessed.
** Broken TypeScript mid-edit still yields every table that parses.
**
** Diagnostic codes: "unresolved-construct" (warning: a column, default,
** constraint, view or export left out, naming what could not be resolved),
** "syntax-error" (warning: a declaration skipped until the file parses),
** "duplicate-table" / "duplicate-column" (warning: two tables, or two
** columns of a table, with one SQL name; drizzle-kit keeps the later one),
** "drizzle-kit-error" (error: a schema drizzle-kit itself would reject, such
** as two unique constraints or checks with one name).
*/
#ifndef DZ_EXTRACT_H
#define DZ_EXTRACT_H

#include <tree_sitter/api.h>

#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/model.h"
#include "drizzle_lsp/project.h"

typedef struct dz_source_file {
  const char *path;  /* absolute; also used to resolve relative imports */
  const char *text;  /* UTF-8, borrowed for the call */
  size_t len;
} dz_source_file;

typedef struct dz_tsconfig dz_tsconfig;

typedef struct dz_extract_options {
  dz_dialect dialect;
  dz_casing casing;
  const dz_tsconfig *tsconfig; /* paths for bare imports (tsconfig.h); NULL: none */
} dz_extract_options;

/* Extract the schema drizzle-kit would see from files, given in the config's
** order. Files imported by these but not in the list are read from disk when
** needed for resolution (shared columns, enum constants) but contribute no
** tables. The schema and diagnostics are allocated in a. Fails only on
** allocation failure or an unreadable import; never on bad TypeScript. */
dz_result dz_extract_schema(const dz_source_file *files, size_t n, const dz_extract_options *opt,
                            dz_arena *a, dz_schema **out, dz_diag_list *diags, dz_error *err);

/* ---- per-file extraction, for the language server ----------------------
** A module is one file indexed once (its text copied, its tree kept); when a
** document changes only its module is rebuilt, then all are linked again,
** which evaluates just what the exports need. */
typedef struct dz_module dz_module;

/* Index one file. tree, if not NULL, is the caller's current parse of exactly
** this text (kept incrementally by the server); it is copied, not taken.
** Otherwise (or if the tree is visibly stale: longer than the text) the
** text is parsed. The caller owns the module: dz_module_free.
** NULL only if tree-sitter gives up (err says so); bad TypeScript is fine. */
dz_module *dz_module_extract(const char *path, const char *text, size_t len, const TSTree *tree,
                             dz_error *err);
void dz_module_free(dz_module *m);

/* Read and index a file from disk; NULL if it cannot be read (err says why). */
dz_module *dz_module_read(const char *path, dz_error *err);

/* Supplies a module imported by the linked ones but not among them, or NULL
** when there is no such file. *owned: true when the link is to free it when
** done (a fresh module), false when the loader keeps it (a cache). */
typedef dz_module *(*dz_module_loader)(void *ctx, const char *path, bool *owned);

/* Reads the file from disk on every call (ctx unused; the link frees it). */
dz_module *dz_module_read_loader(void *ctx, const char *path, bool *owned);

/* Modules read from disk for resolution, kept across links (the language
** server's: it relinks on every edit). dz_module_cache_loader is its loader
** (ctx: the cache). Absent files are remembered too, so the caller calls
** dz_module_cache_forget for every file created, changed or deleted on disk.
** The caller owns the cache; dz_module_cache_free frees its modules. */
typedef struct dz_module_cache dz_module_cache;
dz_module_cache *dz_module_cache_new(void);
void dz_module_cache_free(dz_module_cache *c);
dz_module *dz_module_cache_loader(void *cache, const char *path, bool *owned);
void dz_module_cache_forget(dz_module_cache *c, const char *path);

/* The schema drizzle-kit would see from mods, in the config's order; within
** a module, the order of its CommonJS exports object: its own exports sorted
** by name, then what each `export *` brings, in turn. A table exported twice
** counts once; two tables with one SQL name: the later wins, in place.
** Spans index schema->files: the linked modules' paths first, in order, then
** any imported file read for resolution. Schema and diagnostics go in a. */
dz_result dz_schema_link(dz_module *const *mods, size_t n, const dz_extract_options *opt,
                         dz_module_loader load, void *load_ctx, dz_arena *a, dz_schema **out,
                         dz_diag_list *diags, dz_error *err);

#endif /* DZ_EXTRACT_H */
