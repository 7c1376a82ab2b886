/*
** sqlgen_sqlite_rebuild.c — the SQLite table rebuild (CREATE TABLE __new_<t>,
** copy, DROP, RENAME) as drizzle-kit writes it, corrected where it loses data:
**  - only columns the old table has are copied: a new column is left out (or
**    copied as NULL when NOT NULL without default, so SQLite refuses the
**    migration if rows exist rather than store the column's name as text), a
**    renamed column is copied from its old name, a generated one is computed;
**  - drizzle-orm runs a migration in a transaction, where PRAGMA foreign_keys
**    is a no-op: the rows of tables that reference the rebuilt one (directly or
**    not) wait in temporary tables while those tables are emptied leaf-first,
**    and come back after; a table in a reference cycle (or referencing itself)
**    keeps its own rows the same way, with checks deferred to COMMIT.
*/
#include "sqlgen_sqlite.h"

#include <sqlite3.h>
#include <string.h>

/* Is name (a table's new name) one that exists before this migration? */
static const dz_table *old_table_named(dz_sqlgen_ctx *ctx, const char *name) {
  const dz_diff *d = ctx->diff;
  for (size_t i = 0; i < d->changes.len; i++) {
    const dz_change *c = &d->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_CREATE && dz_streq(c->new_table->name, name)) return NULL;
    if (c->kind == DZ_CHANGE_TABLE_RENAME && dz_streq(c->new_table->name, name))
      return c->old_table;
  }
  return ctx->prev ? dz_schema_find_table(ctx->prev, name) : NULL;
}

static const char *new_name_of_old(dz_sqlgen_ctx *ctx, const char *old) {
  for (size_t i = 0; i < ctx->diff->changes.len; i++) {
    const dz_change *c = &ctx->diff->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_RENAME && dz_streq(c->old_table->name, old))
      return c->new_table->name;
  }
  return old;
}

/* Does table t (new name) reference parent (new name), before or after? */
static bool references(dz_sqlgen_ctx *ctx, const dz_table *t, const char *parent) {
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    if (dz_streq(t->foreign_keys.items[i]->table_to, parent)) return true;
  const dz_table *ot = old_table_named(ctx, t->name);
  for (size_t i = 0; ot && i < ot->foreign_keys.len; i++)
    if (dz_streq(new_name_of_old(ctx, ot->foreign_keys.items[i]->table_to), parent)) return true;
  return false;
}

/* The tables whose rows hang on t's, directly or through others, parents
** before children: the ones that existed before this migration. */
static void dependents(dz_sqlgen_ctx *ctx, const char *t, dz_strvec *out) {
  dz_vec_push(ctx->a, out, t);
  for (size_t k = 0; k < out->len; k++)
    for (size_t i = 0; i < ctx->next->tables.len; i++) {
      const dz_table *c = ctx->next->tables.items[i];
      bool seen = false;
      for (size_t j = 0; j < out->len; j++) seen |= dz_streq(out->items[j], c->name);
      if (!seen && old_table_named(ctx, c->name) && references(ctx, c, out->items[k]))
        dz_vec_push(ctx->a, out, c->name);
    }
}

static const char keep_reason[] =
    "keeps the rows of tables that reference the rebuilt one: drizzle-orm runs a migration in a "
    "transaction, where PRAGMA foreign_keys=OFF does nothing, so DROP TABLE would fail or "
    "cascade (drizzle-kit relies on the PRAGMA)";

/* A dependent with generated columns cannot take SELECT * back: list the
** stored columns it has both before and after this migration (by their new
** names; renames run first). NULL when SELECT * is exact. */
static const char *restore_columns(dz_sqlgen_ctx *ctx, const char *name) {
  const dz_table *nt = dz_schema_find_table(ctx->next, name), *ot = old_table_named(ctx, name);
  bool generated = false;
  for (size_t i = 0; nt && i < nt->columns.len; i++)
    generated |= nt->columns.items[i]->generated != DZ_GENERATED_NONE;
  for (size_t i = 0; ot && i < ot->columns.len; i++)
    generated |= ot->columns.items[i]->generated != DZ_GENERATED_NONE;
  if (!generated || !nt || !ot) return NULL;
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  size_t n = 0;
  for (size_t i = 0; i < nt->columns.len; i++) {
    const dz_column *c = nt->columns.items[i];
    const dz_column *oc = dz_table_find_column(ot, c->name);
    for (size_t j = 0; !oc && j < ctx->diff->changes.len; j++)
      if (ctx->diff->changes.items[j].kind == DZ_CHANGE_COLUMN_RENAME &&
          ctx->diff->changes.items[j].new_column == c)
        oc = ctx->diff->changes.items[j].old_column;
    if (!oc || c->generated != DZ_GENERATED_NONE || oc->generated != DZ_GENERATED_NONE) continue;
    dz_sqlw_put(&w, n++ ? ", " : "");
    dz_sqlw_dq(&w, c->name);
  }
  char *text = sqlite3_str_finish(w.s);
  const char *r = dz_arena_strdup(ctx->a, text ? text : "");
  sqlite3_free(text);
  return r;
}

