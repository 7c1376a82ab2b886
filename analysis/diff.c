/*
** diff.c — two schema models in, a list of changes out (diff.h).
**
** The comparison follows drizzle-kit's differ so that sqlgen can reproduce its
** statements: elements are matched by name, renames only where the caller
** said so, and the change list is ordered the way drizzle-kit walks its JSON
** diff (deleted and changed keys in the old order, added keys in the new).
*/
#include "drizzle_lsp/diff.h"

#include <string.h>

/* A rename the caller asked for, resolved against both schemas. */
typedef struct dz_ren {
  const char *table; /* new table name; NULL for a table rename */
  const char *from, *to;
  bool used;
} dz_ren;

typedef struct dz_differ {
  const dz_schema *prev, *next;
  dz_arena *a;
  dz_diff *d;
  DZ_VEC(dz_ren) tren, cren;
} dz_differ;

static bool streq(const char *x, const char *y) {
  if (!x || !y) return x == y;
  return strcmp(x, y) == 0;
}

static bool strvec_eq(const dz_strvec *x, const dz_strvec *y) {
  if (x->len != y->len) return false;
  for (size_t i = 0; i < x->len; i++)
    if (!streq(x->items[i], y->items[i])) return false;
  return true;
}

static dz_change *push_change(dz_differ *df, dz_change_kind kind, const dz_table *ot,
                              const dz_table *nt) {
  dz_change c;
  memset(&c, 0, sizeof c);
  c.kind = kind;
  c.old_table = ot;
  c.new_table = nt;
  dz_vec_push(df->a, &df->d->changes, c);
  return &df->d->changes.items[df->d->changes.len - 1];
}

static void push_candidate(dz_differ *df, const char *table, const char *from, const char *to) {
  dz_rename_candidate rc = {table, from, to};
  dz_vec_push(df->a, &df->d->candidates, rc);
}

/* ---- rename options ---------------------------------------------------- */

static dz_result parse_table_renames(dz_differ *df, const dz_diff_options *o, dz_error *err) {
  for (size_t i = 0; o && i < o->n_table_renames; i++) {
    const char *arg = o->table_renames[i], *eq = strchr(arg, '=');
    if (!eq || eq == arg || !eq[1])
      return dz_error_set(err, DZ_ERR_USAGE, "--rename-table %s: expected OLD=NEW", arg);
    dz_ren r = {NULL, dz_arena_strndup(df->a, arg, (size_t)(eq - arg)), eq + 1, false};
    bool in_prev = df->prev && dz_schema_find_table(df->prev, r.from);
    if (!in_prev || dz_schema_find_table(df->next, r.from))
      return dz_error_set(err, DZ_ERR_USAGE,
                          "--rename-table %s: table '%s' must exist in the last snapshot and "
                          "not in the schema", arg, r.from);
    if (!dz_schema_find_table(df->next, r.to) || dz_schema_find_table(df->prev, r.to))
      return dz_error_set(err, DZ_ERR_USAGE,
                          "--rename-table %s: table '%s' must exist in the schema and not in "
                          "the last snapshot", arg, r.to);
    dz_vec_push(df->a, &df->tren, r);
  }
  return DZ_OK;
}

/* "table.old=new": the table part may itself hold dots, so take the first
** split whose prefix names a table of the new schema. */
static dz_result parse_column_renames(dz_differ *df, const dz_diff_options *o, dz_error *err) {
  for (size_t i = 0; o && i < o->n_column_renames; i++) {
    const char *arg = o->column_renames[i], *eq = strrchr(arg, '=');
    const dz_table *t = NULL;
    const char *dot = arg;
    while (eq && (dot = strchr(dot, '.')) && dot < eq) {
      char *name = dz_arena_strndup(df->a, arg, (size_t)(dot - arg));
      if ((t = dz_schema_find_table(df->next, name))) break;
      dot++;
    }
    if (!eq || !t || dot + 1 >= eq || !eq[1])
      return dz_error_set(err, DZ_ERR_USAGE,
                          "--rename %s: expected TABLE.OLD=NEW with TABLE a table of the schema",
                          arg);
    dz_ren r = {t->name, dz_arena_strndup(df->a, dot + 1, (size_t)(eq - dot - 1)), eq + 1, false};
    if (!dz_table_find_column(t, r.to))
      return dz_error_set(err, DZ_ERR_USAGE, "--rename %s: table '%s' has no column '%s'", arg,
                          t->name, r.to);
    dz_vec_push(df->a, &df->cren, r);
  }
  return DZ_OK;
}

