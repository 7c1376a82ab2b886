/*
** sqlgen_sqlite.c — SQLite and Turso/libSQL migrations: the diff becomes
** drizzle-kit's list of operations, in its order, then its per-table
** combining (a change SQLite cannot ALTER turns the table's operations into
** one rebuild), then SQL text (sqlgen_sqlite_text.c) and its de-duplication.
**
** drizzle-kit's rules, as observed in 0.31.11 and mirrored here:
**  - operations are listed by kind: created tables, dropped tables, renamed
**    tables, renamed columns, dropped references, dropped checks, dropped
**    indexes (plain, then altered), dropped composite keys, column changes,
**    added composite keys, added columns, indexes of created tables, created
**    indexes (plain, then altered), created checks, created references,
**    dropped columns, altered composite keys, then dropped and created views
**    (Turso: views before created references);
**  - they are grouped by table in order of first appearance; a kind SQLite
**    cannot ALTER replaces the table's group by a rebuild plus all its indexes
**    (or follows a rename of the table), and later operations on a rebuilt
**    table are dropped; table renames, then column renames, move to the front;
**  - identical statements are written once.
*/
#include "sqlgen_sqlite.h"

#include <string.h>

typedef struct dz_group {
  const char *key;
  dz_ops ops;
} dz_group;

typedef struct dz_builder {
  dz_sqlgen_ctx *ctx;
  bool turso;  /* Turso's rules (never in strict mode) */
  dz_ops list; /* drizzle-kit's operations, before combining */
  DZ_VEC(dz_group *) groups;
} dz_builder;

static dz_op *op_add(dz_builder *b, dz_op_kind kind, const dz_change *c, const char *table) {
  dz_op *op = dz_arena_alloc(b->ctx->a, sizeof *op);
  op->kind = kind;
  op->change = c;
  op->table = table;
  if (c) {
    op->table_next = c->new_table;
    op->table_prev = c->old_table;
  }
  dz_vec_push(b->ctx->a, &b->list, op);
  return op;
}

#define FOR_CHANGES(b, c)                                                       \
  for (const dz_change *c = (b)->ctx->diff->changes.items;                     \
       c < (b)->ctx->diff->changes.items + (b)->ctx->diff->changes.len; c++)

/* ---- listing, in drizzle-kit's order ------------------------------------- */

static void list_tables(dz_builder *b) {
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_TABLE_CREATE)
    op_add(b, DZ_OP_CREATE_TABLE, c, c->new_table->name);
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_TABLE_DROP)
    op_add(b, DZ_OP_DROP_TABLE, c, c->old_table->name);
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_TABLE_RENAME)
    op_add(b, DZ_OP_RENAME_TABLE, c, c->new_table->name);
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_COLUMN_RENAME)
    op_add(b, DZ_OP_RENAME_COLUMN, c, c->new_table->name);
}

static bool any_column_left(const dz_foreign_key *fk, const dz_table *t) {
  for (size_t i = 0; i < fk->columns_from.len; i++)
    if (dz_table_find_column(t, fk->columns_from.items[i])) return true;
  return false;
}

/* drizzle-kit adds and drops a composite key only when its columns change;
** a key that is merely renamed produces nothing. */
static bool pk_change_counts(dz_builder *b, const dz_change *pc) {
  const dz_strvec *added = NULL, *deleted = NULL;
  FOR_CHANGES(b, c) {
    if (c->new_table != pc->new_table || c->old_table != pc->old_table) continue;
    if (c->kind == DZ_CHANGE_PRIMARY_KEY_CREATE) added = &c->new_pk->columns;
    if (c->kind == DZ_CHANGE_PRIMARY_KEY_DROP) deleted = &c->old_pk->columns;
  }
  if (!added || !deleted || added->len != deleted->len) return true;
  for (size_t i = 0; i < added->len; i++)
    if (!dz_streq(added->items[i], deleted->items[i])) return true;
  return false;
}

