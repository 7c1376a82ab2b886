/*
** resolve.h — a small static evaluator for the subset of TypeScript that
** Drizzle schemas are written in: consts, object and array literals, spreads,
** helper functions, imports and re-exports across files, template strings,
** and the drizzle-orm builders themselves (sqliteTable, text(), index(), sql``).
**
** Nothing is run: every expression becomes a dz_value; what cannot be known
** statically becomes DZ_V_UNKNOWN carrying the node and a reason, so that
** extract.c can name the construct in a diagnostic when (and only when) it
** matters for the snapshot.
**
** A dz_module (one file: its text, tree and top-level bindings) is built once
** per file and kept by the caller; dz_eval is one link over a set of modules,
** whose values live in the evaluation's arena. resolve.c holds modules and
** scopes, eval.c expressions, values.c values, builders.c drizzle-orm.
*/
#ifndef DZ_RESOLVE_H
#define DZ_RESOLVE_H

#include <tree_sitter/api.h>

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"
#include "drizzle_lsp/diag.h"
#include "drizzle_lsp/extract.h"

typedef struct dz_value dz_value;
typedef struct dz_eval dz_eval;

typedef enum dz_vkind {
  DZ_V_UNKNOWN,   /* str: why; node: where */
  DZ_V_UNDEFINED,
  DZ_V_NULL,
  DZ_V_BOOL,      /* b */
  DZ_V_NUMBER,    /* num */
  DZ_V_BIGINT,    /* str: digits */
  DZ_V_STRING,    /* str, len */
  DZ_V_DATE,      /* num: ms since the epoch */
  DZ_V_ARRAY,     /* items */
  DZ_V_OBJECT,    /* keys/items, JavaScript property order */
  DZ_V_FUNCTION,  /* node: the function; env: its closure; mod: its file */
  DZ_V_BUILTIN,   /* str: a drizzle-orm or global function ("text", "sql.raw", "Object.values") */
  DZ_V_METHOD,    /* self.str: method name bound to self (the receiver) */
  DZ_V_NAMESPACE, /* target: module, or NULL for drizzle-orm's exports */
  DZ_V_SQL,       /* items: chunks (DZ_V_RAW text, or any value); b: .inlineParams() */
  DZ_V_RAW,       /* str: SQL text inlined as is */
  DZ_V_COLUMN_BUILDER, /* col */
  DZ_V_TABLE,     /* table */
  DZ_V_COLUMN,    /* table, index: a built column (t.id) */
  DZ_V_CONSTRAINT,/* extra: index/unique/pk/fk/check builders */
  DZ_V_VIEW,      /* view */
  DZ_V_VIEW_BUILDER,/* view: sqliteView(name, cols?) before .as()/.existing() */
  DZ_V_PARAM,     /* self: a value bound to column (table, index), as drizzle's
                     bindIfParam: `?`, or inlined through the column's encoder */
  DZ_V_QUERY      /* query: a view's query builder (qb) or a select built with it */
} dz_vkind;

typedef struct dz_fkref {
  dz_value *ref;          /* the () => table.col function */
  const char *on_delete, *on_update;
} dz_fkref;

/* A column builder, as drizzle-orm's ColumnBuilder config. Copied on every
** modifier so that a builder shared by two tables is never changed. */
typedef struct dz_colbuilder {
  const char *name;       /* NULL: the key becomes the name (keyAsName) */
  const char *type;       /* getSQLType() */
  const char *mode;       /* config.mode ("boolean", "json", ...); NULL: none */
  bool custom;            /* customType(): its toDriver is not evaluated */
  bool is_integer;        /* SQLiteBaseInteger: may autoincrement */
  bool not_null, primary_key, autoincrement, unique;
  const char *unique_name;
  dz_value *def;          /* .default(v); NULL when none */
  dz_value *generated;    /* .generatedAlwaysAs(as) */
  const char *generated_mode;
  DZ_VEC(dz_fkref) refs;
} dz_colbuilder;

typedef struct dz_tablev {
  const char *name;       /* full SQL name (after a table creator) */
  dz_value *columns;      /* DZ_V_OBJECT of column builders */
  dz_value *extra;        /* the extra-config argument, or NULL */
  const dz_module *mod;
  TSNode node, name_node;
  void *model;            /* the dz_table built for it, once built */
  const char *alias_of;   /* alias(table, name): the aliased table's SQL name */
} dz_tablev;

typedef enum dz_constraint_kind {
  DZ_C_INDEX, DZ_C_UNIQUE, DZ_C_PRIMARY_KEY, DZ_C_FOREIGN_KEY, DZ_C_CHECK
} dz_constraint_kind;

