/*
** model.c — building and searching the schema model (model.h).
*/
#include "drizzle_lsp/model.h"

#include <string.h>

dz_span dz_span_none(void) {
  dz_span s;
  memset(&s, 0, sizeof s);
  s.file = DZ_NO_FILE;
  return s;
}

dz_schema *dz_schema_new(dz_arena *a, dz_dialect dialect) {
  dz_schema *s = dz_arena_alloc(a, sizeof *s);
  s->arena = a;
  s->dialect = dialect;
  return s;
}

/* Every model element starts zeroed, named, and with no source span. */
#define DZ_NEW_NAMED(s, T, nm)                                                  \
  T *e = dz_arena_alloc((s)->arena, sizeof(T));                                 \
  e->name = dz_arena_strdup((s)->arena, (nm));                                  \
  e->span = dz_span_none()

dz_table *dz_schema_add_table(dz_schema *s, const char *name) {
  DZ_NEW_NAMED(s, dz_table, name);
  e->name_span = dz_span_none();
  dz_vec_push(s->arena, &s->tables, e);
  return e;
}

dz_view *dz_schema_add_view(dz_schema *s, const char *name) {
  DZ_NEW_NAMED(s, dz_view, name);
  dz_vec_push(s->arena, &s->views, e);
  return e;
}

dz_column *dz_table_add_column(dz_schema *s, dz_table *t, const char *name) {
  DZ_NEW_NAMED(s, dz_column, name);
  dz_vec_push(s->arena, &t->columns, e);
  return e;
}

dz_column *dz_view_add_column(dz_schema *s, dz_view *v, const char *name) {
  DZ_NEW_NAMED(s, dz_column, name);
  dz_vec_push(s->arena, &v->columns, e);
  return e;
}

dz_index *dz_table_add_index(dz_schema *s, dz_table *t, const char *name) {
  DZ_NEW_NAMED(s, dz_index, name);
  dz_vec_push(s->arena, &t->indexes, e);
  return e;
}

dz_foreign_key *dz_table_add_foreign_key(dz_schema *s, dz_table *t, const char *name) {
  DZ_NEW_NAMED(s, dz_foreign_key, name);
  dz_vec_push(s->arena, &t->foreign_keys, e);
  return e;
}

dz_primary_key *dz_table_add_primary_key(dz_schema *s, dz_table *t, const char *name) {
  DZ_NEW_NAMED(s, dz_primary_key, name);
  dz_vec_push(s->arena, &t->primary_keys, e);
  return e;
}

dz_unique *dz_table_add_unique(dz_schema *s, dz_table *t, const char *name) {
  DZ_NEW_NAMED(s, dz_unique, name);
  dz_vec_push(s->arena, &t->uniques, e);
  return e;
}

dz_check *dz_table_add_check(dz_schema *s, dz_table *t, const char *name) {
  DZ_NEW_NAMED(s, dz_check, name);
  dz_vec_push(s->arena, &t->checks, e);
  return e;
}

void dz_strvec_push(dz_schema *s, dz_strvec *v, const char *str) {
  dz_vec_push(s->arena, v, dz_arena_strdup(s->arena, str));
}

/* Linear scans: schemas have tens of tables, and callers that look up in a
** loop (diff) build their own index. */
#define DZ_FIND_BY_NAME(vec, nm)                                                \
  for (size_t i = 0; i < (vec).len; i++)                                        \
    if (strcmp((vec).items[i]->name, (nm)) == 0) return (vec).items[i];         \
  return NULL

dz_table *dz_schema_find_table(const dz_schema *s, const char *name) {
  DZ_FIND_BY_NAME(s->tables, name);
}

dz_view *dz_schema_find_view(const dz_schema *s, const char *name) {
  DZ_FIND_BY_NAME(s->views, name);
}

dz_column *dz_table_find_column(const dz_table *t, const char *name) {
  DZ_FIND_BY_NAME(t->columns, name);
}

dz_index *dz_table_find_index(const dz_table *t, const char *name) {
  DZ_FIND_BY_NAME(t->indexes, name);
}