static dz_ren *find_ren(dz_differ *df, bool columns, const char *table, const char *from,
                        const char *to) {
  size_t n = columns ? df->cren.len : df->tren.len;
  for (size_t i = 0; i < n; i++) {
    dz_ren *r = columns ? &df->cren.items[i] : &df->tren.items[i];
    if (table && !streq(r->table, table)) continue;
    if ((from && streq(r->from, from)) || (to && streq(r->to, to))) return r;
  }
  return NULL;
}

/* ---- tables ---------------------------------------------------------- */

/* The new table an old one becomes (by name or by rename), or NULL. */
static const dz_table *next_of(dz_differ *df, const dz_table *ot) {
  dz_ren *r = find_ren(df, false, NULL, ot->name, NULL);
  return dz_schema_find_table(df->next, r ? r->to : ot->name);
}

static const dz_table *prev_of(dz_differ *df, const dz_table *nt) {
  if (!df->prev) return NULL;
  dz_ren *r = find_ren(df, false, NULL, NULL, nt->name);
  return dz_schema_find_table(df->prev, r ? r->from : nt->name);
}

static void diff_table_sets(dz_differ *df) {
  size_t n_created = 0, n_dropped = 0;
  for (size_t i = 0; i < df->next->tables.len; i++) {
    const dz_table *nt = df->next->tables.items[i];
    if (!prev_of(df, nt)) {
      push_change(df, DZ_CHANGE_TABLE_CREATE, NULL, nt);
      n_created++;
    }
  }
  for (size_t i = 0; df->prev && i < df->prev->tables.len; i++) {
    const dz_table *ot = df->prev->tables.items[i];
    if (!next_of(df, ot)) {
      push_change(df, DZ_CHANGE_TABLE_DROP, ot, NULL);
      n_dropped++;
    }
  }
  for (size_t i = 0; i < df->tren.len; i++)
    push_change(df, DZ_CHANGE_TABLE_RENAME, dz_schema_find_table(df->prev, df->tren.items[i].from),
                dz_schema_find_table(df->next, df->tren.items[i].to));
  if (!n_created || !n_dropped) return;
  /* Every dropped table could be any created one, renamed: ask. */
  for (size_t i = 0; i < df->prev->tables.len; i++) {
    const dz_table *ot = df->prev->tables.items[i];
    if (next_of(df, ot)) continue;
    for (size_t j = 0; j < df->next->tables.len; j++)
      if (!prev_of(df, df->next->tables.items[j]))
        push_candidate(df, NULL, ot->name, df->next->tables.items[j]->name);
  }
}

/* ---- columns --------------------------------------------------------- */

static const dz_column *col_next_of(dz_differ *df, const dz_table *nt, const dz_column *oc) {
  dz_ren *r = find_ren(df, true, nt->name, oc->name, NULL);
  return dz_table_find_column(nt, r ? r->to : oc->name);
}

static const dz_column *col_prev_of(dz_differ *df, const dz_table *ot, const dz_table *nt,
                                    const dz_column *nc) {
  dz_ren *r = find_ren(df, true, nt->name, NULL, nc->name);
  return dz_table_find_column(ot, r ? r->from : nc->name);
}

/* drizzle-kit treats "numeric (10)" and "numeric(10)" as the same type. */
static bool type_eq(const char *x, const char *y) {
  if (!x || !y) return x == y;
  while (*x && *y) {
    if (x[0] == ' ' && x[1] == '(') x++;
    if (y[0] == ' ' && y[1] == '(') y++;
    if (*x != *y) return false;
    x++, y++;
  }
  return *x == *y;
}

static unsigned column_alterations(const dz_column *o, const dz_column *n) {
  unsigned bits = 0;
  if (!type_eq(o->type, n->type)) bits |= DZ_ALTER_TYPE;
  if (o->not_null != n->not_null) bits |= DZ_ALTER_NOT_NULL;
  if (o->def.kind != n->def.kind || !streq(o->def.text, n->def.text)) bits |= DZ_ALTER_DEFAULT;
  if (o->primary_key != n->primary_key) bits |= DZ_ALTER_PRIMARY_KEY;
  if (o->autoincrement != n->autoincrement) bits |= DZ_ALTER_AUTOINCREMENT;
  if (o->generated != n->generated || !streq(o->generated_as, n->generated_as))
    bits |= DZ_ALTER_GENERATED;
  return bits;
}

