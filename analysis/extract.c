/*
** extract.c — evaluated drizzle values to the schema model (extract.h):
** tables, columns, extra config and views, with drizzle-kit 0.31's rules for
** generated names, key order, casing and what a snapshot keeps.
*/
#include "drizzle_lsp/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drizzle_lsp/fileio.h"
#include "drizzle_lsp/sqltext.h"

typedef struct dz_link {
  dz_eval *ev;
  dz_schema *s;
  dz_diag_list *diags;
  dz_casing casing;
} dz_link;

#define CODE_UNRESOLVED "unresolved-construct"

static dz_span span_in(dz_link *L, const dz_module *m, TSNode n) {
  if (!m || ts_node_is_null(n)) return dz_span_none();
  return dz_span_of(n, (uint32_t)dz_eval_module_index(L->ev, m));
}

static const char *reason_of(const dz_value *bad) {
  if (bad->kind == DZ_V_UNKNOWN) return bad->str;
  return "a value that drizzle-kit cannot store";
}

/* A warning about a construct that cannot be resolved, pointing at it. */
static void warn_value(dz_link *L, const dz_value *bad, const dz_module *fm, TSNode fn,
                       const char *what, const char *table) {
  const dz_module *m = bad->mod ? bad->mod : fm;
  TSNode n = bad->mod ? bad->node : fn;
  dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, m, n),
              "%s of table `%s` is left out: %s", what, table, reason_of(bad));
}

static void error_at(dz_link *L, const dz_module *m, TSNode n, const char *fmt, const char *a,
                     const char *b) {
  dz_diag_add(L->s->arena, L->diags, DZ_SEV_ERROR, "drizzle-kit-error", span_in(L, m, n), fmt, a, b);
}

/* column.name in drizzle-orm: the given name, or the key (never cased). */
static const char *raw_name(const dz_tablev *t, size_t i) {
  dz_value *b = t->columns->items.items[i];
  return b->kind == DZ_V_COLUMN_BUILDER && b->col->name ? b->col->name : t->columns->keys.items[i];
}

/* drizzle-kit renames generated fk/pk names under casing with String.replace
** (first occurrence of each raw column name). */
static const char *replace_first(dz_arena *a, const char *s, const char *from, const char *to) {
  const char *p = *from ? strstr(s, from) : s;
  if (!p) return s;
  return dz_arena_printf(a, "%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

/* ---- columns ------------------------------------------------------------------ */

static dz_index *put_index(dz_link *L, dz_table *t, const char *name) {
  dz_index *ix = dz_table_find_index(t, name);
  if (!ix) return dz_table_add_index(L->s, t, name);
  memset(&ix->columns, 0, sizeof ix->columns);
  memset(&ix->expression, 0, sizeof ix->expression);
  ix->where = NULL;
  return ix;
}

static void build_column(dz_link *L, dz_table *t, dz_tablev *tv, size_t i) {
  dz_value *bv = tv->columns->items.items[i];
  const char *key = tv->columns->keys.items[i];
  const dz_module *km = tv->columns->key_mods.items[i];
  TSNode kn = tv->columns->key_nodes.items[i];
  if (bv->kind != DZ_V_COLUMN_BUILDER) {
    const char *what = strcmp(key, "...") == 0 ? "a spread of columns"
                                                : dz_arena_printf(L->s->arena, "column `%s`", key);
    if (bv->kind == DZ_V_UNKNOWN) warn_value(L, bv, km, kn, what, t->name);
    else
      dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, km, kn),
                  "%s of table `%s` is left out: it is not a column builder", what, t->name);
    return;
  }
  dz_colbuilder *b = bv->col;
  const char *name = dz_column_sql_name(L->ev, tv, i, L->casing);
  dz_column *c = dz_table_find_column(t, name);
  if (c && c->key && strcmp(c->key, key) != 0)
    dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, "duplicate-column", span_in(L, km, kn),
                "column `%s` of table `%s` is declared twice (keys %s and %s): drizzle-kit keeps "
                "only this one",
                name, t->name, c->key, key);
  if (!c) c = dz_table_add_column(L->s, t, name);
  c->type = dz_arena_strdup(L->s->arena, b->type);
  c->primary_key = b->primary_key;
  c->not_null = b->not_null;
  c->autoincrement = b->is_integer && b->autoincrement;
  c->key = dz_arena_strdup(L->s->arena, key);
  c->mode = b->mode ? dz_arena_strdup(L->s->arena, b->mode) : NULL;
  c->span = span_in(L, km, kn);
  c->def.kind = DZ_DEFAULT_NONE;
  if (b->def) {
    dz_value *bad = NULL;
    dz_default d;
    if (dz_default_of(L->ev, b->def, L->casing, &d, &bad)) {
      c->def.kind = d.kind;
      c->def.text = dz_arena_strdup(L->s->arena, d.text);
    } else {
      warn_value(L, bad, km, kn, dz_arena_printf(L->s->arena, "the default of column `%s`", name), t->name);
    }
  }
  if (b->generated) {
    dz_value *as = b->generated, *bad = NULL;
    if (as->kind == DZ_V_FUNCTION) as = dz_eval_call(L->ev, as, NULL, 0, kn, km);
    const char *txt = as->kind == DZ_V_STRING ? as->str
                      : as->kind == DZ_V_SQL  ? dz_sql_render(L->ev, as, DZ_SQL_INDEXES, L->casing, &bad)
                                              : (bad = as, NULL);
    if (txt) {
      c->generated = strcmp(b->generated_mode, "stored") == 0 ? DZ_GENERATED_STORED : DZ_GENERATED_VIRTUAL;
      c->generated_as = dz_arena_printf(L->s->arena, "(%s)", txt);
    } else {
      warn_value(L, bad, km, kn, dz_arena_printf(L->s->arena, "the generated expression of column `%s`", name), t->name);
    }
  }
  if (b->unique) {
    const char *un = b->unique_name ? b->unique_name
                                    : dz_arena_printf(L->s->arena, "%s_%s_unique", t->name, raw_name(tv, i));
    if (dz_table_find_index(t, un))
      error_at(L, km, kn, "drizzle-kit rejects this schema: the unique constraint `%s` on table `%s` repeats a name", un, t->name);
    dz_index *ix = put_index(L, t, un);
    dz_strvec_push(L->s, &ix->columns, name);
    dz_vec_push(L->s->arena, &ix->expression, false);
    ix->unique = true;
    ix->span = c->span;
  }
}