static void list_drops(dz_builder *b) {
  FOR_CHANGES(b, c) {
    bool gone = c->kind == DZ_CHANGE_FOREIGN_KEY_DROP && !any_column_left(c->old_fk, c->new_table);
    if (b->turso && gone) continue;
    if (c->kind == DZ_CHANGE_FOREIGN_KEY_DROP || c->kind == DZ_CHANGE_FOREIGN_KEY_ALTER)
      op_add(b, DZ_OP_DROP_REF, c, c->new_table->name);
  }
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_CHECK_DROP || c->kind == DZ_CHANGE_CHECK_ALTER)
    op_add(b, DZ_OP_DROP_CHECK, c, c->new_table->name);
  for (int altered = 0; altered < 2; altered++)
    FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_INDEX_DROP && (c->new_index != NULL) == altered)
      op_add(b, DZ_OP_DROP_INDEX, c, c->new_table->name)->index = c->old_index;
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_PRIMARY_KEY_DROP && pk_change_counts(b, c))
    op_add(b, DZ_OP_DROP_PK, c, c->new_table->name);
}

static bool has_composite_pk_named(const dz_table *t, const char *name) {
  for (size_t i = 0; i < t->primary_keys.len; i++)
    if (dz_streq(t->primary_keys.items[i]->name, name)) return true;
  return false;
}

static void alter_op(dz_builder *b, const dz_change *c, dz_alter_op what) {
  dz_op *op = op_add(b, DZ_OP_ALTER_COLUMN, c, c->new_table->name);
  op->alter = what;
  op->column = c->new_column;
}

/* One column's statements except the primary-key ones, which drizzle-kit
** lists first for the whole table. */
static void list_column_alters(dz_builder *b, const dz_change *c, bool *set_autoinc) {
  const dz_column *o = c->old_column, *n = c->new_column;
  if (c->altered & DZ_ALTER_AUTOINCREMENT) {
    alter_op(b, c, n->autoincrement ? DZ_AL_SET_AUTOINC : DZ_AL_DROP_AUTOINC);
    if (n->autoincrement) *set_autoinc = true;
  }
  if (c->altered & DZ_ALTER_TYPE) alter_op(b, c, DZ_AL_SET_TYPE);
  if (c->altered & DZ_ALTER_DEFAULT)
    alter_op(b, c, n->def.kind != DZ_DEFAULT_NONE ? DZ_AL_SET_DEFAULT : DZ_AL_DROP_DEFAULT);
  if (c->altered & DZ_ALTER_NOT_NULL)
    alter_op(b, c, n->not_null ? DZ_AL_SET_NOTNULL : DZ_AL_DROP_NOTNULL);
  if (c->altered & DZ_ALTER_GENERATED) {
    if (n->generated == DZ_GENERATED_NONE) alter_op(b, c, DZ_AL_DROP_GENERATED);
    else alter_op(b, c, o->generated == DZ_GENERATED_NONE ? DZ_AL_SET_GENERATED
                                                            : DZ_AL_ALTER_GENERATED);
  }
}

static void list_table_alters(dz_builder *b, const dz_table *nt) {
  FOR_CHANGES(b, c) {
    if (c->kind != DZ_CHANGE_COLUMN_ALTER || c->new_table != nt) continue;
    if (!(c->altered & DZ_ALTER_PRIMARY_KEY) || c->new_column->primary_key) continue;
    char *pk = dz_arena_printf(b->ctx->a, "%s_%s", nt->name, c->new_column->name);
    if (!has_composite_pk_named(nt, pk)) alter_op(b, c, DZ_AL_DROP_PK);
  }
  size_t first = b->list.len;
  bool set_autoinc = false;
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_COLUMN_ALTER && c->new_table == nt)
    list_column_alters(b, c, &set_autoinc);
  dz_ops rest = {0};
  for (size_t i = first; i < b->list.len; i++) dz_vec_push(b->ctx->a, &rest, b->list.items[i]);
  b->list.len = first;
  FOR_CHANGES(b, c) {
    if (c->kind != DZ_CHANGE_COLUMN_ALTER || c->new_table != nt || set_autoinc) continue;
    if ((c->altered & DZ_ALTER_PRIMARY_KEY) && c->new_column->primary_key)
      alter_op(b, c, DZ_AL_SET_PK);
  }
  for (size_t i = 0; i < rest.len; i++) dz_vec_push(b->ctx->a, &b->list, rest.items[i]);
}

static const dz_foreign_key *added_fk_for(dz_builder *b, const dz_change *ac) {
  FOR_CHANGES(b, c) {
    if (c->kind != DZ_CHANGE_FOREIGN_KEY_CREATE || c->new_table != ac->new_table) continue;
    for (size_t i = 0; i < c->new_fk->columns_from.len; i++)
      if (dz_streq(c->new_fk->columns_from.items[i], ac->new_column->name)) return c->new_fk;
  }
  return NULL;
}