static dz_result check_column_renames(dz_differ *df, const dz_table *ot, const dz_table *nt,
                                      dz_error *err) {
  for (size_t i = 0; i < df->cren.len; i++) {
    dz_ren *r = &df->cren.items[i];
    if (!streq(r->table, nt->name)) continue;
    r->used = true;
    if (!dz_table_find_column(ot, r->from) || dz_table_find_column(nt, r->from))
      return dz_error_set(err, DZ_ERR_USAGE,
                          "--rename %s.%s=%s: column '%s' must exist in the last snapshot's "
                          "table '%s' and no longer in the schema",
                          nt->name, r->from, r->to, r->from, ot->name);
    if (dz_table_find_column(ot, r->to))
      return dz_error_set(err, DZ_ERR_USAGE,
                          "--rename %s.%s=%s: column '%s' already exists in the last snapshot",
                          nt->name, r->from, r->to, r->to);
  }
  return DZ_OK;
}

static void diff_columns(dz_differ *df, const dz_table *ot, const dz_table *nt) {
  size_t n_added = 0, n_dropped = 0;
  for (size_t i = 0; i < ot->columns.len; i++) {
    const dz_column *oc = ot->columns.items[i], *nc = col_next_of(df, nt, oc);
    if (nc && !streq(nc->name, oc->name)) {
      dz_change *c = push_change(df, DZ_CHANGE_COLUMN_RENAME, ot, nt);
      c->old_column = oc, c->new_column = nc;
    }
  }
  for (size_t i = 0; i < nt->columns.len; i++) {
    const dz_column *nc = nt->columns.items[i];
    if (col_prev_of(df, ot, nt, nc)) continue;
    push_change(df, DZ_CHANGE_COLUMN_ADD, ot, nt)->new_column = nc;
    n_added++;
  }
  for (size_t i = 0; i < ot->columns.len; i++) {
    const dz_column *oc = ot->columns.items[i];
    if (col_next_of(df, nt, oc)) continue;
    push_change(df, DZ_CHANGE_COLUMN_DROP, ot, nt)->old_column = oc;
    n_dropped++;
  }
  for (size_t i = 0; i < ot->columns.len; i++) {
    const dz_column *oc = ot->columns.items[i], *nc = col_next_of(df, nt, oc);
    unsigned bits = nc ? column_alterations(oc, nc) : 0;
    if (!bits) continue;
    dz_change *c = push_change(df, DZ_CHANGE_COLUMN_ALTER, ot, nt);
    c->old_column = oc, c->new_column = nc, c->altered = bits;
  }
  if (!n_added || !n_dropped) return;
  for (size_t i = 0; i < ot->columns.len; i++) {
    const dz_column *oc = ot->columns.items[i];
    if (col_next_of(df, nt, oc)) continue;
    for (size_t j = 0; j < nt->columns.len; j++)
      if (!col_prev_of(df, ot, nt, nt->columns.items[j]))
        push_candidate(df, nt->name, oc->name, nt->columns.items[j]->name);
  }
}

/* ---- indexes, keys, constraints ----------------------------------------- */

static bool index_eq(const dz_index *x, const dz_index *y) {
  if (x->unique != y->unique || !streq(x->where, y->where)) return false;
  if (!strvec_eq(&x->columns, &y->columns)) return false;
  for (size_t i = 0; i < x->expression.len && i < y->expression.len; i++)
    if (x->expression.items[i] != y->expression.items[i]) return false;
  return true;
}

static void diff_indexes(dz_differ *df, const dz_table *ot, const dz_table *nt) {
  for (size_t i = 0; i < ot->indexes.len; i++)
    if (!dz_table_find_index(nt, ot->indexes.items[i]->name))
      push_change(df, DZ_CHANGE_INDEX_DROP, ot, nt)->old_index = ot->indexes.items[i];
  for (size_t i = 0; i < nt->indexes.len; i++)
    if (!dz_table_find_index(ot, nt->indexes.items[i]->name))
      push_change(df, DZ_CHANGE_INDEX_CREATE, ot, nt)->new_index = nt->indexes.items[i];
  for (size_t k = 0; k < 2; k++) /* altered: the drop, then the create */
    for (size_t i = 0; i < ot->indexes.len; i++) {
      const dz_index *oi = ot->indexes.items[i], *ni = dz_table_find_index(nt, oi->name);
      if (!ni || index_eq(oi, ni)) continue;
      dz_change *c = push_change(df, k ? DZ_CHANGE_INDEX_CREATE : DZ_CHANGE_INDEX_DROP, ot, nt);
      c->old_index = oi, c->new_index = ni;
    }
}