/* The SQL column names of an array of column values; NULL (warned) if one
** is not a column. raw gets drizzle-orm's column.name of each. */
static bool column_list(dz_link *L, dz_table *t, dz_value *list, dz_strvec *names, dz_strvec *raw,
                        const dz_tablev **owner, const dz_module *m, TSNode at, const char *what) {
  if (!list || list->kind != DZ_V_ARRAY || list->items.len == 0) {
    dz_value *bad = list && list->kind == DZ_V_UNKNOWN ? list : NULL;
    if (bad) warn_value(L, bad, m, at, what, t->name);
    else dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, m, at),
                     "%s of table `%s` is left out: its columns cannot be resolved statically", what, t->name);
    return false;
  }
  for (size_t i = 0; i < list->items.len; i++) {
    dz_value *c = list->items.items[i];
    if (c->kind != DZ_V_COLUMN) {
      warn_value(L, c->kind == DZ_V_UNKNOWN ? c : dz_value_unknown(L->ev, m, at, "`%s` is not a column",
                 dz_construct_text(L->ev, m, at)), m, at, what, t->name);
      return false;
    }
    if (owner && i == 0) *owner = c->table;
    dz_vec_push(L->s->arena, names, dz_arena_strdup(L->s->arena, dz_column_sql_name(L->ev, c->table, c->index, L->casing)));
    dz_vec_push(L->s->arena, raw, raw_name(c->table, c->index));
  }
  return true;
}

static const char *cased_name(dz_link *L, const char *name, dz_strvec *raw, dz_strvec *cased) {
  if (L->casing == DZ_CASING_NONE) return name;
  for (size_t i = 0; i < raw->len; i++) name = replace_first(L->s->arena, name, raw->items[i], cased->items[i]);
  return name;
}

static const char *joined(dz_arena *a, dz_strvec *v) {
  const char *s = "";
  for (size_t i = 0; i < v->len; i++) s = dz_arena_printf(a, "%s%s%s", s, i ? "_" : "", v->items[i]);
  return s;
}