static void list_adds(dz_builder *b) {
  const dz_table *last = NULL;
  FOR_CHANGES(b, c) {
    if (c->kind != DZ_CHANGE_COLUMN_ALTER || c->new_table == last) continue;
    bool seen = false;
    for (const dz_change *d = b->ctx->diff->changes.items; d < c; d++)
      if (d->kind == DZ_CHANGE_COLUMN_ALTER && d->new_table == c->new_table) seen = true;
    if (!seen) list_table_alters(b, c->new_table);
    last = c->new_table;
  }
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_PRIMARY_KEY_CREATE && pk_change_counts(b, c))
    op_add(b, DZ_OP_ADD_PK, c, c->new_table->name);
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_COLUMN_ADD) {
    dz_op *op = op_add(b, DZ_OP_ADD_COLUMN, c, c->new_table->name);
    op->column = c->new_column;
    op->fk = added_fk_for(b, c);
  }
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_TABLE_CREATE)
    for (size_t i = 0; i < c->new_table->indexes.len; i++) {
      dz_op *op = op_add(b, DZ_OP_CREATE_INDEX, c, c->new_table->name);
      op->index = c->new_table->indexes.items[i];
      op->index_expressions = true;
    }
  for (int altered = 0; altered < 2; altered++)
    FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_INDEX_CREATE && (c->old_index != NULL) == altered) {
      dz_op *op = op_add(b, DZ_OP_CREATE_INDEX, c, c->new_table->name);
      op->index = c->new_index;
      op->index_expressions = true;
    }
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_CHECK_CREATE || c->kind == DZ_CHANGE_CHECK_ALTER)
    op_add(b, DZ_OP_CREATE_CHECK, c, c->new_table->name);
}

static void list_views(dz_builder *b) {
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_VIEW_DROP && !c->old_view->is_existing)
    op_add(b, DZ_OP_DROP_VIEW, c, NULL)->view = c->old_view;
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_VIEW_ALTER && !c->new_view->is_existing)
    op_add(b, DZ_OP_DROP_VIEW, c, NULL)->view = c->old_view;
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_VIEW_CREATE && !c->new_view->is_existing)
    op_add(b, DZ_OP_CREATE_VIEW, c, NULL)->view = c->new_view;
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_VIEW_ALTER && !c->new_view->is_existing)
    op_add(b, DZ_OP_CREATE_VIEW, c, NULL)->view = c->new_view;
}

static void list_rest(dz_builder *b) {
  if (b->turso) list_views(b);
  FOR_CHANGES(b, c) {
    if (c->kind == DZ_CHANGE_FOREIGN_KEY_CREATE || c->kind == DZ_CHANGE_FOREIGN_KEY_ALTER)
      op_add(b, DZ_OP_CREATE_REF, c, c->new_table->name)->fk = c->new_fk;
  }
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_COLUMN_DROP)
    op_add(b, DZ_OP_DROP_COLUMN, c, c->new_table->name)->column = c->old_column;
  FOR_CHANGES(b, c) if (c->kind == DZ_CHANGE_PRIMARY_KEY_ALTER)
    op_add(b, DZ_OP_ALTER_PK, c, c->new_table->name);
  if (!b->turso) list_views(b);
}

/* ---- combining ----------------------------------------------------------- */

static dz_group *group_for(dz_builder *b, const char *key, bool create) {
  for (size_t i = 0; i < b->groups.len; i++)
    if (dz_streq(b->groups.items[i]->key, key)) return b->groups.items[i];
  if (!create) return NULL;
  dz_group *g = dz_arena_alloc(b->ctx->a, sizeof *g);
  g->key = key;
  dz_vec_push(b->ctx->a, &b->groups, g);
  return g;
}

static bool group_has(const dz_group *g, dz_op_kind kind) {
  for (size_t i = 0; i < g->ops.len; i++)
    if (g->ops.items[i]->kind == kind) return true;
  return false;
}

/* The table as it was before this migration, under its old name. */
static const dz_table *prev_table(dz_builder *b, const dz_table *nt) {
  FOR_CHANGES(b, c) if (c->new_table == nt && c->old_table) return c->old_table;
  return b->ctx->prev ? dz_schema_find_table(b->ctx->prev, nt->name) : NULL;
}