bool dz_sqlite_keeps_rows(const dz_sql_stmt *st) {
  return st->deviation && strncmp(st->deviation, keep_reason, sizeof keep_reason - 1) == 0;
}

static const char *keep_name(dz_sqlgen_ctx *ctx, const char *t) {
  return dz_arena_printf(ctx->a, "__drizzle_lsp_keep_%s", t);
}

/* Save and empty (restore: refill and forget) the tables deps[first..]:
** emptied leaf-first, refilled parents first. deps[0] is the rebuilt table,
** which keeps its own rows only when it references itself (first == 0) and
** is then refilled by copy_rows, not here. */
static void keep_rows(dz_sqlgen_ctx *ctx, const dz_op *op, const dz_strvec *deps, size_t first,
                      bool restore) {
  const dz_change *c = op->change;
  for (size_t k = first; k < deps->len && !restore; k++) {
    const char *t = deps->items[k];
    dz_sqlw_simple(ctx, c, keep_reason, "CREATE TEMP TABLE ", keep_name(ctx, t),
                   " AS SELECT * FROM ", t, ";");
  }
  for (size_t k = deps->len; k-- > first && !restore;)
    dz_sqlw_simple(ctx, c, keep_reason, "DELETE FROM ", deps->items[k], NULL, NULL, ";");
  for (size_t k = 1; k < deps->len && restore; k++) {
    const char *t = deps->items[k];
    const char *cols = restore_columns(ctx, t);
    if (cols) {
      dz_sqlw w;
      dz_sqlw_begin(&w, ctx);
      dz_sqlw_put(&w, "INSERT INTO ");
      dz_sqlw_bt(&w, t);
      sqlite3_str_appendf(w.s, "(%s) SELECT %s FROM temp.", cols, cols);
      dz_sqlw_bt(&w, keep_name(ctx, t));
      dz_sqlw_put(&w, ";");
      dz_sqlw_emit(&w, c, keep_reason);
    } else {
      dz_sqlw_simple(ctx, c, keep_reason, "INSERT INTO ", t, " SELECT * FROM temp.",
                     keep_name(ctx, t), ";");
    }
    dz_sqlw_simple(ctx, c, keep_reason, "DROP TABLE temp.", keep_name(ctx, t), NULL, NULL, ";");
  }
}

/* The columns the old table has when the rebuild runs: its own, renamed and
** added by the operations that ran before it in its group. */
static bool old_has(const dz_op *op, const char *name) {
  bool has = op->table_prev && dz_table_find_column(op->table_prev, name);
  for (size_t i = 0; i < op->n_prior; i++) {
    const dz_op *p = op->prior[i];
    if (p->kind == DZ_OP_RENAME_COLUMN) {
      if (dz_streq(p->change->old_column->name, name)) has = false;
      if (dz_streq(p->change->new_column->name, name)) has = true;
    }
    if (p->kind == DZ_OP_ADD_COLUMN && dz_streq(p->column->name, name)) has = true;
  }
  return has;
}

static const char *renamed_from(dz_sqlgen_ctx *ctx, const dz_op *op, const dz_column *c) {
  for (size_t i = 0; i < ctx->diff->changes.len; i++) {
    const dz_change *ch = &ctx->diff->changes.items[i];
    if (ch->kind == DZ_CHANGE_COLUMN_RENAME && ch->new_column == c &&
        old_has(op, ch->old_column->name))
      return ch->old_column->name;
  }
  return NULL;
}