static void put_fk(dz_link *L, dz_table *t, const char *name, const dz_tablev *to, dz_strvec *from_cols,
                   dz_strvec *to_cols, const char *on_delete, const char *on_update, dz_span span) {
  dz_foreign_key *fk = NULL;
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    if (strcmp(t->foreign_keys.items[i]->name, name) == 0) fk = t->foreign_keys.items[i];
  if (!fk) fk = dz_table_add_foreign_key(L->s, t, name);
  fk->table_from = t->name;
  fk->table_to = dz_arena_strdup(L->s->arena, to->name);
  fk->columns_from = *from_cols;
  fk->columns_to = *to_cols;
  fk->on_delete = dz_arena_strdup(L->s->arena, on_delete ? on_delete : "no action");
  fk->on_update = dz_arena_strdup(L->s->arena, on_update ? on_update : "no action");
  fk->span = span;
}

/* drizzle-kit's `${tableFrom}_${columnsFrom}_${tableTo}_${columnsTo}_fk`, from raw names. */
static const char *fk_name(dz_link *L, const char *given, const char *from, dz_strvec *raw_from,
                           const char *to, dz_strvec *raw_to, dz_strvec *from_cols, dz_strvec *to_cols) {
  const char *name = given ? given : dz_arena_printf(L->s->arena, "%s_%s_%s_%s_fk", from,
                                                      joined(L->s->arena, raw_from), to, joined(L->s->arena, raw_to));
  name = cased_name(L, name, raw_from, from_cols);
  return cased_name(L, name, raw_to, to_cols);
}

static void inline_fks(dz_link *L, dz_table *t, dz_tablev *tv) {
  for (size_t i = 0; i < tv->columns->items.len; i++) {
    dz_value *bv = tv->columns->items.items[i];
    if (bv->kind != DZ_V_COLUMN_BUILDER) continue;
    const dz_module *km = tv->columns->key_mods.items[i];
    TSNode kn = tv->columns->key_nodes.items[i];
    for (size_t r = 0; r < bv->col->refs.len; r++) {
      dz_fkref *ref = &bv->col->refs.items[r];
      dz_value *target = dz_eval_call(L->ev, ref->ref, NULL, 0, kn, km);
      if (target->kind != DZ_V_COLUMN) {
        warn_value(L, target->kind == DZ_V_UNKNOWN ? target : dz_value_unknown(L->ev, km, kn, "references() does not name a column"),
                   km, kn, dz_arena_printf(L->s->arena, "the reference of column `%s`", tv->columns->keys.items[i]), t->name);
        continue;
      }
      dz_strvec from = {0}, to = {0}, rf = {0}, rt = {0};
      dz_vec_push(L->s->arena, &from, dz_arena_strdup(L->s->arena, dz_column_sql_name(L->ev, tv, i, L->casing)));
      dz_vec_push(L->s->arena, &rf, raw_name(tv, i));
      dz_vec_push(L->s->arena, &to, dz_arena_strdup(L->s->arena, dz_column_sql_name(L->ev, target->table, target->index, L->casing)));
      dz_vec_push(L->s->arena, &rt, raw_name(target->table, target->index));
      const char *name = fk_name(L, NULL, t->name, &rf, target->table->name, &rt, &from, &to);
      put_fk(L, t, name, target->table, &from, &to, ref->on_delete, ref->on_update, span_in(L, km, kn));
    }
  }
}

/* ---- extra config -------------------------------------------------------------- */

static void extra_index(dz_link *L, dz_table *t, dz_constraintv *c, const dz_module *m, TSNode n) {
  dz_value *cols = c->columns;
  dz_strvec names = {0};
  DZ_VEC(bool) expr = {0};
  for (size_t i = 0; cols && i < cols->items.len; i++) {
    dz_value *part = cols->items.items[i], *bad = NULL;
    if (part->kind == DZ_V_COLUMN) {
      dz_vec_push(L->s->arena, &names, dz_arena_strdup(L->s->arena, dz_column_sql_name(L->ev, part->table, part->index, L->casing)));
      dz_vec_push(L->s->arena, &expr, false);
      continue;
    }
    const char *sql = part->kind == DZ_V_SQL ? dz_sql_render(L->ev, part, DZ_SQL_INDEXES, L->casing, &bad) : (bad = part, NULL);
    if (!sql) {
      warn_value(L, bad, m, n, dz_arena_printf(L->s->arena, "index `%s`", c->name), t->name);
      return;
    }
    dz_vec_push(L->s->arena, &names, dz_arena_strdup(L->s->arena, sql));
    dz_vec_push(L->s->arena, &expr, true);
  }
  const char *where = NULL;
  if (c->where && c->where->kind == DZ_V_SQL) {
    dz_value *bad = NULL;
    where = dz_sql_render(L->ev, c->where, DZ_SQL_QUALIFIED, L->casing, &bad);
    if (!where) {
      warn_value(L, bad, m, n, dz_arena_printf(L->s->arena, "index `%s`", c->name), t->name);
      return;
    }
  } else if (c->where && c->where->kind == DZ_V_UNKNOWN) {
    warn_value(L, c->where, m, n, dz_arena_printf(L->s->arena, "index `%s`", c->name), t->name);
    return;
  }
  dz_index *ix = put_index(L, t, c->name);
  ix->columns = names;
  ix->expression.items = expr.items;
  ix->expression.len = expr.len;
  ix->expression.cap = expr.cap;
  ix->unique = c->unique;
  ix->where = dz_arena_strdup(L->s->arena, where);
  ix->span = span_in(L, m, n);
}

