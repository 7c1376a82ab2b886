/*
** schema_compare.c — two schema models compared element by element, each
** difference one readable line (schema_compare.h).
*/
#include "drizzle_lsp/schema_compare.h"

#include "drizzle_lsp/dates.h"

#include <ctype.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct cmp {
  const char *ln, *rn; /* where left and right came from */
  dz_arena *a;
  dz_strvec *out;
  size_t count;
  const char *where; /* "table users", "table users: column email" */
} cmp;

static void report(cmp *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(cmp *c, const char *fmt, ...) {
  char msg[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  dz_vec_push(c->a, c->out, c->where ? dz_arena_printf(c->a, "%s: %s", c->where, msg) : dz_arena_strdup(c->a, msg));
  c->count++;
}

/* SQL text with blank runs collapsed to one space and trimmed. */
static const char *squeeze(dz_arena *a, const char *s) {
  if (!s) return NULL;
  char *out = dz_arena_alloc(a, strlen(s) + 1), *o = out;
  for (const char *p = s; *p; p++) {
    if (!isspace((unsigned char)*p)) *o++ = *p;
    else if (o > out && !isspace((unsigned char)p[1]) && p[1]) *o++ = ' ';
  }
  *o = '\0';
  return out;
}

static bool same_sql(dz_arena *a, const char *l, const char *r) {
  if (!l || !r) return l == r;
  return strcmp(squeeze(a, l), squeeze(a, r)) == 0;
}

static void diff_bool(cmp *c, const char *what, bool l, bool r) {
  if (l != r) report(c, "%s is %s in %s, %s in %s", what, l ? "true" : "false", c->ln, r ? "true" : "false", c->rn);
}

static void diff_sql(cmp *c, const char *what, const char *l, const char *r) {
  if (!same_sql(c->a, l, r))
    report(c, "%s is %s in %s, %s in %s", what, l ? l : "none", c->ln, r ? r : "none", c->rn);
}

static const char *joined(dz_arena *a, const dz_strvec *v) {
  const char *s = "";
  for (size_t i = 0; i < v->len; i++) s = dz_arena_printf(a, "%s%s%s", s, i ? ", " : "", v->items[i]);
  return s;
}

static const char *generated_text(const dz_column *col) {
  return col->generated == DZ_GENERATED_NONE ? NULL : col->generated_as ? col->generated_as : "";
}

static const char *generated_kind(dz_generated_kind k) {
  return k == DZ_GENERATED_STORED ? "stored" : k == DZ_GENERATED_VIRTUAL ? "virtual" : NULL;
}

/* A Date default on an integer column: drizzle-kit's JSON text on one side,
** on the other the integer drizzle-orm stores for it (drizzle-lsp's SQL).
** The database keeps no mode, so seconds and milliseconds both count. */
static bool same_date_default(const dz_column *l, const dz_column *r) {
  if (strcasecmp(l->type ? l->type : "", "integer") != 0 || strcasecmp(r->type ? r->type : "", "integer") != 0)
    return false;
  return (l->def.kind && dz_date_default_matches(&r->def, l->def.text)) ||
         (r->def.kind && dz_date_default_matches(&l->def, r->def.text));
}

static void compare_column(cmp *c, const dz_column *l, const dz_column *r) {
  if (strcasecmp(l->type ? l->type : "", r->type ? r->type : "") != 0)
    report(c, "type is %s in %s, %s in %s", l->type, c->ln, r->type, c->rn);
  diff_bool(c, "notNull", l->not_null, r->not_null);
  diff_bool(c, "primaryKey", l->primary_key, r->primary_key);
  diff_bool(c, "autoincrement", l->autoincrement, r->autoincrement);
  if (!same_date_default(l, r))
    diff_sql(c, "default", l->def.kind ? l->def.text : NULL, r->def.kind ? r->def.text : NULL);
  diff_sql(c, "generated", generated_kind(l->generated), generated_kind(r->generated));
  if (l->generated && r->generated) diff_sql(c, "generated expression", generated_text(l), generated_text(r));
}

/* Elements present on one side only: `field` of containers L and R, looked
** up by name with `find(container, name)`. */
#define DZ_ONE_SIDED(c, L, R, field, find, noun)                                               \
  do {                                                                                         \
    for (size_t i_ = 0; i_ < (L)->field.len; i_++)                                             \
      if (!find((R), (L)->field.items[i_]->name))                                              \
        report((c), "%s %s is in %s but not in %s", (noun), (L)->field.items[i_]->name, (c)->ln, (c)->rn); \
    for (size_t i_ = 0; i_ < (R)->field.len; i_++)                                             \
      if (!find((L), (R)->field.items[i_]->name))                                              \
        report((c), "%s %s is in %s but not in %s", (noun), (R)->field.items[i_]->name, (c)->rn, (c)->ln); \
  } while (0)

static const dz_check *find_check(const dz_table *t, const char *name) {
  for (size_t i = 0; i < t->checks.len; i++)
    if (strcmp(t->checks.items[i]->name, name) == 0) return t->checks.items[i];
  return NULL;
}

static void compare_index(cmp *c, const dz_index *l, const dz_index *r) {
  diff_bool(c, "isUnique", l->unique, r->unique);
  const char *lc = joined(c->a, &l->columns), *rc = joined(c->a, &r->columns);
  if (!same_sql(c->a, lc, rc)) report(c, "columns are (%s) in %s, (%s) in %s", lc, c->ln, rc, c->rn);
  diff_sql(c, "where", l->where, r->where);
}

static const char *fk_key(dz_arena *a, const dz_foreign_key *fk) {
  return dz_arena_printf(a, "foreign key (%s) references %s(%s)", joined(a, &fk->columns_from), fk->table_to,
                         joined(a, &fk->columns_to));
}

static const char *action(const char *s) {
  return s ? s : "no action";
}

/* How many of the two actions agree (0 to 2). */
static int agreement(const dz_foreign_key *l, const dz_foreign_key *r) {
  return (strcasecmp(action(l->on_delete), action(r->on_delete)) == 0) +
         (strcasecmp(action(l->on_update), action(r->on_update)) == 0);
}

/* An unused foreign key of t linking what `key` links whose actions agree
** with want's in at least `least` places, or SIZE_MAX. */
static size_t match_fk(cmp *c, const dz_table *t, const dz_foreign_key *want, const char *key, const bool *used,
                       int least) {
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    if (!used[i] && agreement(want, t->foreign_keys.items[i]) >= least &&
        strcmp(fk_key(c->a, t->foreign_keys.items[i]), key) == 0)
      return i;
  return SIZE_MAX;
}

static void compare_actions(cmp *c, const char *key, const dz_foreign_key *lf, const dz_foreign_key *rf) {
  const char *saved = c->where;
  c->where = dz_arena_printf(c->a, "%s: %s", saved, key);
  if (strcasecmp(action(lf->on_delete), action(rf->on_delete)) != 0)
    report(c, "onDelete is %s in %s, %s in %s", action(lf->on_delete), c->ln, action(rf->on_delete), c->rn);
  if (strcasecmp(action(lf->on_update), action(rf->on_update)) != 0)
    report(c, "onUpdate is %s in %s, %s in %s", action(lf->on_update), c->ln, action(rf->on_update), c->rn);
  c->where = saved;
}

/* Foreign keys paired by what they link (a table may hold two over the
** same columns: the closest actions pair first), then their actions compared. */
static void compare_foreign_keys(cmp *c, const dz_table *l, const dz_table *r) {
  size_t nl = l->foreign_keys.len, nr = r->foreign_keys.len;
  bool *used = dz_arena_alloc(c->a, nr + 1);
  size_t *pair = dz_arena_alloc(c->a, (nl + 1) * sizeof *pair);
  for (size_t i = 0; i < nl; i++) pair[i] = SIZE_MAX;
  for (int least = 2; least >= 0; least--)
    for (size_t i = 0; i < nl; i++) {
      if (pair[i] != SIZE_MAX) continue;
      const dz_foreign_key *lf = l->foreign_keys.items[i];
      pair[i] = match_fk(c, r, lf, fk_key(c->a, lf), used, least);
      if (pair[i] != SIZE_MAX) used[pair[i]] = true;
    }
  for (size_t i = 0; i < nl; i++) {
    const char *key = fk_key(c->a, l->foreign_keys.items[i]);
    if (pair[i] == SIZE_MAX) report(c, "%s is in %s but not in %s", key, c->ln, c->rn);
    else compare_actions(c, key, l->foreign_keys.items[i], r->foreign_keys.items[pair[i]]);
  }
  for (size_t j = 0; j < nr; j++)
    if (!used[j]) report(c, "%s is in %s but not in %s", fk_key(c->a, r->foreign_keys.items[j]), c->rn, c->ln);
}

/* Composite primary keys and unique constraints: the same column lists on
** both sides. Each side's lists are joined into one line per element. */
typedef DZ_VEC(const char *) keylist;

static void column_lists(cmp *c, const char *noun, keylist *l, keylist *r) {
  for (int side = 0; side < 2; side++) {
    keylist *mine = side ? r : l, *theirs = side ? l : r;
    for (size_t i = 0; i < mine->len; i++) {
      bool found = false;
      for (size_t j = 0; j < theirs->len && !found; j++) found = strcmp(mine->items[i], theirs->items[j]) == 0;
      if (!found)
        report(c, "%s (%s) is in %s but not in %s", noun, mine->items[i], side ? c->rn : c->ln, side ? c->ln : c->rn);
    }
  }
}

#define DZ_COLUMN_LISTS(c, noun, L, R, field)                                                  \
  do {                                                                                         \
    keylist l_ = {0}, r_ = {0};                                                                \
    for (size_t i_ = 0; i_ < (L)->field.len; i_++)                                             \
      dz_vec_push((c)->a, &l_, joined((c)->a, &(L)->field.items[i_]->columns));                \
    for (size_t i_ = 0; i_ < (R)->field.len; i_++)                                             \
      dz_vec_push((c)->a, &r_, joined((c)->a, &(R)->field.items[i_]->columns));                \
    column_lists((c), (noun), &l_, &r_);                                                       \
  } while (0)

static void compare_table(cmp *c, const dz_table *l, const dz_table *r) {
  const char *table_where = dz_arena_printf(c->a, "table %s", l->name);
  c->where = table_where;
  DZ_ONE_SIDED(c, l, r, columns, dz_table_find_column, "column");
  DZ_ONE_SIDED(c, l, r, indexes, dz_table_find_index, "index");
  DZ_ONE_SIDED(c, l, r, checks, find_check, "check");
  for (size_t i = 0; i < l->columns.len; i++) {
    const dz_column *rc = dz_table_find_column(r, l->columns.items[i]->name);
    c->where = dz_arena_printf(c->a, "%s: column %s", table_where, l->columns.items[i]->name);
    if (rc) compare_column(c, l->columns.items[i], rc);
  }
  for (size_t i = 0; i < l->indexes.len; i++) {
    const dz_index *rx = dz_table_find_index(r, l->indexes.items[i]->name);
    c->where = dz_arena_printf(c->a, "%s: index %s", table_where, l->indexes.items[i]->name);
    if (rx) compare_index(c, l->indexes.items[i], rx);
  }
  for (size_t i = 0; i < l->checks.len; i++) {
    const dz_check *rk = find_check(r, l->checks.items[i]->name);
    c->where = dz_arena_printf(c->a, "%s: check %s", table_where, l->checks.items[i]->name);
    if (rk) diff_sql(c, "value", l->checks.items[i]->value, rk->value);
  }
  c->where = table_where;
  compare_foreign_keys(c, l, r);
  DZ_COLUMN_LISTS(c, "composite primary key", l, r, primary_keys);
  DZ_COLUMN_LISTS(c, "unique constraint", l, r, uniques);
}

/* A view marked .existing() is made outside migrations: never compared. */
static const dz_view *find_created_view(const dz_schema *s, const char *name) {
  const dz_view *v = dz_schema_find_view(s, name);
  return v && !v->is_existing ? v : NULL;
}

static void compare_views(cmp *c, const dz_schema *l, const dz_schema *r) {
  for (int side = 0; side < 2; side++) {
    const dz_schema *mine = side ? r : l, *theirs = side ? l : r;
    for (size_t i = 0; i < mine->views.len; i++) {
      const dz_view *v = mine->views.items[i];
      if (!v->is_existing && !find_created_view(theirs, v->name))
        report(c, "view %s is in %s but not in %s", v->name, side ? c->rn : c->ln, side ? c->ln : c->rn);
    }
  }
  for (size_t i = 0; i < l->views.len; i++) {
    const dz_view *lv = l->views.items[i], *rv = find_created_view(r, lv->name);
    c->where = dz_arena_printf(c->a, "view %s", lv->name);
    if (rv && !lv->is_existing) diff_sql(c, "definition", lv->definition, rv->definition);
  }
}

size_t dz_schema_compare(const dz_schema *left, const char *left_name, const dz_schema *right,
                         const char *right_name, dz_arena *a, dz_strvec *out) {
  cmp c = {left_name, right_name, a, out, 0, NULL};
  DZ_ONE_SIDED(&c, left, right, tables, dz_schema_find_table, "table");
  compare_views(&c, left, right);
  for (size_t i = 0; i < left->tables.len; i++) {
    const dz_table *r = dz_schema_find_table(right, left->tables.items[i]->name);
    if (r) compare_table(&c, left->tables.items[i], r);
  }
  return c.count;
}