static dz_op *group_recreate(const dz_group *g) {
  for (size_t i = 0; i < g->ops.len; i++)
    if (g->ops.items[i]->kind == DZ_OP_RECREATE) return g->ops.items[i];
  return NULL;
}

/* Replace (or, after a rename of the table, extend) g's operations by a
** rebuild of the table plus the creation of all its indexes; NULL when the
** table is not in the new schema. */
static dz_op *new_recreate(dz_builder *b, dz_group *g, const dz_op *cause) {
  dz_op *r = dz_arena_alloc(b->ctx->a, sizeof *r);
  r->kind = DZ_OP_RECREATE;
  r->table = g->key;
  r->change = cause->change;
  r->table_next = dz_schema_find_table(b->ctx->next, g->key);
  r->table_prev = r->table_next ? prev_table(b, r->table_next) : NULL;
  r->deviation = cause->deviation;
  if (!r->table_next) return NULL;
  if (group_has(g, DZ_OP_RENAME_TABLE)) {
    r->prior = dz_arena_alloc(b->ctx->a, g->ops.len * sizeof *r->prior + 1);
    for (size_t i = 0; i < g->ops.len; i++) r->prior[r->n_prior++] = g->ops.items[i];
  } else {
    g->ops.len = 0;
  }
  dz_vec_push(b->ctx->a, &g->ops, r);
  for (size_t i = 0; i < r->table_next->indexes.len; i++) {
    dz_op *ix = dz_arena_alloc(b->ctx->a, sizeof *ix);
    ix->kind = DZ_OP_CREATE_INDEX;
    ix->table = g->key;
    ix->table_next = r->table_next;
    ix->index = r->table_next->indexes.items[i];
    ix->change = cause->change;
    ix->deviation = cause->deviation;
    dz_vec_push(b->ctx->a, &g->ops, ix);
  }
  return r;
}

/* Rebuild g's table (once, whatever the number of causes) and note why. */
static void rebuild(dz_builder *b, dz_group *g, const dz_op *cause) {
  dz_op *r = group_recreate(g);
  if (!r && !(r = new_recreate(b, g, cause))) return;
  for (size_t i = 0; i < r->causes.len; i++)
    if (r->causes.items[i] == cause->change) return;
  if (cause->change) dz_vec_push(b->ctx->a, &r->causes, cause->change);
}

static void append(dz_builder *b, dz_op *op) {
  dz_group *g = group_for(b, op->table, true);
  if (!group_has(g, DZ_OP_RECREATE)) dz_vec_push(b->ctx->a, &g->ops, op);
}

static void force_rebuild(dz_builder *b, dz_op *op) {
  rebuild(b, group_for(b, op->table, true), op);
}

static bool group_adds_column(const dz_group *g, const char *name) {
  for (size_t i = 0; g && i < g->ops.len; i++)
    if (g->ops.items[i]->kind == DZ_OP_ADD_COLUMN && dz_streq(g->ops.items[i]->column->name, name))
      return true;
  return false;
}

/* Does a column later in the new table already exist in the old one? Then
** ADD COLUMN would put this one in another place (strict mode rebuilds). */
static bool add_lands_elsewhere(dz_builder *b, const dz_op *op) {
  const dz_table *nt = op->table_next, *ot = op->table_prev;
  bool after = false;
  for (size_t i = 0; i < nt->columns.len; i++) {
    if (nt->columns.items[i] == op->column) after = true;
    else if (after && ot) {
      const dz_column *later = nt->columns.items[i];
      FOR_CHANGES(b, c) {
        if (c->kind == DZ_CHANGE_COLUMN_RENAME && c->new_column == later) return true;
      }
      if (dz_table_find_column(ot, nt->columns.items[i]->name)) return true;
    }
  }
  return false;
}

static bool alter_rebuilds(dz_builder *b, const dz_op *op) {
  switch (op->alter) {
  case DZ_AL_SET_GENERATED:
  case DZ_AL_ALTER_GENERATED:
  case DZ_AL_DROP_GENERATED:
    return b->ctx->strict || op->column->generated == DZ_GENERATED_STORED;
  case DZ_AL_SET_TYPE:
  case DZ_AL_SET_DEFAULT:
  case DZ_AL_DROP_DEFAULT:
  case DZ_AL_SET_NOTNULL:
  case DZ_AL_DROP_NOTNULL:
    return !b->turso || dz_sqlite_turso_column_needs_rebuild(op->table_next, op->column);
  default:
    return true;
  }
}