static void extra_unique(dz_link *L, dz_table *t, dz_constraintv *c, const dz_module *m, TSNode n) {
  dz_strvec names = {0}, raw = {0};
  if (!column_list(L, t, c->columns, &names, &raw, NULL, m, n, "a unique constraint")) return;
  const char *name = c->name ? c->name : dz_arena_printf(L->s->arena, "%s_%s_unique", t->name, joined(L->s->arena, &raw));
  if (dz_table_find_index(t, name)) {
    error_at(L, m, n, "drizzle-kit rejects this schema: the unique constraint `%s` on table `%s` repeats a name", name, t->name);
    return;
  }
  dz_index *ix = dz_table_add_index(L->s, t, name);
  ix->columns = names;
  for (size_t i = 0; i < names.len; i++) dz_vec_push(L->s->arena, &ix->expression, false);
  ix->unique = true;
  ix->span = span_in(L, m, n);
}

static void extra_pk(dz_link *L, dz_table *t, dz_constraintv *c, const dz_module *m, TSNode n) {
  dz_strvec names = {0}, raw = {0};
  if (!column_list(L, t, c->columns, &names, &raw, NULL, m, n, "a primary key")) return;
  if (names.len == 1) { /* folds into the column's own flag (notNull unchanged) */
    dz_column *col = dz_table_find_column(t, names.items[0]);
    if (col) col->primary_key = true;
    return;
  }
  const char *name = c->name ? c->name : dz_arena_printf(L->s->arena, "%s_%s_pk", t->name, joined(L->s->arena, &raw));
  name = cased_name(L, name, &raw, &names);
  dz_primary_key *pk = NULL;
  for (size_t i = 0; i < t->primary_keys.len; i++)
    if (strcmp(t->primary_keys.items[i]->name, name) == 0) pk = t->primary_keys.items[i];
  if (!pk) pk = dz_table_add_primary_key(L->s, t, name);
  pk->columns = names;
  pk->span = span_in(L, m, n);
}

static void extra_fk(dz_link *L, dz_table *t, dz_constraintv *c, const dz_module *m, TSNode n) {
  dz_strvec from = {0}, rf = {0}, to = {0}, rt = {0};
  const dz_tablev *target = NULL;
  if (!column_list(L, t, c->columns, &from, &rf, NULL, m, n, "a foreign key") ||
      !column_list(L, t, c->foreign, &to, &rt, &target, m, n, "a foreign key"))
    return;
  const char *name = fk_name(L, c->name, t->name, &rf, target->name, &rt, &from, &to);
  put_fk(L, t, name, target, &from, &to, c->on_delete, c->on_update, span_in(L, m, n));
}

static void extra_check(dz_link *L, dz_table *t, dz_constraintv *c, const dz_module *m, TSNode n) {
  dz_value *bad = NULL;
  const char *sql = c->check && c->check->kind == DZ_V_SQL
                        ? dz_sql_render(L->ev, c->check, DZ_SQL_QUALIFIED, L->casing, &bad)
                        : (bad = c->check ? c->check : dz_value_unknown(L->ev, m, n, "check() has no SQL"), NULL);
  if (!sql) {
    warn_value(L, bad, m, n, dz_arena_printf(L->s->arena, "check `%s`", c->name), t->name);
    return;
  }
  for (size_t i = 0; i < t->checks.len; i++)
    if (strcmp(t->checks.items[i]->name, c->name) == 0) {
      error_at(L, m, n, "drizzle-kit rejects this schema: the check `%s` on table `%s` repeats a name", c->name, t->name);
      return;
    }
  dz_check *ck = dz_table_add_check(L->s, t, c->name);
  ck->value = dz_arena_strdup(L->s->arena, sql);
  ck->span = span_in(L, m, n);
}