static bool fk_eq(const dz_foreign_key *x, const dz_foreign_key *y) {
  return streq(x->table_from, y->table_from) && streq(x->table_to, y->table_to) &&
         strvec_eq(&x->columns_from, &y->columns_from) &&
         strvec_eq(&x->columns_to, &y->columns_to) && streq(x->on_delete, y->on_delete) &&
         streq(x->on_update, y->on_update);
}

/* Named elements of a table (foreign keys, primary keys, uniques, checks)
** share one walk: dropped, created, then altered under the same name. */
#define DZ_DIFF_NAMED(df, ot, nt, vec, eqfn, oldf, newf, K_DROP, K_CREATE, K_ALTER)            \
  do {                                                                                       \
    for (size_t i_ = 0; i_ < (ot)->vec.len; i_++) {                                          \
      const void *m_ = NULL;                                                                 \
      for (size_t j_ = 0; j_ < (nt)->vec.len; j_++)                                          \
        if (streq((nt)->vec.items[j_]->name, (ot)->vec.items[i_]->name)) m_ = (nt)->vec.items[j_]; \
      if (!m_) push_change(df, K_DROP, ot, nt)->oldf = (ot)->vec.items[i_];                   \
    }                                                                                        \
    for (size_t j_ = 0; j_ < (nt)->vec.len; j_++) {                                          \
      const void *m_ = NULL;                                                                 \
      for (size_t i_ = 0; i_ < (ot)->vec.len; i_++)                                          \
        if (streq((nt)->vec.items[j_]->name, (ot)->vec.items[i_]->name)) m_ = (ot)->vec.items[i_]; \
      if (!m_) push_change(df, K_CREATE, ot, nt)->newf = (nt)->vec.items[j_];                 \
    }                                                                                        \
    for (size_t i_ = 0; i_ < (ot)->vec.len; i_++)                                            \
      for (size_t j_ = 0; j_ < (nt)->vec.len; j_++) {                                        \
        if (!streq((nt)->vec.items[j_]->name, (ot)->vec.items[i_]->name)) continue;          \
        if (eqfn((ot)->vec.items[i_], (nt)->vec.items[j_])) continue;                        \
        dz_change *c_ = push_change(df, K_ALTER, ot, nt);                                    \
        c_->oldf = (ot)->vec.items[i_], c_->newf = (nt)->vec.items[j_];                      \
      }                                                                                      \
  } while (0)

static bool pk_eq(const dz_primary_key *x, const dz_primary_key *y) {
  return strvec_eq(&x->columns, &y->columns);
}
static bool unique_eq(const dz_unique *x, const dz_unique *y) {
  return strvec_eq(&x->columns, &y->columns);
}
static bool check_eq(const dz_check *x, const dz_check *y) { return streq(x->value, y->value); }

static void diff_constraints(dz_differ *df, const dz_table *ot, const dz_table *nt) {
  DZ_DIFF_NAMED(df, ot, nt, foreign_keys, fk_eq, old_fk, new_fk, DZ_CHANGE_FOREIGN_KEY_DROP,
                DZ_CHANGE_FOREIGN_KEY_CREATE, DZ_CHANGE_FOREIGN_KEY_ALTER);
  DZ_DIFF_NAMED(df, ot, nt, primary_keys, pk_eq, old_pk, new_pk, DZ_CHANGE_PRIMARY_KEY_DROP,
                DZ_CHANGE_PRIMARY_KEY_CREATE, DZ_CHANGE_PRIMARY_KEY_ALTER);
  DZ_DIFF_NAMED(df, ot, nt, uniques, unique_eq, old_unique, new_unique, DZ_CHANGE_UNIQUE_DROP,
                DZ_CHANGE_UNIQUE_CREATE, DZ_CHANGE_UNIQUE_ALTER);
  DZ_DIFF_NAMED(df, ot, nt, checks, check_eq, old_check, new_check, DZ_CHANGE_CHECK_DROP,
                DZ_CHANGE_CHECK_CREATE, DZ_CHANGE_CHECK_ALTER);
}