static void combine_ref(dz_builder *b, dz_op *op) {
  dz_group *g = group_for(b, op->table, false);
  /* "multi" also covers a key with no columns, which only a rebuild can write. */
  bool multi = op->fk->columns_from.len != 1 || op->fk->columns_to.len != 1;
  if (!g && (!b->turso || multi)) {
    force_rebuild(b, op);
    return;
  }
  if (!g) {
    append(b, op);
    return;
  }
  bool single = b->turso ? !multi : op->fk->columns_from.len == 1;
  if (single && group_adds_column(g, op->fk->columns_from.items[0])) return;
  if (b->turso && !multi) append(b, op);
  else rebuild(b, g, op);
}

static void combine(dz_builder *b) {
  static const char stored[] =
      "a STORED generated column cannot be added with ALTER TABLE, so the table is rebuilt "
      "(drizzle-kit writes no statement for it)";
  for (size_t i = 0; i < b->list.len; i++) {
    dz_op *op = b->list.items[i];
    switch (op->kind) {
    case DZ_OP_ALTER_COLUMN:
      if (!alter_rebuilds(b, op)) break;
      if (op->column->generated == DZ_GENERATED_STORED && op->alter >= DZ_AL_SET_GENERATED &&
          op->alter <= DZ_AL_ALTER_GENERATED)
        op->deviation = stored;
      force_rebuild(b, op);
      continue;
    case DZ_OP_DROP_REF: case DZ_OP_DROP_PK: case DZ_OP_ADD_PK: case DZ_OP_ALTER_PK:
    case DZ_OP_DROP_CHECK: case DZ_OP_CREATE_CHECK:
      force_rebuild(b, op);
      continue;
    case DZ_OP_ADD_COLUMN:
      if (op->column->generated == DZ_GENERATED_STORED) op->deviation = stored;
      if (op->column->primary_key || op->deviation ||
          (b->ctx->strict && (add_lands_elsewhere(b, op) ||
                              (op->column->not_null && op->column->def.kind == DZ_DEFAULT_NONE)))) {
        force_rebuild(b, op);
        continue;
      }
      break;
    case DZ_OP_CREATE_REF:
      combine_ref(b, op);
      continue;
    default:
      break;
    }
    append(b, op);
  }
}

/* drizzle-kit keeps its groups in a JavaScript object, which lists keys
** that are array indexes ("0", "2024") first, in numeric order. */
static bool index_key(const char *k, unsigned long *value) {
  if (!k || !*k || (k[0] == '0' && k[1]) || strlen(k) > 10) return false;
  unsigned long v = 0;
  for (const char *p = k; *p; p++) {
    if (*p < '0' || *p > '9') return false;
    v = v * 10 + (unsigned long)(*p - '0');
  }
  *value = v;
  return v < 4294967295UL;
}

static void order_groups(dz_builder *b) {
  size_t n = b->groups.len;
  if (!n) return;
  dz_group **sorted = dz_arena_alloc(b->ctx->a, (n + 1) * sizeof *sorted);
  size_t w = 0;
  for (size_t i = 0; i < n; i++) { /* insertion sort of the index keys */
    unsigned long v, u;
    if (!index_key(b->groups.items[i]->key, &v)) continue;
    size_t at = w++;
    while (at > 0 && index_key(sorted[at - 1]->key, &u) && u > v) {
      sorted[at] = sorted[at - 1];
      at--;
    }
    sorted[at] = b->groups.items[i];
  }
  unsigned long ignored;
  for (size_t i = 0; i < n; i++)
    if (!index_key(b->groups.items[i]->key, &ignored)) sorted[w++] = b->groups.items[i];
  memcpy(b->groups.items, sorted, n * sizeof *sorted);
}

