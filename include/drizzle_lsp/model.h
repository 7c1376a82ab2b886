/*
** model.h — the schema model: what drizzle-kit stores in a SQLite snapshot
** (version "6"), field for field, plus a source span on everything that came
** from TypeScript so that findings can point at the code.
**
** The same model is built by extract (from schema files) and by snapshot
** (from <out>/meta/NNNN_snapshot.json); diff compares two of them. All of it
** lives in the dz_schema's arena (see common.h for the ownership rule).
**
** Order matters: tables, columns, indexes and the rest are kept in the order
** drizzle-kit writes them into the snapshot, so that writing a model back out
** reproduces drizzle-kit's file byte for byte.
*/
#ifndef DZ_MODEL_H
#define DZ_MODEL_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"

typedef enum dz_dialect { DZ_DIALECT_SQLITE, DZ_DIALECT_TURSO } dz_dialect;

/* A position in a source file: zero-based row, and byte column within it. */
typedef struct dz_point {
  uint32_t row, column;
} dz_point;

/* A range in one of the schema's source files. file is an index into
** dz_schema.files; a span whose end_byte is 0 and file is DZ_NO_FILE did not
** come from source (it was read from a snapshot). */
#define DZ_NO_FILE UINT32_MAX
typedef struct dz_span {
  uint32_t file;
  uint32_t start_byte, end_byte;
  dz_point start, end;
} dz_span;

typedef DZ_VEC(const char *) dz_strvec;

/* drizzle-kit keeps a default's JSON type in the snapshot. text is exactly
** what appears there: for DZ_DEFAULT_SQL the SQL text of the JSON string
** ("'a''b'", "(unixepoch())"), for NUMBER the JSON number ("0", "1.5"), for
** BOOL "true" or "false". */
typedef enum dz_default_kind {
  DZ_DEFAULT_NONE,
  DZ_DEFAULT_SQL,
  DZ_DEFAULT_NUMBER,
  DZ_DEFAULT_BOOL
} dz_default_kind;

typedef struct dz_default {
  dz_default_kind kind;
  const char *text;
} dz_default;

typedef enum dz_generated_kind {
  DZ_GENERATED_NONE,
  DZ_GENERATED_STORED,
  DZ_GENERATED_VIRTUAL
} dz_generated_kind;

typedef struct dz_column {
  const char *name;  /* SQL name (after casing) */
  const char *type;  /* "integer", "text", "real", "blob", "numeric" or a custom type's SQL */
  bool primary_key;
  bool not_null;
  bool autoincrement;
  dz_default def;
  dz_generated_kind generated;
  const char *generated_as; /* the snapshot's generated.as, e.g. "(\"a\" || 'x')" */
  const char *key;          /* the TypeScript property key; NULL from a snapshot */
  const char *mode;         /* the builder's config.mode ("timestamp", "json", ...): not in
                            ** the snapshot, but it decides what drizzle-orm stores (a Date
                            ** default's SQL). NULL when none given or read from a snapshot */
  dz_span span;             /* the whole `key: builder(...)...` property */
} dz_column;

typedef struct dz_index {
  const char *name;
  dz_strvec columns;        /* column names, or SQL text where expression[i] */
  DZ_VEC(bool) expression;  /* parallel to columns: true for an expression part */
  bool unique;
  const char *where;        /* SQL of .where(...), or NULL */
  dz_span span;
} dz_index;

typedef struct dz_foreign_key {
  const char *name;
  const char *table_from;
  const char *table_to;
  dz_strvec columns_from;
  dz_strvec columns_to;
  const char *on_delete;    /* "no action", "cascade", ... as the snapshot spells it */
  const char *on_update;
  dz_span span;
} dz_foreign_key;

typedef struct dz_primary_key { /* a composite primary key */
  const char *name;
  dz_strvec columns;
  dz_span span;
} dz_primary_key;

typedef struct dz_unique {    /* a unique constraint (drizzle-kit's uniqueConstraints) */
  const char *name;
  dz_strvec columns;
  dz_span span;
} dz_unique;

typedef struct dz_check {
  const char *name;
  const char *value;          /* the SQL of the check */
  dz_span span;
} dz_check;

typedef struct dz_table {
  const char *name;           /* SQL name */
  const char *export_name;    /* the exported binding; NULL from a snapshot */
  DZ_VEC(dz_column *) columns;
  DZ_VEC(dz_index *) indexes;
  DZ_VEC(dz_foreign_key *) foreign_keys;
  DZ_VEC(dz_primary_key *) primary_keys;
  DZ_VEC(dz_unique *) uniques;
  DZ_VEC(dz_check *) checks;
  dz_span span;               /* the sqliteTable(...) call */
  dz_span name_span;          /* the table-name argument (or the binding) */
} dz_table;

typedef struct dz_view {
  const char *name;
  DZ_VEC(dz_column *) columns;
  bool is_existing;
  const char *definition;     /* NULL for an existing view */
  dz_span span;
} dz_view;

/* A rename recorded in the snapshot's _meta, e.g. from "\"users\".\"name\"" to
** "\"users\".\"full_name\"" (drizzle-kit's own quoting). */
typedef struct dz_rename {
  const char *from;
  const char *to;
} dz_rename;

typedef struct dz_schema {
  dz_arena *arena;            /* owns everything below; not owned by the schema */
  dz_dialect dialect;
  const char *id;             /* snapshot id / prevId; NULL when extracted */
  const char *prev_id;
  DZ_VEC(dz_table *) tables;
  DZ_VEC(dz_view *) views;
  DZ_VEC(dz_rename) renamed_tables;
  DZ_VEC(dz_rename) renamed_columns;
  dz_strvec files;            /* source paths that spans index into */
} dz_schema;

/* A new empty schema in arena a. */
dz_schema *dz_schema_new(dz_arena *a, dz_dialect dialect);

/* Add a new zeroed element to its parent and return it; name is copied. */
dz_table *dz_schema_add_table(dz_schema *s, const char *name);
dz_view *dz_schema_add_view(dz_schema *s, const char *name);
dz_column *dz_table_add_column(dz_schema *s, dz_table *t, const char *name);
dz_index *dz_table_add_index(dz_schema *s, dz_table *t, const char *name);
dz_foreign_key *dz_table_add_foreign_key(dz_schema *s, dz_table *t, const char *name);
dz_primary_key *dz_table_add_primary_key(dz_schema *s, dz_table *t, const char *name);
dz_unique *dz_table_add_unique(dz_schema *s, dz_table *t, const char *name);
dz_check *dz_table_add_check(dz_schema *s, dz_table *t, const char *name);
dz_column *dz_view_add_column(dz_schema *s, dz_view *v, const char *name);

/* Look-ups by SQL name; NULL when absent. */
dz_table *dz_schema_find_table(const dz_schema *s, const char *name);
dz_view *dz_schema_find_view(const dz_schema *s, const char *name);
dz_column *dz_table_find_column(const dz_table *t, const char *name);
dz_index *dz_table_find_index(const dz_table *t, const char *name);

/* Append a copy of str to a string vector in s's arena. */
void dz_strvec_push(dz_schema *s, dz_strvec *v, const char *str);

/* A span that came from no source file. */
dz_span dz_span_none(void);

#endif /* DZ_MODEL_H */
