/*
** module.h — the per-file index resolve.c evaluates: top-level bindings,
** imports, exports and the problems (syntax errors) found while indexing.
** Public API is in resolve.h; this header is the module's inside, shared by
** module.c and resolve.c only.
*/
#ifndef DZ_MODULE_H
#define DZ_MODULE_H

#include "drizzle_lsp/resolve.h"
#include "drizzle_lsp/tsids.h"

typedef struct dz_binding {
  const char *name;
  TSNode node;        /* the initializer expression, or a function_declaration */
  const char *key;    /* `const { key: name } = node`; NULL for a plain binding */
} dz_binding;

typedef struct dz_import {
  const char *local;
  const char *source;   /* the module specifier as written */
  const char *imported; /* a name, "default" or "*" */
} dz_import;

typedef struct dz_export {
  const char *exported;
  const char *local;    /* a binding name; with source, the name in that module or "*" */
  const char *source;   /* NULL: a local binding */
  TSNode node;
} dz_export;

typedef struct dz_problem {
  TSNode node;
  const char *code;     /* a diag.h code: "syntax-error", "invalid-utf8" */
  const char *message;
} dz_problem;

/* Children already looked up (module_children.c), by node and field. */
typedef struct dz_walk_entry {
  struct dz_walk_entry *next; /* in the same bucket */
  const void *id;       /* the node's TSNode.id */
  uint32_t start;       /* its start byte */
  TSFieldId field;      /* 0: its named children; else that field's child */
  size_t len;
  TSNode *items;        /* in the module's arena (a field: one node) */
} dz_walk_entry;

typedef struct dz_walk_memo {
  dz_walk_entry **buckets; /* cap of them, a power of two; none until the first */
  size_t cap, used;
  unsigned links;          /* links the module took part in; kept from the second */
} dz_walk_memo;

struct dz_module {
  dz_arena *arena;      /* owns the module and everything below */
  char *path;
  char *text;
  size_t len;
  TSTree *tree;
  dz_tsids ids;
  TSTreeCursor cursor;  /* the one cursor indexing walks with (deleted after) */
  DZ_VEC(dz_binding) bindings;
  DZ_VEC(dz_import) imports;
  DZ_VEC(dz_export) exports;
  DZ_VEC(const char *) star_sources; /* export * from "x" */
  DZ_VEC(dz_problem) problems;
  dz_walk_memo *walked; /* the tree never changes, so these hold as long as m */
};

/* The named children of n, comments left out, as dz_ts_children walks them
** with c; for a node of m's tree walked only the first time and kept in m
** (*out borrowed from m, read only) once m is in its second link (see
** dz_module_linked), for any other node walked into a.
** Returns how many. */
size_t dz_module_children(const dz_module *m, TSTreeCursor *c, TSNode n, dz_arena *a, TSNode **out);
/* ts_node_child_by_field_id(n, field), for a node of m's tree looked up
** only the first time and kept in m. */
TSNode dz_module_field(const dz_module *m, TSNode n, TSFieldId field);
/* m takes part in one more link. Nothing is kept during a module's first
** link: a module linked once (the CLI's) would only pay for keeping it. */
void dz_module_linked(dz_module *m);

/* The source text of n, copied into a. */
char *dz_module_node_text(const dz_module *m, dz_arena *a, TSNode n);
/* The value of a string literal node, escapes decoded, in a. */
char *dz_module_string_value(const dz_module *m, dz_arena *a, TSNode n);
/* The value of the text [from, to) between a template's delimiters
** (escapes decoded), in a; from must be past the opening backtick. */
char *dz_module_template_part(const dz_module *m, dz_arena *a, uint32_t from, uint32_t to);

#endif /* DZ_MODULE_H */
