/*
** rules_fixture.h — hand-built before/after models and diffs for the rules,
** impact and report tests: a tiny builder so each test states only the change
** it is about. Everything lives in the fixture's arena.
*/
#ifndef DZ_RULES_FIXTURE_H
#define DZ_RULES_FIXTURE_H

#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/rules.h"
#include "drizzle_lsp/sqlgen.h"

#include <string.h>

typedef struct fx {
  dz_arena *a;
  dz_schema *prev, *next;
  dz_diff diff;
  dz_sql_plan *plan; /* the diff's SQL, set by fx_eval */
  uint32_t next_row; /* rows handed out to spans in the new schema's file */
} fx;

static inline fx *fx_new(dz_dialect dialect) {
  dz_arena *a = dz_arena_new();
  fx *f = dz_arena_alloc(a, sizeof *f);
  f->a = a;
  f->prev = dz_schema_new(a, dialect);
  f->next = dz_schema_new(a, dialect);
  dz_strvec_push(f->next, &f->next->files, "/proj/src/schema.ts");
  return f;
}

static inline void fx_free(fx *f) { dz_arena_free(f->a); }

/* A one-line span in the new schema's file, each on its own row. */
static inline dz_span fx_span(fx *f) {
  dz_span s = {0, f->next_row * 100, f->next_row * 100 + 20, {f->next_row, 2}, {f->next_row, 22}};
  f->next_row++;
  return s;
}

/* A table in s; with a source span when s is the new schema. */
static inline dz_table *fx_table(fx *f, dz_schema *s, const char *name) {
  dz_table *t = dz_schema_add_table(s, name);
  if (s == f->next) {
    t->span = fx_span(f);
    t->name_span = t->span;
  }
  return t;
}

static inline dz_column *fx_column(fx *f, dz_schema *s, dz_table *t, const char *name,
                                   const char *type, bool not_null) {
  dz_column *c = dz_table_add_column(s, t, name);
  c->type = dz_arena_strdup(f->a, type);
  c->not_null = not_null;
  if (s == f->next) c->span = fx_span(f);
  return c;
}

/* The same column in both schemas. */
static inline void fx_both(fx *f, dz_table *ot, dz_table *nt, const char *name, const char *type) {
  fx_column(f, f->prev, ot, name, type, false);
  fx_column(f, f->next, nt, name, type, false);
}

/* The same table in both schemas with an integer primary key "id". */
static inline void fx_pair(fx *f, const char *name, dz_table **old_t, dz_table **new_t) {
  *old_t = fx_table(f, f->prev, name);
  *new_t = fx_table(f, f->next, name);
  fx_column(f, f->prev, *old_t, "id", "integer", true)->primary_key = true;
  fx_column(f, f->next, *new_t, "id", "integer", true)->primary_key = true;
}

static inline dz_change *fx_change(fx *f, dz_change_kind kind, const dz_table *ot,
                                   const dz_table *nt) {
  dz_change c;
  memset(&c, 0, sizeof c);
  c.kind = kind;
  c.old_table = ot;
  c.new_table = nt;
  dz_vec_push(f->a, &f->diff.changes, c);
  return &f->diff.changes.items[f->diff.changes.len - 1];
}

/* Column `name` of ot/nt altered from (from, old_nn) to (to, new_nn). */
static inline dz_change *fx_alter(fx *f, dz_table *ot, dz_table *nt, const char *name,
                                  const char *from, const char *to, bool old_nn, bool new_nn,
                                  unsigned bits) {
  dz_change *c = fx_change(f, DZ_CHANGE_COLUMN_ALTER, ot, nt);
  c->old_column = fx_column(f, f->prev, ot, name, from, old_nn);
  c->new_column = fx_column(f, f->next, nt, name, to, new_nn);
  c->altered = bits;
  return c;
}

static inline void fx_candidate(fx *f, const char *table, const char *from, const char *to) {
  dz_rename_candidate rc = {table, from, to};
  dz_vec_push(f->a, &f->diff.candidates, rc);
}

static inline dz_foreign_key *fx_fk(fx *f, dz_schema *s, dz_table *t, const char *col,
                                    const char *to_table, const char *on_delete) {
  dz_foreign_key *fk =
      dz_table_add_foreign_key(s, t, dz_arena_printf(f->a, "%s_%s_fk", t->name, col));
  fk->table_from = t->name;
  fk->table_to = dz_arena_strdup(f->a, to_table);
  dz_strvec_push(s, &fk->columns_from, col);
  dz_strvec_push(s, &fk->columns_to, "id");
  fk->on_delete = on_delete;
  fk->on_update = "no action";
  if (s == f->next) fk->span = fx_span(f);
  return fk;
}

/* The rules on the fixture's diff and its SQL plan (as the CLI and the
** server call them); NULL when either fails. */
static inline dz_findings *fx_eval(fx *f) {
  dz_findings *out = NULL;
  dz_error err;
  if (dz_sqlgen_migration(&f->diff, f->prev, f->next, f->next->dialect, f->a, &f->plan, &err) !=
      DZ_OK)
    return NULL;
  if (dz_rules_evaluate(f->prev, f->next, &f->diff, f->plan, f->a, &out, &err) != DZ_OK) return NULL;
  return out;
}

/* The first finding with this rule id, or NULL. */
static inline const dz_finding *fx_find(const dz_findings *fs, const char *rule) {
  for (size_t i = 0; fs && i < fs->items.len; i++)
    if (strcmp(fs->items.items[i]->rule, rule) == 0) return fs->items.items[i];
  return NULL;
}

static inline size_t fx_count(const dz_findings *fs, const char *rule) {
  size_t n = 0;
  for (size_t i = 0; fs && i < fs->items.len; i++)
    if (strcmp(fs->items.items[i]->rule, rule) == 0) n++;
  return n;
}

static inline const dz_fix *fx_fix(const dz_finding *fd, dz_fix_kind kind) {
  for (size_t i = 0; fd && i < fd->fixes.len; i++)
    if (fd->fixes.items[i].kind == kind) return &fd->fixes.items[i];
  return NULL;
}

#endif /* DZ_RULES_FIXTURE_H */
