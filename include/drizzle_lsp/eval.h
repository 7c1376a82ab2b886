/*
** eval.h — the evaluator's inside, shared by resolve.c (modules, scopes,
** imports and exports), values.c (values) and eval.c (expressions and
** function bodies). Not for use outside extraction.
*/
#ifndef DZ_EVAL_H
#define DZ_EVAL_H

#include "drizzle_lsp/builders.h"

#define DZ_MAX_DEPTH 200

/* A scope: a chain of bindings, innermost first. */
struct dz_env {
  const char *name;
  dz_value *value;
  dz_env *next;
};

enum { DZ_MEMO_NONE, DZ_MEMO_BUSY, DZ_MEMO_DONE };
typedef struct dz_memo {
  dz_value *value;
  int state;
} dz_memo;

typedef struct dz_slot {
  const dz_module *m;
  const char *path;   /* m's path, normalized */
  dz_memo *memos;     /* parallel to m->bindings */
  bool owned;         /* loaded by the evaluation: freed with it */
} dz_slot;

typedef struct dz_resolved {
  const char *base;          /* the normalized path an import names */
  const dz_module *m;        /* what it resolved to; NULL: nothing */
} dz_resolved;

struct dz_eval {
  dz_arena *a;
  DZ_VEC(dz_slot) slots;
  DZ_VEC(dz_resolved) resolved; /* imports are looked up on every use */
  dz_module_loader load;
  void *load_ctx;
  const dz_tsconfig *tsconfig; /* bare imports try its paths first; NULL: none */
  TSTreeCursor cursor; /* the one cursor every child walk reuses */
  bool has_cursor;
  int depth;
  /* While set, evaluating this node gives this value: the tagged template
  ** of a misread sql<T>`...`.as(...) chain (eval.c). */
  TSNode subst_node;
  dz_value *subst_value;
};


typedef DZ_VEC(TSNode) dz_nodevec;

/* The named children of n, comments left out, through ev's one cursor. */
dz_nodevec dz_children(dz_eval *ev, const dz_module *m, TSNode n);
/* The source text of n, in ev's arena. */
char *dz_eval_text(dz_eval *ev, const dz_module *m, TSNode n);
/* Is key a canonical array index ("0", "42")? Sets *out. */
bool dz_array_index(const char *key, unsigned long *out);
/* JavaScript truthiness; *known false for an unknown value. */
bool dz_js_truthy(const dz_value *v, bool *known);

/* The value of expression n in scope env (eval.c). */
dz_value *dz_eval_node(dz_eval *ev, const dz_module *m, dz_env *env, TSNode n);
/* A property name as written: identifier, string, number or [computed]. */
const char *dz_property_key(dz_eval *ev, const dz_module *m, dz_env *env, TSNode k);
/* What name means in m's scope env: locals, top-level bindings, imports,
** then the few JavaScript globals schemas use (resolve.c). */
dz_value *dz_lookup(dz_eval *ev, const dz_module *m, dz_env *env, const char *name, TSNode at);

#endif /* DZ_EVAL_H */