/* The extra config's builders in order: an array is flattened one level, an
** object gives its values. */
static void extra_items(dz_link *L, dz_value *v, dz_value *out) {
  if (v->kind == DZ_V_OBJECT || v->kind == DZ_V_ARRAY) {
    for (size_t i = 0; i < v->items.len; i++) {
      dz_value *it = v->items.items[i];
      if (v->kind == DZ_V_ARRAY && it->kind == DZ_V_ARRAY)
        for (size_t j = 0; j < it->items.len; j++) dz_vec_push(dz_eval_arena(L->ev), &out->items, it->items.items[j]);
      else
        dz_vec_push(dz_eval_arena(L->ev), &out->items, it);
    }
  } else {
    dz_vec_push(dz_eval_arena(L->ev), &out->items, v);
  }
}

static void build_extra(dz_link *L, dz_table *t, dz_value *tv_value) {
  dz_tablev *tv = tv_value->table;
  dz_value *cfg = tv->extra;
  if (cfg->kind == DZ_V_FUNCTION) cfg = dz_eval_call(L->ev, cfg, &tv_value, 1, tv->node, tv->mod);
  dz_value *items = dz_value_new(L->ev, DZ_V_ARRAY, tv->mod, tv->node);
  extra_items(L, cfg, items);
  /* drizzle-kit's order: indexes, then unique constraints, pks, checks; fks after inline ones */
  static const dz_constraint_kind order[] = {DZ_C_INDEX, DZ_C_UNIQUE, DZ_C_PRIMARY_KEY, DZ_C_CHECK, DZ_C_FOREIGN_KEY};
  for (size_t k = 0; k < 5; k++)
    for (size_t i = 0; i < items->items.len; i++) {
      dz_value *it = items->items.items[i];
      if (k == 0 && it->kind != DZ_V_CONSTRAINT) {
        if (it->kind == DZ_V_UNKNOWN) warn_value(L, it, tv->mod, tv->node, "an extra-config entry", t->name);
        continue;
      }
      if (it->kind != DZ_V_CONSTRAINT || it->extra->kind != order[k]) continue;
      dz_constraintv *c = it->extra;
      if ((c->kind == DZ_C_INDEX || c->kind == DZ_C_UNIQUE) && !c->has_on) continue; /* drizzle ignores it */
      switch (c->kind) {
        case DZ_C_INDEX: extra_index(L, t, c, it->mod, it->node); break;
        case DZ_C_UNIQUE: extra_unique(L, t, c, it->mod, it->node); break;
        case DZ_C_PRIMARY_KEY: extra_pk(L, t, c, it->mod, it->node); break;
        case DZ_C_CHECK: extra_check(L, t, c, it->mod, it->node); break;
        case DZ_C_FOREIGN_KEY: extra_fk(L, t, c, it->mod, it->node); break;
      }
    }
}

/* ---- tables, views, link ------------------------------------------------------------ */

static void build_table(dz_link *L, dz_value *tvv, const char *export_name) {
  dz_tablev *tv = tvv->table;
  dz_table *t = dz_schema_find_table(L->s, tv->name); /* same name: the later one wins in place */
  dz_span span = span_in(L, tv->mod, tv->node);
  if (t && (t->span.file != span.file || t->span.start_byte != span.start_byte))
    dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, "duplicate-table",
                span_in(L, tv->mod, tv->name_node),
                "table `%s` is declared twice (as %s and %s): drizzle-kit keeps only this one",
                tv->name, t->export_name ? t->export_name : "?", export_name);
  if (t) {
    memset(&t->columns, 0, sizeof t->columns);
    memset(&t->indexes, 0, sizeof t->indexes);
    memset(&t->foreign_keys, 0, sizeof t->foreign_keys);
    memset(&t->primary_keys, 0, sizeof t->primary_keys);
    memset(&t->checks, 0, sizeof t->checks);
  } else {
    t = dz_schema_add_table(L->s, tv->name);
  }
  t->export_name = dz_arena_strdup(L->s->arena, export_name);
  t->span = span_in(L, tv->mod, tv->node);
  t->name_span = span_in(L, tv->mod, tv->name_node);
  for (size_t i = 0; i < tv->columns->items.len; i++) build_column(L, t, tv, i);
  inline_fks(L, t, tv);
  if (tv->extra) build_extra(L, t, tvv);
}