/* INSERT INTO into(...) SELECT ... FROM from (temp: from the temp schema),
** copying what the old table has. */
static void copy_rows(dz_sqlgen_ctx *ctx, const dz_op *op, const char *into, const char *from,
                      const char *deviation) {
  const dz_table *t = op->table_next;
  dz_sqlw cols, vals;
  dz_sqlw_begin(&cols, ctx);
  dz_sqlw_begin(&vals, ctx);
  sqlite3_str *why = sqlite3_str_new(NULL);
  size_t n = 0;
  for (size_t i = 0; i < t->columns.len; i++) {
    const dz_column *c = t->columns.items[i];
    const char *src = old_has(op, c->name) ? c->name : NULL, *old_name = NULL;
    if (c->generated != DZ_GENERATED_NONE) {
      sqlite3_str_appendf(why, "; generated column %s is computed, not copied", c->name);
      continue;
    }
    if (!src && (old_name = renamed_from(ctx, op, c))) {
      src = old_name;
      sqlite3_str_appendf(why, "; renamed column %s is copied from %s", c->name, old_name);
    }
    bool null_copy = !src && c->not_null && c->def.kind == DZ_DEFAULT_NONE;
    if (!src && !null_copy) {
      sqlite3_str_appendf(why, "; new column %s is left to its default", c->name);
      continue;
    }
    if (null_copy)
      sqlite3_str_appendf(why, "; new NOT NULL column %s has no default, so it is copied as "
                          "NULL and the migration fails if the table has rows", c->name);
    dz_sqlw_put(&cols, n ? ", " : "");
    dz_sqlw_put(&vals, n++ ? ", " : "");
    dz_sqlw_dq(&cols, c->name);
    if (null_copy) dz_sqlw_put(&vals, "NULL");
    else dz_sqlw_dq(&vals, src);
  }
  char *c = sqlite3_str_finish(cols.s), *v = sqlite3_str_finish(vals.s);
  char *reason = sqlite3_str_finish(why);
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  dz_sqlw_put(&w, "INSERT INTO ");
  dz_sqlw_bt(&w, into);
  sqlite3_str_appendf(w.s, "(%s) SELECT %s FROM ", c ? c : "", v ? v : "");
  if (deviation) dz_sqlw_put(&w, "temp.");
  dz_sqlw_bt(&w, from);
  dz_sqlw_put(&w, ";");
  w.escaped |= cols.escaped || vals.escaped;
  const char *dev = deviation ? dz_arena_printf(ctx->a, "%s%s", deviation, reason ? reason : "")
                   : reason ? dz_arena_printf(ctx->a,
      "copies only columns the old table has (drizzle-kit names every new column, and SQLite "
      "reads a double-quoted name it cannot find as a string)%s", reason) : NULL;
  dz_sqlw_emit(&w, op->change, dev);
  sqlite3_free(c);
  sqlite3_free(v);
  sqlite3_free(reason);
}

/* A table that references itself, or one of its dependents (a cycle), would
** lose rows to its own ON DELETE when the old copy or a dependent is
** emptied: its rows wait in a temporary table too, and foreign-key checks
** wait for COMMIT while the tables are refilled in any order (the PRAGMA is a
** no-op outside a transaction, where PRAGMA foreign_keys=OFF holds anyway). */
static void write_rebuild(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const char *t = op->table, *tmp = dz_arena_printf(ctx->a, "__new_%s", t);
  dz_strvec deps = {0};
  dependents(ctx, t, &deps);
  bool cycle = false;
  for (size_t k = 0; k < deps.len; k++) cycle |= references(ctx, op->table_next, deps.items[k]);
  if (cycle) dz_sqlgen_emit(ctx, op->change, "PRAGMA defer_foreign_keys=ON;", keep_reason);
  keep_rows(ctx, op, &deps, cycle ? 0 : 1, false);
  /* A rebuild drizzle-kit would not write at all is ours from end to end. */
  dz_sqlgen_emit(ctx, NULL, "PRAGMA foreign_keys=OFF;", op->deviation);
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  dz_sqlw_create_table(&w, tmp, op->table_next, t);
  dz_sqlw_emit(&w, op->change, op->deviation);
  if (!cycle) copy_rows(ctx, op, tmp, t, NULL);
  dz_sqlw_simple(ctx, op->change, op->deviation, "DROP TABLE ", t, NULL, NULL, ";");
  dz_sqlw_simple(ctx, op->change, op->deviation, "ALTER TABLE ", tmp, " RENAME TO ", t, ";");
  dz_sqlgen_emit(ctx, NULL, "PRAGMA foreign_keys=ON;", op->deviation);
  if (cycle) {
    copy_rows(ctx, op, t, keep_name(ctx, t), keep_reason);
    dz_sqlw_simple(ctx, op->change, keep_reason, "DROP TABLE temp.", keep_name(ctx, t), NULL,
                   NULL, ";");
  }
  keep_rows(ctx, op, &deps, 1, true);
}

/* The changes a rebuild of t serves: every change inside the table. */
static void cover_table(dz_sqlgen_ctx *ctx, const dz_table *t) {
  DZ_VEC(const dz_change *) v = {0};
  for (size_t i = 0; i < ctx->diff->changes.len; i++)
    if (ctx->diff->changes.items[i].new_table == t && ctx->diff->changes.items[i].old_table)
      dz_vec_push(ctx->a, &v, &ctx->diff->changes.items[i]);
  ctx->cover = v.items;
  ctx->n_cover = v.len;
}

void dz_sqlite_write_rebuild(dz_sqlgen_ctx *ctx, const dz_op *op) {
  cover_table(ctx, op->table_next);
  write_rebuild(ctx, op);
  ctx->cover = NULL;
  ctx->n_cover = 0;
}