/* Table renames, then column renames, go first; the rest keeps its order. */
static void flatten(dz_builder *b, dz_ops *out) {
  static const int pass_kind[3] = {DZ_OP_RENAME_TABLE, DZ_OP_RENAME_COLUMN, -1};
  order_groups(b);
  for (int pass = 0; pass < 3; pass++)
    for (size_t i = 0; i < b->groups.len; i++)
      for (size_t j = 0; j < b->groups.items[i]->ops.len; j++) {
        dz_op *op = b->groups.items[i]->ops.items[j];
        bool is_ren = op->kind == DZ_OP_RENAME_TABLE || op->kind == DZ_OP_RENAME_COLUMN;
        if (pass < 2 ? (int)op->kind == pass_kind[pass] : !is_ren)
          dz_vec_push(b->ctx->a, out, op);
      }
}

/* ---- views around a rebuild ------------------------------------------------ */

static const char views_first[] =
    "the view is dropped before the tables change and created again after (SQLite checks every "
    "view when DROP COLUMN or a rebuild's RENAME TO runs, so drizzle-kit's order fails with "
    "\"error in view\")";

static bool ident_char(char ch) {
  return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
         (ch >= '0' && ch <= '9');
}

/* Does a view's SQL name this table (quoted or as a bare word)? A false
** positive only recreates a view that did not need it. */
static bool view_mentions(const dz_view *v, const char *table) {
  const char *d = v->definition;
  size_t n = strlen(table);
  for (const char *p = d ? strstr(d, table) : NULL; p; p = strstr(p + 1, table))
    if ((p == d || !ident_char(p[-1])) && !ident_char(p[n])) return true;
  return false;
}

static bool view_changes(dz_builder *b, const dz_view *ov) {
  FOR_CHANGES(b, c) if (c->old_view == ov) return true;
  return false;
}

/* Views that a rebuild or DROP COLUMN would trip over: those the migration
** drops anyway go first, unchanged ones that use an altered table are dropped
** first and created again at the end. */
static void lift_views(dz_builder *b, dz_ops *ops) {
  dz_ops front = {0}, back = {0}, rest = {0};
  bool alters = false;
  for (size_t i = 0; i < ops->len; i++)
    alters |= ops->items[i]->kind == DZ_OP_RECREATE || ops->items[i]->kind == DZ_OP_DROP_COLUMN;
  if (!alters || !b->ctx->prev) return;
  for (size_t i = 0; i < ops->len; i++) {
    dz_op *op = ops->items[i];
    if (op->kind == DZ_OP_DROP_VIEW) {
      op->deviation = views_first;
      dz_vec_push(b->ctx->a, &front, op);
    } else {
      dz_vec_push(b->ctx->a, &rest, op);
    }
  }
  for (size_t i = 0; i < b->ctx->prev->views.len; i++) {
    const dz_view *ov = b->ctx->prev->views.items[i];
    const dz_view *nv = dz_schema_find_view(b->ctx->next, ov->name);
    if (ov->is_existing || !nv || view_changes(b, ov)) continue;
    bool used = false;
    for (size_t j = 0; j < ops->len; j++) {
      const dz_op *op = ops->items[j];
      bool changes_table = op->kind == DZ_OP_RECREATE || op->kind == DZ_OP_DROP_COLUMN;
      if (changes_table && view_mentions(ov, op->table)) used = true;
    }
    if (!used) continue;
    dz_op *d = dz_arena_alloc(b->ctx->a, sizeof *d), *c = dz_arena_alloc(b->ctx->a, sizeof *c);
    *d = (dz_op){.kind = DZ_OP_DROP_VIEW, .view = ov, .deviation = views_first};
    *c = (dz_op){.kind = DZ_OP_CREATE_VIEW, .view = nv, .deviation = views_first};
    dz_vec_push(b->ctx->a, &front, d);
    dz_vec_push(b->ctx->a, &back, c);
  }
  ops->len = 0;
  dz_ops *parts[3] = {&front, &rest, &back};
  for (int k = 0; k < 3; k++)
    for (size_t i = 0; i < parts[k]->len; i++) dz_vec_push(b->ctx->a, ops, parts[k]->items[i]);
}

/* ---- dropping a referenced table ------------------------------------------- */

static const char drop_last[] =
    "the table is dropped last, after the tables that referenced it have lost the reference "
    "(dropping it first runs their ON DELETE on every row: rows are deleted or nulled, or the "
    "migration fails)";