/* ---- views ----------------------------------------------------------- */

static void diff_views(dz_differ *df) {
  const dz_schema *p = df->prev;
  for (size_t i = 0; i < df->next->views.len; i++) {
    const dz_view *nv = df->next->views.items[i];
    if (!p || !dz_schema_find_view(p, nv->name)) {
      dz_change c = {.kind = DZ_CHANGE_VIEW_CREATE, .new_view = nv};
      dz_vec_push(df->a, &df->d->changes, c);
    }
  }
  for (size_t i = 0; p && i < p->views.len; i++) {
    const dz_view *ov = p->views.items[i], *nv = dz_schema_find_view(df->next, ov->name);
    if (nv && nv->is_existing == ov->is_existing && streq(nv->definition, ov->definition)) continue;
    dz_change c = {.kind = nv ? DZ_CHANGE_VIEW_ALTER : DZ_CHANGE_VIEW_DROP, .old_view = ov,
                   .new_view = nv};
    dz_vec_push(df->a, &df->d->changes, c);
  }
}

dz_result dz_diff_schemas(const dz_schema *prev, const dz_schema *next, const dz_diff_options *opt,
                          dz_arena *a, dz_diff **out, dz_error *err) {
  dz_differ df;
  memset(&df, 0, sizeof df);
  df.prev = prev, df.next = next, df.a = a;
  df.d = dz_arena_alloc(a, sizeof *df.d);
  dz_result rc = parse_table_renames(&df, opt, err);
  if (rc == DZ_OK) rc = parse_column_renames(&df, opt, err);
  if (rc != DZ_OK) return rc;
  diff_table_sets(&df);
  for (size_t i = 0; prev && i < prev->tables.len; i++) {
    const dz_table *ot = prev->tables.items[i], *nt = next_of(&df, ot);
    if (!nt) continue;
    if ((rc = check_column_renames(&df, ot, nt, err)) != DZ_OK) return rc;
    diff_columns(&df, ot, nt);
    diff_indexes(&df, ot, nt);
    diff_constraints(&df, ot, nt);
  }
  for (size_t i = 0; i < df.cren.len; i++)
    if (!df.cren.items[i].used)
      return dz_error_set(err, DZ_ERR_USAGE,
                          "--rename %s.%s=%s: table '%s' is new in this migration, so none of "
                          "its columns can be renamed", df.cren.items[i].table,
                          df.cren.items[i].from, df.cren.items[i].to, df.cren.items[i].table);
  diff_views(&df);
  *out = df.d;
  return DZ_OK;
}

void dz_diff_record_renames(const dz_diff *d, dz_schema *next) {
  dz_arena *a = next->arena;
  for (size_t i = 0; i < d->changes.len; i++) {
    const dz_change *c = &d->changes.items[i];
    dz_rename r;
    if (c->kind == DZ_CHANGE_TABLE_RENAME) {
      r.from = dz_arena_printf(a, "\"%s\"", c->old_table->name);
      r.to = dz_arena_printf(a, "\"%s\"", c->new_table->name);
      dz_vec_push(a, &next->renamed_tables, r);
    } else if (c->kind == DZ_CHANGE_COLUMN_RENAME) {
      r.from = dz_arena_printf(a, "\"%s\".\"%s\"", c->new_table->name, c->old_column->name);
      r.to = dz_arena_printf(a, "\"%s\".\"%s\"", c->new_table->name, c->new_column->name);
      dz_vec_push(a, &next->renamed_columns, r);
    }
  }
}

const char *dz_change_kind_name(dz_change_kind kind) {
  static const char *const names[] = {
      "table_create",  "table_drop",       "table_rename",      "column_add",
      "column_drop",   "column_rename",    "column_alter",      "index_create",
      "index_drop",    "foreign_key_create", "foreign_key_drop", "foreign_key_alter",
      "primary_key_create", "primary_key_drop", "primary_key_alter", "unique_create",
      "unique_drop",   "unique_alter",     "check_create",      "check_drop",
      "check_alter",   "view_create",      "view_drop",         "view_alter"};
  return (unsigned)kind < sizeof names / sizeof *names ? names[kind] : "unknown";
}
