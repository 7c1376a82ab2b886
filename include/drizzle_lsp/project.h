/*
** project.h — a Drizzle project as drizzle-kit sees it: drizzle.config.* read
** statically (never run), the schema files its globs select, and the schema
** model extracted from them.
*/
#ifndef DZ_PROJECT_H
#define DZ_PROJECT_H

#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/model.h"

typedef enum dz_casing { DZ_CASING_NONE, DZ_CASING_CAMEL, DZ_CASING_SNAKE } dz_casing;

typedef struct dz_config {
  const char *path;              /* absolute path of the config file */
  const char *dir;               /* its directory; schema and out are relative to it */
  dz_dialect dialect;            /* "sqlite" or "turso" */
  dz_strvec schema;              /* the schema patterns as written (files, dirs, globs) */
  const char *out;               /* as written; default "drizzle" */
  dz_casing casing;
  bool breakpoints;              /* default true */
  const char *db_url;            /* dbCredentials.url (or its literal fallback); NULL if none */
  const char *migrations_table;  /* default "__drizzle_migrations" */
  const char *migrations_prefix; /* default "index" */
} dz_config;

/* Find and read a config. path NULL: look in cwd for drizzle.config.ts, then
** .js, .mjs, .json. A missing file, a syntax error, a missing or unsupported
** field: DZ_ERR_CONFIG (or DZ_ERR_NOT_FOUND / DZ_ERR_UNSUPPORTED) with a
** message naming the file and line:column. */
dz_result dz_config_load(const char *path, const char *cwd, dz_arena *a, dz_config **out,
                         dz_error *err);

/* Read config text already in memory (an open editor buffer); path names it
** in messages and anchors relative paths. */
dz_result dz_config_parse(const char *path, const char *text, size_t len, dz_arena *a,
                          dz_config **out, dz_error *err);

/* The schema files the config selects, as absolute paths, in the order
** drizzle-kit loads them (which decides the snapshot's table order). */
dz_result dz_config_schema_files(const dz_config *c, dz_arena *a, dz_strvec *files,
                                 dz_error *err);

/* The migrations folder: <dir>/<out>, absolute. */
const char *dz_config_out_dir(const dz_config *c, dz_arena *a);

/* The database file of dbCredentials.url ("file:x", or a plain path),
** absolute, in a; NULL for remote URLs (libsql://, http://), ":memory:" or
** none. Whether the file exists is the caller's question. */
const char *dz_config_db_path(const dz_config *c, dz_arena *a);

/* Read the selected schema files from disk and extract the schema. Problems
** inside files (broken TypeScript, unresolvable constructs) go to diags; an
** unreadable file is an error. */
dz_result dz_project_read_schema(const dz_config *c, dz_arena *a, dz_schema **out,
                                 dz_diag_list *diags, dz_error *err);

#endif /* DZ_PROJECT_H */