typedef struct dz_constraintv {
  dz_constraint_kind kind;
  const char *name;        /* NULL: generated */
  bool unique;             /* uniqueIndex */
  bool has_on;             /* index/unique: .on(...) was called */
  dz_value *columns;       /* DZ_V_ARRAY */
  dz_value *foreign;       /* fk foreignColumns (DZ_V_ARRAY) */
  dz_value *where;         /* index .where(sql) */
  dz_value *check;         /* check's sql */
  const char *on_delete, *on_update;
} dz_constraintv;

typedef struct dz_queryv {
  bool is_select;          /* false: the bare qb, before .select() */
  bool distinct;
  dz_value *fields;        /* DZ_V_OBJECT of selected fields; NULL: the table's columns */
  dz_value *from;          /* DZ_V_TABLE */
  dz_value *joins;         /* DZ_V_ARRAY of DZ_V_SQL `<type> join "t" on ...` */
  dz_value *where, *having, *limit, *offset;
  dz_value *group_by, *order_by; /* DZ_V_ARRAY */
} dz_queryv;

typedef struct dz_viewv {
  const char *name;
  dz_value *columns;       /* DZ_V_OBJECT of builders, or NULL */
  dz_value *selected;      /* a query-builder view: its selected fields (DZ_V_OBJECT) */
  dz_value *query;         /* .as(sql) */
  bool existing;
} dz_viewv;

typedef struct dz_env dz_env;

struct dz_value {
  dz_vkind kind;
  const dz_module *mod;    /* where it was written */
  TSNode node;
  const char *str;
  size_t len;
  double num;
  bool b;
  DZ_VEC(dz_value *) items;
  DZ_VEC(const char *) keys;       /* DZ_V_OBJECT: parallel to items */
  DZ_VEC(TSNode) key_nodes;        /* DZ_V_OBJECT: the property written for each key */
  DZ_VEC(const dz_module *) key_mods;
  dz_value *self;
  dz_env *env;
  const dz_module *target;
  dz_colbuilder *col;
  dz_tablev *table;
  size_t index;
  dz_constraintv *extra;
  dz_viewv *view;
  dz_queryv *query;
};

/* ---- modules ---------------------------------------------------------- */

/* Modules are built with dz_module_extract (extract.h). */
const char *dz_module_path(const dz_module *m);
const char *dz_module_text(const dz_module *m);
size_t dz_module_len(const dz_module *m); /* of its text, which may hold NUL bytes */
TSNode dz_module_root(const dz_module *m);

/* Exported names of m in drizzle-kit's order (sorted), `export *` expanded
** through ev's loader. Strings live in ev's arena. */
void dz_module_export_names(dz_eval *ev, const dz_module *m, dz_strvec *out);

/* ---- evaluation -------------------------------------------------------- */

/* An evaluation over mods (borrowed; they must outlive it). Modules that
** load returns for imports belong to the evaluation and are freed with it. */
dz_eval *dz_eval_new(dz_module *const *mods, size_t n, dz_module_loader load, void *load_ctx);
void dz_eval_free(dz_eval *ev);
dz_arena *dz_eval_arena(dz_eval *ev);

/* Resolve bare imports through tc's paths first (tc borrowed: it must
** outlive the evaluation). */
void dz_eval_use_tsconfig(dz_eval *ev, const dz_tsconfig *tc);

/* The value an export of m evaluates to (UNDEFINED if no such export). */
dz_value *dz_eval_export(dz_eval *ev, const dz_module *m, const char *name);

/* Call a function value with arguments (for extra config, references). */
dz_value *dz_eval_call(dz_eval *ev, dz_value *fn, dz_value **args, size_t n, TSNode at,
                       const dz_module *mod);

/* A property of an object-like value (object, table -> column), or UNDEFINED. */
dz_value *dz_value_get(dz_eval *ev, dz_value *obj, const char *key);

dz_value *dz_value_unknown(dz_eval *ev, const dz_module *mod, TSNode node, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Every module the evaluation has seen, in the order first seen (linked
** modules first): spans index into this list. */
size_t dz_eval_module_count(const dz_eval *ev);
const dz_module *dz_eval_module_at(const dz_eval *ev, size_t i);
size_t dz_eval_module_index(const dz_eval *ev, const dz_module *m);

/* A node's position as a span in file index `file`. */
dz_span dz_span_of(TSNode n, uint32_t file);

#endif /* DZ_RESOLVE_H */