/* A view column as drizzle-kit's view serializer writes it (name as given,
** no casing; string defaults unescaped). */
static void view_column(dz_link *L, dz_view *mv, const dz_colbuilder *b, const char *name, const char *key,
                        dz_span span) {
  dz_column *c = NULL;
  for (size_t i = 0; i < mv->columns.len && !c; i++)
    if (strcmp(mv->columns.items[i]->name, name) == 0) c = mv->columns.items[i];
  if (c) memset(&c->def, 0, sizeof c->def);
  else c = dz_view_add_column(L->s, mv, name);
  c->type = dz_arena_strdup(L->s->arena, b->type);
  c->primary_key = b->primary_key;
  c->not_null = b->not_null;
  c->autoincrement = b->is_integer && b->autoincrement;
  c->key = dz_arena_strdup(L->s->arena, key);
  c->mode = b->mode ? dz_arena_strdup(L->s->arena, b->mode) : NULL;
  c->span = span;
  dz_default d;
  dz_value *bad = NULL;
  if (b->def && b->def->kind == DZ_V_STRING) { /* drizzle-kit leaves view string defaults unescaped */
    c->def.kind = DZ_DEFAULT_SQL;
    c->def.text = dz_arena_printf(L->s->arena, "'%s'", b->def->str);
  } else if (b->def && dz_default_of(L->ev, b->def, L->casing, &d, &bad)) {
    c->def.kind = d.kind;
    c->def.text = dz_arena_strdup(L->s->arena, d.text);
  }
}

static void build_view(dz_link *L, dz_value *vv) {
  dz_viewv *v = vv->view;
  if (dz_schema_find_view(L->s, v->name)) {
    error_at(L, vv->mod, vv->node, "drizzle-kit rejects this schema: view `%s` is defined twice%s", v->name, "");
    return;
  }
  dz_value *bad = NULL;
  const char *def = NULL;
  if (!v->existing) {
    def = v->query ? dz_sql_render(L->ev, v->query, DZ_SQL_VIEW, L->casing, &bad) : NULL;
    if (!def) {
      dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, vv->mod, vv->node),
                  "view `%s` is left out: its definition cannot be resolved statically", v->name);
      return;
    }
  }
  dz_view *mv = dz_schema_add_view(L->s, v->name);
  mv->is_existing = v->existing;
  mv->definition = dz_arena_strdup(L->s->arena, def);
  mv->span = span_in(L, vv->mod, vv->node);
  dz_value *cols = v->columns;
  for (size_t i = 0; cols && i < cols->items.len; i++) {
    dz_value *bv = cols->items.items[i];
    if (bv->kind != DZ_V_COLUMN_BUILDER) continue;
    view_column(L, mv, bv->col, bv->col->name ? bv->col->name : cols->keys.items[i], cols->keys.items[i],
                span_in(L, cols->key_mods.items[i], cols->key_nodes.items[i]));
  }
  /* a query-builder view: its selected table columns, by column name (a
  ** repeated name keeps its first place and takes the later column) */
  dz_value *sel = v->columns ? NULL : v->selected;
  for (size_t i = 0; sel && i < sel->items.len; i++) {
    dz_value *f = sel->items.items[i];
    dz_value *bv = f->kind == DZ_V_COLUMN ? f->table->columns->items.items[f->index] : NULL;
    if (!bv || bv->kind != DZ_V_COLUMN_BUILDER) continue;
    const char *key = f->table->columns->keys.items[f->index];
    view_column(L, mv, bv->col, bv->col->name ? bv->col->name : key, key,
                span_in(L, sel->key_mods.items[i], sel->key_nodes.items[i]));
  }
}

typedef DZ_VEC(dz_tablev *) dz_tablevs;