/* Which tables of the old schema (by index) this migration drops, in a;
** NULL when there is no old schema. Worked out once: asking per table and
** per dropped table scanned every change for every pair. */
static bool *dropped_tables(dz_builder *b) {
  const dz_schema *p = b->ctx->prev;
  if (!p) return NULL;
  bool *dropped = dz_arena_alloc(b->ctx->a, (p->tables.len + 1) * sizeof *dropped);
  FOR_CHANGES(b, c) {
    if (c->kind != DZ_CHANGE_TABLE_DROP) continue;
    for (size_t i = 0; i < p->tables.len; i++)
      if (c->old_table == p->tables.items[i]) dropped[i] = true;
  }
  return dropped;
}

/* Is ot (old schema) referenced by a table that outlives this migration?
** dropped: from dropped_tables. */
static bool referenced_by_survivor(dz_builder *b, const bool *dropped, const dz_table *ot) {
  const dz_schema *p = b->ctx->prev;
  for (size_t i = 0; p && i < p->tables.len; i++) {
    const dz_table *t = p->tables.items[i];
    if (t == ot || dropped[i]) continue;
    for (size_t j = 0; j < t->foreign_keys.len; j++)
      if (dz_streq(t->foreign_keys.items[j]->table_to, ot->name)) return true;
  }
  return false;
}

static void drop_referenced_last(dz_builder *b, dz_ops *ops) {
  dz_ops last = {0};
  size_t w = 0;
  bool *dropped = NULL;
  for (size_t i = 0; i < ops->len; i++) {
    dz_op *op = ops->items[i];
    if (op->kind == DZ_OP_DROP_TABLE && !dropped) dropped = dropped_tables(b);
    if (op->kind == DZ_OP_DROP_TABLE && referenced_by_survivor(b, dropped, op->change->old_table)) {
      op->deviation = drop_last;
      dz_vec_push(b->ctx->a, &last, op);
    } else {
      ops->items[w++] = op;
    }
  }
  ops->len = w;
  for (size_t i = 0; i < last.len; i++) dz_vec_push(b->ctx->a, ops, last.items[i]);
}

/* drizzle-kit writes each distinct statement once. A rebuild's PRAGMA pair
** is kept every time: without it the second rebuild runs with foreign keys
** on outside a transaction. */
static void dedupe(dz_sqlgen_ctx *ctx, size_t from) {
  dz_sql_stmts *s = ctx->out;
  size_t w = from;
  for (size_t i = from; i < s->len; i++) {
    bool dup = false;
    for (size_t j = from; j < w && !dup; j++) dup = strcmp(s->items[j].sql, s->items[i].sql) == 0;
    if (dz_sqlite_keeps_rows(&s->items[i])) dup = false;
    if (dup && strncmp(s->items[i].sql, "PRAGMA foreign_keys=", 20) == 0) {
      if (!s->items[i].deviation)
        s->items[i].deviation =
            "keeps this rebuild's PRAGMA (drizzle-kit writes identical statements once, so a "
            "second rebuild in one migration loses its PRAGMA foreign_keys pair)";
      dup = false;
    }
    if (!dup) s->items[w++] = s->items[i];
  }
  s->len = w;
}

static dz_result sqlite_statements(dz_sqlgen_ctx *ctx, dz_error *err) {
  (void)err;
  dz_builder b;
  memset(&b, 0, sizeof b);
  b.ctx = ctx;
  b.turso = ctx->dialect == DZ_DIALECT_TURSO && !ctx->strict;
  list_tables(&b);
  list_drops(&b);
  list_adds(&b);
  list_rest(&b);
  combine(&b);
  dz_ops ops = {0};
  flatten(&b, &ops);
  lift_views(&b, &ops);
  drop_referenced_last(&b, &ops);
  size_t first = ctx->out->len;
  for (size_t i = 0; i < ops.len; i++) {
    const dz_op *op = ops.items[i];
    if (op->kind != DZ_OP_RECREATE) continue;
    dz_sql_rebuild r = {op->table, op->causes.items, op->causes.len};
    dz_vec_push(ctx->a, &ctx->rebuilds, r);
  }
  for (size_t i = 0; i < ops.len; i++) dz_sqlite_write_op(ctx, ops.items[i]);
  dedupe(ctx, first);
  return DZ_OK;
}

const dz_sql_dialect *dz_sql_dialect_sqlite(void) {
  static const dz_sql_dialect d = {"sqlite", sqlite_statements};
  return &d;
}