static void link_module(dz_link *L, const dz_module *m, dz_tablevs *seen) {
  dz_strvec names = {0};
  dz_module_export_names(L->ev, m, &names);
  for (size_t i = 0; i < names.len; i++) {
    dz_value *v = dz_eval_export(L->ev, m, names.items[i]);
    if (v->kind == DZ_V_TABLE && v->table->alias_of) { /* drizzle-kit's copy keeps the table's index names */
      dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, v->mod, v->node),
                  "export `%s` is left out: an exported alias() of `%s` is a second table to drizzle-kit, "
                  "with `%s`'s index and constraint names; drizzle-lsp does not copy it",
                  names.items[i], v->table->alias_of, v->table->alias_of);
    } else if (v->kind == DZ_V_TABLE) {
      bool dup = false; /* drizzle-kit keeps a table object once (a Set) */
      for (size_t j = 0; j < seen->len; j++) dup |= seen->items[j] == v->table;
      if (dup) continue;
      dz_vec_push(dz_eval_arena(L->ev), seen, v->table);
      build_table(L, v, names.items[i]);
    } else if (v->kind == DZ_V_VIEW) {
      build_view(L, v);
    } else if (v->kind == DZ_V_VIEW_BUILDER) {
      dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, v->mod, v->node),
                  "view `%s` has no .as(...) or .existing(); drizzle-kit cannot use it", v->view->name);
    } else if (v->kind == DZ_V_UNKNOWN && v->mod && dz_export_looks_like_schema(m, names.items[i])) {
      dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, CODE_UNRESOLVED, span_in(L, v->mod, v->node),
                  "export `%s` is left out: %s", names.items[i], v->str);
    }
  }
}

static void add_problems(dz_link *L, const dz_module *m) {
  for (size_t i = 0; i < m->problems.len; i++)
    dz_diag_add(L->s->arena, L->diags, DZ_SEV_WARNING, m->problems.items[i].code,
                span_in(L, m, m->problems.items[i].node), "%s", m->problems.items[i].message);
}

dz_result dz_schema_link(dz_module *const *mods, size_t n, const dz_extract_options *opt,
                         dz_module_loader load, void *load_ctx, dz_arena *a, dz_schema **out,
                         dz_diag_list *diags, dz_error *err) {
  dz_link L = {dz_eval_new(mods, n, load, load_ctx), dz_schema_new(a, opt ? opt->dialect : DZ_DIALECT_SQLITE),
               diags, opt ? opt->casing : DZ_CASING_NONE};
  dz_tablevs seen = {0};
  if (opt && opt->tsconfig) dz_eval_use_tsconfig(L.ev, opt->tsconfig);
  for (size_t i = 0; i < n; i++) add_problems(&L, mods[i]);
  for (size_t i = 0; i < n; i++) link_module(&L, mods[i], &seen);
  for (size_t i = 0; i < dz_eval_module_count(L.ev); i++)
    dz_strvec_push(L.s, &L.s->files, dz_module_path(dz_eval_module_at(L.ev, i)));
  dz_eval_free(L.ev);
  *out = L.s;
  (void)err;
  return DZ_OK;
}

/* ---- whole-project convenience ------------------------------------------------------ */

dz_module *dz_module_read(const char *path, dz_error *err) {
  dz_arena *tmp = dz_arena_new(); /* the module keeps its own copy of the text */
  char *text;
  size_t len;
  dz_module *m = NULL;
  if (dz_read_file(path, tmp, &text, &len, err) == DZ_OK) m = dz_module_extract(path, text, len, NULL, err);
  dz_arena_free(tmp);
  return m;
}

dz_module *dz_module_read_loader(void *ctx, const char *path, bool *owned) {
  (void)ctx; /* a file that cannot be read leaves the import unresolved (a warning) */
  *owned = true;
  return dz_module_read(path, NULL);
}

dz_result dz_extract_schema(const dz_source_file *files, size_t n, const dz_extract_options *opt,
                            dz_arena *a, dz_schema **out, dz_diag_list *diags, dz_error *err) {
  dz_module **mods = calloc(n ? n : 1, sizeof *mods);
  if (!mods) return dz_error_set(err, DZ_ERR_NOMEM, "out of memory");
  dz_result rc = DZ_OK;
  for (size_t i = 0; i < n && rc == DZ_OK; i++) {
    mods[i] = dz_module_extract(files[i].path, files[i].text, files[i].len, NULL, err);
    if (!mods[i]) rc = err ? err->code : DZ_ERR_SYNTAX;
  }
  if (rc == DZ_OK) rc = dz_schema_link(mods, n, opt, dz_module_read_loader, NULL, a, out, diags, err);
  for (size_t i = 0; i < n; i++) dz_module_free(mods[i]);
  free(mods);
  return rc;
}
