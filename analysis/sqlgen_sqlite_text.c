/*
** sqlgen_sqlite_text.c — the SQL text of each SQLite/Turso operation, spelled
** as drizzle-kit 0.31 spells it (backticks, tabs, spacing), except where its
** text is wrong; each such statement carries the reason (dz_sql_stmt.deviation).
**
** Corrections made here:
**  - identifiers are escaped (a backtick or double quote doubled);
**  - a rebuild copies only columns the old table has: a new column is left
**    out (or copied as NULL when NOT NULL without default, so SQLite refuses
**    the migration if rows exist rather than store the column's name as text),
**    a renamed column is copied from its old name, a generated one is left out;
**  - a rebuild of a table that other tables reference keeps their rows inside
**    drizzle-orm's migrator transaction (where PRAGMA foreign_keys is a no-op):
**    the dependent rows are copied to temporary tables, the dependents are
**    emptied leaf-first, and the rows come back after the rebuild;
**  - expression index parts stay raw after a rebuild;
**  - a column added with a reference keeps its ON DELETE / ON UPDATE.
*/
#include "sqlgen_sqlite.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

typedef struct dz_w {
  dz_sqlgen_ctx *ctx;
  sqlite3_str *s;
  bool escaped;       /* an identifier needed escaping: drizzle-kit's text would not parse */
  bool fixed_default; /* a default's quote needed escaping (same) */
} dz_w;

static const char escaped_reason[] =
    "an identifier is escaped (drizzle-kit writes a backtick or double quote inside a name "
    "unescaped, and the statement does not parse)";

static const char default_reason[] =
    "a quote inside the default is doubled (drizzle-kit writes a JSON default containing ' "
    "as is, and the statement does not parse)";

static bool streq(const char *x, const char *y) {
  if (!x || !y) return x == y;
  return strcmp(x, y) == 0;
}

static void w_begin(dz_w *w, dz_sqlgen_ctx *ctx) {
  w->ctx = ctx;
  w->s = sqlite3_str_new(NULL);
  w->escaped = false;
  w->fixed_default = false;
}

/* Finish the statement and emit it; reason (or the escaping note) marks it. */
static void w_emit(dz_w *w, const dz_change *c, const char *reason) {
  char *sql = sqlite3_str_finish(w->s);
  w->s = NULL;
  if (!reason && w->escaped) reason = escaped_reason;
  if (!reason && w->fixed_default) reason = default_reason;
  dz_sqlgen_emit(w->ctx, c, sql ? sql : "", reason);
  sqlite3_free(sql);
}

static void w_quoted(dz_w *w, const char *name, char q) {
  sqlite3_str_appendchar(w->s, 1, q);
  for (const char *p = name; *p; p++) {
    if (*p == q) {
      sqlite3_str_appendchar(w->s, 1, q);
      w->escaped = true;
    }
    sqlite3_str_appendchar(w->s, 1, *p);
  }
  sqlite3_str_appendchar(w->s, 1, q);
}

static void bt(dz_w *w, const char *name) { w_quoted(w, name, '`'); }
static void dq(dz_w *w, const char *name) { w_quoted(w, name, '"'); }
static void put(dz_w *w, const char *text) { sqlite3_str_appendall(w->s, text); }

static void bt_list(dz_w *w, const dz_strvec *v, const char *sep) {
  for (size_t i = 0; i < v->len; i++) {
    if (i) put(w, sep);
    bt(w, v->items[i]);
  }
}

static bool has_text(const char *s) { return s && *s; }

/* " DEFAULT <text>". drizzle-kit quotes a JSON default as '<json>' without
** doubling a quote inside it; a literal with a lone inner quote gets its
** inner quotes doubled. */
static void put_default(dz_w *w, const char *text) {
  size_t n = strlen(text);
  bool lone = false;
  if (n >= 2 && text[0] == '\'' && text[n - 1] == '\'')
    for (size_t i = 1; i + 1 < n; i++) {
      if (text[i] != '\'') continue;
      if (i + 2 < n && text[i + 1] == '\'') i++;
      else lone = true;
    }
  if (!lone) {
    sqlite3_str_appendf(w->s, " DEFAULT %s", text);
    return;
  }
  w->fixed_default = true;
  put(w, " DEFAULT '");
  for (size_t i = 1; i + 1 < n; i++) {
    sqlite3_str_appendchar(w->s, text[i] == '\'' ? 2 : 1, text[i]);
    if (text[i] == '\'' && i + 2 < n && text[i + 1] == '\'') i++;
  }
  put(w, "'");
}

/* ---- CREATE TABLE ------------------------------------------------------ */

static void column_def(dz_w *w, const dz_column *c) {
  bt(w, c->name);
  sqlite3_str_appendf(w->s, " %s", c->type);
  if (c->primary_key) put(w, " PRIMARY KEY");
  if (c->autoincrement) put(w, " AUTOINCREMENT");
  if (c->def.kind != DZ_DEFAULT_NONE) put_default(w, c->def.text);
  if (c->generated != DZ_GENERATED_NONE)
    sqlite3_str_appendf(w->s, " GENERATED ALWAYS AS %s %s", c->generated_as,
                        c->generated == DZ_GENERATED_STORED ? "STORED" : "VIRTUAL");
  if (c->not_null) put(w, " NOT NULL");
}

static void fk_clause(dz_w *w, const dz_foreign_key *fk) {
  put(w, "FOREIGN KEY (");
  bt_list(w, &fk->columns_from, ",");
  put(w, ") REFERENCES ");
  bt(w, fk->table_to);
  put(w, "(");
  bt_list(w, &fk->columns_to, ",");
  put(w, ")");
  if (has_text(fk->on_update)) sqlite3_str_appendf(w->s, " ON UPDATE %s", fk->on_update);
  if (has_text(fk->on_delete)) sqlite3_str_appendf(w->s, " ON DELETE %s", fk->on_delete);
}

/* drizzle-kit points a rebuilt table's checks at __new_<t> by plain text
** replacement of "t"., `t`., t. and 't'. (Turso: 't'. becomes `__new_t`.). */
static char *check_for_rebuild(dz_w *w, const char *value, const char *t) {
  const char *nt = dz_arena_printf(w->ctx->a, "__new_%s", t);
  bool turso = w->ctx->dialect == DZ_DIALECT_TURSO && !w->ctx->strict;
  dz_arena *a = w->ctx->a;
  const char *from[4] = {dz_arena_printf(a, "\"%s\".", t), dz_arena_printf(a, "`%s`.", t),
                         dz_arena_printf(a, "%s.", t), dz_arena_printf(a, "'%s'.", t)};
  const char *to[4] = {dz_arena_printf(a, "\"%s\".", nt), dz_arena_printf(a, "`%s`.", nt),
                       dz_arena_printf(a, "%s.", nt),
                       dz_arena_printf(a, turso ? "`%s`." : "'%s'.", nt)};
  char *cur = dz_arena_strdup(w->ctx->a, value);
  for (int k = 0; k < 4; k++) {
    sqlite3_str *s = sqlite3_str_new(NULL);
    size_t flen = strlen(from[k]);
    for (const char *p = cur; *p;) {
      if (strncmp(p, from[k], flen) == 0) {
        sqlite3_str_appendall(s, to[k]);
        p += flen;
      } else {
        sqlite3_str_appendchar(s, 1, *p++);
      }
    }
    char *r = sqlite3_str_finish(s);
    cur = dz_arena_strdup(w->ctx->a, r ? r : "");
    sqlite3_free(r);
  }
  return cur;
}

/* rebuild_of: NULL for a plain CREATE TABLE, else the table being rebuilt
** (name is then __new_<t>, unique constraints are left out as drizzle-kit
** does, and checks are re-pointed). */
static void create_table(dz_w *w, const char *name, const dz_table *t, const char *rebuild_of) {
  put(w, "CREATE TABLE ");
  bt(w, name);
  put(w, " (\n");
  for (size_t i = 0; i < t->columns.len; i++) {
    put(w, "\t");
    column_def(w, t->columns.items[i]);
    if (i + 1 < t->columns.len) put(w, ",\n");
  }
  for (size_t i = 0; i < t->primary_keys.len; i++) {
    put(w, ",\n\tPRIMARY KEY(");
    bt_list(w, &t->primary_keys.items[i]->columns, ", ");
    put(w, ")");
  }
  for (size_t i = 0; i < t->foreign_keys.len; i++) {
    put(w, ",\n\t");
    fk_clause(w, t->foreign_keys.items[i]);
  }
  for (size_t i = 0; !rebuild_of && i < t->uniques.len; i++) {
    sqlite3_str_appendf(w->s, ",\n\tCONSTRAINT %s UNIQUE(", t->uniques.items[i]->name);
    bt_list(w, &t->uniques.items[i]->columns, ",");
    put(w, ")");
  }
  for (size_t i = 0; i < t->checks.len; i++) {
    const dz_check *ck = t->checks.items[i];
    put(w, ",\n\tCONSTRAINT ");
    dq(w, ck->name);
    sqlite3_str_appendf(w->s, " CHECK(%s)",
                        rebuild_of ? check_for_rebuild(w, ck->value, rebuild_of) : ck->value);
  }
  put(w, "\n);\n");
}

/* ---- single statements -------------------------------------------------- */

/* pre `name` [mid `name2`] post, one statement. */
static void simple(dz_sqlgen_ctx *ctx, const dz_change *change, const char *reason, const char *pre,
                   const char *name, const char *mid, const char *name2, const char *post) {
  dz_w w;
  w_begin(&w, ctx);
  put(&w, pre);
  bt(&w, name);
  if (mid) {
    put(&w, mid);
    bt(&w, name2);
  }
  put(&w, post);
  w_emit(&w, change, reason);
}

static const char deferred_reason[] =
    "the index is created here, once its table is ready (drizzle-kit creates it inside an "
    "earlier libSQL ALTER COLUMN block, where it fails or is lost to a later rebuild)";

static bool strvec_has(const dz_strvec *v, const char *s) {
  for (size_t i = 0; i < v->len; i++)
    if (streq(v->items[i], s)) return true;
  return false;
}

static bool deferred(const dz_sqlgen_ctx *ctx, const dz_index *ix) {
  for (size_t i = 0; i < ctx->deferred.len; i++)
    if (ctx->deferred.items[i] == ix) return true;
  return false;
}

static void write_index(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_index *ix = op->index;
  bool has_expr = false;
  dz_w w;
  w_begin(&w, ctx);
  sqlite3_str_appendf(w.s, "CREATE %s ", ix->unique ? "UNIQUE INDEX" : "INDEX");
  bt(&w, ix->name);
  put(&w, " ON ");
  bt(&w, op->table);
  put(&w, " (");
  for (size_t i = 0; i < ix->columns.len; i++) {
    if (i) put(&w, ",");
    bool expr = i < ix->expression.len && ix->expression.items[i];
    has_expr |= expr;
    if (expr) put(&w, ix->columns.items[i]);
    else bt(&w, ix->columns.items[i]);
  }
  put(&w, ")");
  if (ix->where) sqlite3_str_appendf(w.s, " WHERE %s", ix->where);
  put(&w, ";");
  if (deferred(ctx, ix) && !op->deviation) {
    w_emit(&w, op->change, deferred_reason);
    return;
  }
  w_emit(&w, op->change,
         has_expr && !op->index_expressions
             ? "the expression is written as an expression (after a rebuild drizzle-kit wraps it "
               "in backticks, which names a column that does not exist)"
             : op->deviation);
}

static void write_add_column(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_column *c = op->column;
  const dz_foreign_key *fk = op->fk;
  const char *reason = op->deviation;
  dz_w w;
  w_begin(&w, ctx);
  put(&w, "ALTER TABLE ");
  bt(&w, op->table);
  put(&w, " ADD ");
  bt(&w, c->name);
  sqlite3_str_appendf(w.s, " %s", c->type);
  if (c->primary_key) put(&w, " PRIMARY KEY");
  if (c->def.kind != DZ_DEFAULT_NONE) put_default(&w, c->def.text);
  if (c->generated != DZ_GENERATED_NONE)
    sqlite3_str_appendf(w.s, " GENERATED ALWAYS AS %s %s", c->generated_as,
                        c->generated == DZ_GENERATED_STORED ? "STORED" : "VIRTUAL");
  if (c->not_null) put(&w, " NOT NULL");
  if (fk) {
    /* drizzle-kit: REFERENCES t(a,b), unquoted, without its actions. */
    sqlite3_str_appendf(w.s, " REFERENCES %s(", fk->table_to);
    for (size_t i = 0; i < fk->columns_to.len; i++)
      sqlite3_str_appendf(w.s, "%s%s", i ? "," : "", fk->columns_to.items[i]);
    put(&w, ")");
    bool upd = has_text(fk->on_update) && !streq(fk->on_update, "no action");
    bool del = has_text(fk->on_delete) && !streq(fk->on_delete, "no action");
    if (upd) sqlite3_str_appendf(w.s, " ON UPDATE %s", fk->on_update);
    if (del) sqlite3_str_appendf(w.s, " ON DELETE %s", fk->on_delete);
    if ((upd || del) && !reason)
      reason = "the reference keeps its ON DELETE / ON UPDATE action (drizzle-kit drops it "
               "when it adds a column with a reference)";
  }
  put(&w, ";");
  w_emit(&w, op->change, reason);
}

/* ---- Turso's ALTER COLUMN ------------------------------------------------- */

bool dz_sqlite_turso_column_needs_rebuild(const dz_table *t, const dz_column *c) {
  if (c->primary_key) return true;
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    for (size_t j = 0; j < t->foreign_keys.items[i]->columns_from.len; j++)
      if (streq(t->foreign_keys.items[i]->columns_from.items[j], c->name)) return true;
  return false;
}

/* drizzle-kit treats a JSON default of 0, false or "" as no default here. */
static bool default_truthy(const dz_default *d) {
  if (d->kind == DZ_DEFAULT_NONE || !d->text) return false;
  if (d->kind == DZ_DEFAULT_BOOL) return streq(d->text, "true");
  if (d->kind == DZ_DEFAULT_NUMBER) return strtod(d->text, NULL) != 0;
  return *d->text != '\0';
}

/* Does this index exist before the migration's own index statements run
** (not new, not redefined, not on a new table)? */
static bool index_exists_already(dz_sqlgen_ctx *ctx, const dz_index *ix) {
  for (size_t i = 0; i < ctx->diff->changes.len; i++) {
    const dz_change *c = &ctx->diff->changes.items[i];
    if (c->kind == DZ_CHANGE_INDEX_CREATE && c->new_index == ix) return false;
    if (c->kind == DZ_CHANGE_TABLE_CREATE && dz_table_find_index(c->new_table, ix->name) == ix)
      return false;
  }
  return true;
}

static const char turso_index_reason[] =
    "re-creates only indexes that exist and that no later rebuild creates again (drizzle-kit "
    "drops and re-creates every index of the schema around a libSQL ALTER COLUMN: one this "
    "migration adds fails, and one a later rebuild re-creates is lost to de-duplication)";


/* libSQL's ALTER COLUMN: drizzle-kit drops every index of the schema first
** and creates them all again afterwards; we do so for the ones that exist.
** True when an index was left out. */
static bool turso_all_indexes(dz_sqlgen_ctx *ctx, const dz_op *op, bool create) {
  bool skipped = false;
  for (size_t i = 0; i < ctx->next->tables.len; i++) {
    const dz_table *t = ctx->next->tables.items[i];
    for (size_t j = 0; j < t->indexes.len; j++) {
      const dz_index *ix = t->indexes.items[j];
      bool exists = index_exists_already(ctx, ix);
      if (!exists || (create && strvec_has(&ctx->rebuilt, t->name))) {
        if (create && !deferred(ctx, ix)) dz_vec_push(ctx->a, &ctx->deferred, ix);
        skipped = true;
        continue;
      }
      if (create) {
        dz_op cr = {.kind = DZ_OP_CREATE_INDEX, .table = t->name, .index = ix,
                    .change = op->change, .index_expressions = true};
        write_index(ctx, &cr);
        continue;
      }
      dz_w w;
      w_begin(&w, ctx);
      put(&w, "DROP INDEX ");
      dq(&w, ix->name);
      put(&w, ";");
      w_emit(&w, op->change, NULL);
    }
  }
  return skipped;
}

static void turso_alter_column(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_column *c = op->column;
  bool skipped = turso_all_indexes(ctx, op, false);
  dz_w w;
  w_begin(&w, ctx);
  put(&w, "ALTER TABLE ");
  bt(&w, op->table);
  put(&w, " ALTER COLUMN ");
  dq(&w, c->name);
  put(&w, " TO ");
  dq(&w, c->name);
  sqlite3_str_appendf(w.s, " %s", c->type);
  bool nn = op->alter == DZ_AL_SET_NOTNULL || (op->alter != DZ_AL_DROP_NOTNULL && c->not_null);
  if (nn) put(&w, " NOT NULL");
  bool with_default = op->alter == DZ_AL_SET_DEFAULT ||
                      (op->alter != DZ_AL_DROP_DEFAULT && default_truthy(&c->def));
  if (with_default && c->def.text) put_default(&w, c->def.text);
  put(&w, ";");
  /* The ALTER is written before the block's CREATE INDEX pass, so ask that
  ** pass's question up front: would it leave an index out? */
  for (size_t i = 0; i < ctx->next->tables.len && !skipped; i++)
    skipped = ctx->next->tables.items[i]->indexes.len &&
              strvec_has(&ctx->rebuilt, ctx->next->tables.items[i]->name);
  w_emit(&w, op->change, skipped ? turso_index_reason : op->deviation);
  turso_all_indexes(ctx, op, true);
}

static void turso_create_ref(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_foreign_key *fk = op->fk;
  const dz_column *c = dz_table_find_column(op->table_next, fk->columns_from.items[0]);
  dz_w w;
  w_begin(&w, ctx);
  put(&w, "ALTER TABLE ");
  bt(&w, fk->table_from);
  put(&w, " ALTER COLUMN ");
  dq(&w, fk->columns_from.items[0]);
  put(&w, " TO ");
  dq(&w, fk->columns_from.items[0]);
  if (c) {
    sqlite3_str_appendf(w.s, " %s", c->type);
    if (c->not_null) put(&w, " NOT NULL");
    if (default_truthy(&c->def)) put_default(&w, c->def.text);
  }
  sqlite3_str_appendf(w.s, " REFERENCES %s(%s)", fk->table_to, fk->columns_to.items[0]);
  if (has_text(fk->on_delete)) sqlite3_str_appendf(w.s, " ON DELETE %s", fk->on_delete);
  if (has_text(fk->on_update)) sqlite3_str_appendf(w.s, " ON UPDATE %s", fk->on_update);
  put(&w, ";");
  w_emit(&w, op->change, op->deviation);
}

/* A generated column changed in place: drizzle-kit drops and re-adds it. */
static void regenerate_column(dz_sqlgen_ctx *ctx, const dz_op *op) {
  simple(ctx, op->change, op->deviation, "ALTER TABLE ", op->table, " DROP COLUMN ",
         op->column->name, ";");
  dz_op add = *op;
  add.kind = DZ_OP_ADD_COLUMN;
  add.fk = NULL;
  write_add_column(ctx, &add);
}

/* ---- the rebuild ------------------------------------------------------- */

/* Is name (a table's new name) one that exists before this migration? */
static const dz_table *old_table_named(dz_sqlgen_ctx *ctx, const char *name) {
  const dz_diff *d = ctx->diff;
  for (size_t i = 0; i < d->changes.len; i++) {
    const dz_change *c = &d->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_CREATE && streq(c->new_table->name, name)) return NULL;
    if (c->kind == DZ_CHANGE_TABLE_RENAME && streq(c->new_table->name, name)) return c->old_table;
  }
  return ctx->prev ? dz_schema_find_table(ctx->prev, name) : NULL;
}

static const char *new_name_of_old(dz_sqlgen_ctx *ctx, const char *old) {
  for (size_t i = 0; i < ctx->diff->changes.len; i++) {
    const dz_change *c = &ctx->diff->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_RENAME && streq(c->old_table->name, old))
      return c->new_table->name;
  }
  return old;
}

/* Does table t (new name) reference parent (new name), before or after? */
static bool references(dz_sqlgen_ctx *ctx, const dz_table *t, const char *parent) {
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    if (streq(t->foreign_keys.items[i]->table_to, parent)) return true;
  const dz_table *ot = old_table_named(ctx, t->name);
  for (size_t i = 0; ot && i < ot->foreign_keys.len; i++)
    if (streq(new_name_of_old(ctx, ot->foreign_keys.items[i]->table_to), parent)) return true;
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
      for (size_t j = 0; j < out->len; j++) seen |= streq(out->items[j], c->name);
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
  dz_w w;
  w_begin(&w, ctx);
  size_t n = 0;
  for (size_t i = 0; i < nt->columns.len; i++) {
    const dz_column *c = nt->columns.items[i];
    const dz_column *oc = dz_table_find_column(ot, c->name);
    for (size_t j = 0; !oc && j < ctx->diff->changes.len; j++)
      if (ctx->diff->changes.items[j].kind == DZ_CHANGE_COLUMN_RENAME &&
          ctx->diff->changes.items[j].new_column == c)
        oc = ctx->diff->changes.items[j].old_column;
    if (!oc || c->generated != DZ_GENERATED_NONE || oc->generated != DZ_GENERATED_NONE) continue;
    put(&w, n++ ? ", " : "");
    dq(&w, c->name);
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
    simple(ctx, c, keep_reason, "CREATE TEMP TABLE ", keep_name(ctx, t), " AS SELECT * FROM ", t,
           ";");
  }
  for (size_t k = deps->len; k-- > first && !restore;)
    simple(ctx, c, keep_reason, "DELETE FROM ", deps->items[k], NULL, NULL, ";");
  for (size_t k = 1; k < deps->len && restore; k++) {
    const char *t = deps->items[k];
    const char *cols = restore_columns(ctx, t);
    if (cols) {
      dz_w w;
      w_begin(&w, ctx);
      put(&w, "INSERT INTO ");
      bt(&w, t);
      sqlite3_str_appendf(w.s, "(%s) SELECT %s FROM temp.", cols, cols);
      bt(&w, keep_name(ctx, t));
      put(&w, ";");
      w_emit(&w, c, keep_reason);
    } else {
      simple(ctx, c, keep_reason, "INSERT INTO ", t, " SELECT * FROM temp.", keep_name(ctx, t), ";");
    }
    simple(ctx, c, keep_reason, "DROP TABLE temp.", keep_name(ctx, t), NULL, NULL, ";");
  }
}

/* The columns the old table has when the rebuild runs: its own, renamed and
** added by the operations that ran before it in its group. */
static bool old_has(const dz_op *op, const char *name) {
  bool has = op->table_prev && dz_table_find_column(op->table_prev, name);
  for (size_t i = 0; i < op->n_prior; i++) {
    const dz_op *p = op->prior[i];
    if (p->kind == DZ_OP_RENAME_COLUMN) {
      if (streq(p->change->old_column->name, name)) has = false;
      if (streq(p->change->new_column->name, name)) has = true;
    }
    if (p->kind == DZ_OP_ADD_COLUMN && streq(p->column->name, name)) has = true;
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
  dz_w cols, vals;
  w_begin(&cols, ctx);
  w_begin(&vals, ctx);
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
    put(&cols, n ? ", " : "");
    put(&vals, n++ ? ", " : "");
    dq(&cols, c->name);
    if (null_copy) put(&vals, "NULL");
    else dq(&vals, src);
  }
  char *c = sqlite3_str_finish(cols.s), *v = sqlite3_str_finish(vals.s);
  char *reason = sqlite3_str_finish(why);
  dz_w w;
  w_begin(&w, ctx);
  put(&w, "INSERT INTO ");
  bt(&w, into);
  sqlite3_str_appendf(w.s, "(%s) SELECT %s FROM ", c ? c : "", v ? v : "");
  if (deviation) put(&w, "temp.");
  bt(&w, from);
  put(&w, ";");
  w.escaped |= cols.escaped || vals.escaped;
  const char *dev = deviation ? dz_arena_printf(ctx->a, "%s%s", deviation, reason ? reason : "")
                   : reason ? dz_arena_printf(ctx->a,
      "copies only columns the old table has (drizzle-kit names every new column, and SQLite "
      "reads a double-quoted name it cannot find as a string)%s", reason) : NULL;
  w_emit(&w, op->change, dev);
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
  dz_w w;
  w_begin(&w, ctx);
  create_table(&w, tmp, op->table_next, t);
  w_emit(&w, op->change, op->deviation);
  if (!cycle) copy_rows(ctx, op, tmp, t, NULL);
  simple(ctx, op->change, op->deviation, "DROP TABLE ", t, NULL, NULL, ";");
  simple(ctx, op->change, op->deviation, "ALTER TABLE ", tmp, " RENAME TO ", t, ";");
  dz_sqlgen_emit(ctx, NULL, "PRAGMA foreign_keys=ON;", op->deviation);
  if (cycle) {
    copy_rows(ctx, op, t, keep_name(ctx, t), keep_reason);
    simple(ctx, op->change, keep_reason, "DROP TABLE temp.", keep_name(ctx, t), NULL, NULL, ";");
  }
  keep_rows(ctx, op, &deps, 1, true);
}

void dz_sqlite_write_op(dz_sqlgen_ctx *ctx, const dz_op *op) {
  dz_w w;
  switch (op->kind) {
  case DZ_OP_CREATE_TABLE:
    w_begin(&w, ctx);
    create_table(&w, op->table, op->table_next, NULL);
    w_emit(&w, op->change, op->deviation);
    break;
  case DZ_OP_DROP_TABLE:
    simple(ctx, op->change, op->deviation, "DROP TABLE ", op->table, NULL, NULL, ";");
    break;
  case DZ_OP_RENAME_TABLE:
    simple(ctx, op->change, op->deviation, "ALTER TABLE ", op->change->old_table->name,
           " RENAME TO ", op->table, ";");
    break;
  case DZ_OP_RENAME_COLUMN:
    w_begin(&w, ctx);
    put(&w, "ALTER TABLE ");
    bt(&w, op->table);
    put(&w, " RENAME COLUMN ");
    dq(&w, op->change->old_column->name);
    put(&w, " TO ");
    dq(&w, op->change->new_column->name);
    put(&w, ";");
    w_emit(&w, op->change, op->deviation);
    break;
  case DZ_OP_DROP_INDEX:
    simple(ctx, op->change, op->deviation, "DROP INDEX ", op->index->name, NULL, NULL, ";");
    break;
  case DZ_OP_CREATE_INDEX:
    write_index(ctx, op);
    break;
  case DZ_OP_ADD_COLUMN:
    write_add_column(ctx, op);
    break;
  case DZ_OP_DROP_COLUMN:
    simple(ctx, op->change, op->deviation, "ALTER TABLE ", op->table, " DROP COLUMN ",
           op->column->name, ";");
    break;
  case DZ_OP_DROP_VIEW:
    simple(ctx, op->change, op->deviation, "DROP VIEW ", op->view->name, NULL, NULL, ";");
    break;
  case DZ_OP_CREATE_VIEW:
    w_begin(&w, ctx);
    put(&w, "CREATE VIEW ");
    bt(&w, op->view->name);
    sqlite3_str_appendf(w.s, " AS %s;", op->view->definition ? op->view->definition : "");
    w_emit(&w, op->change, op->deviation);
    break;
  case DZ_OP_ALTER_COLUMN:
    if (op->alter >= DZ_AL_SET_GENERATED && op->alter <= DZ_AL_DROP_GENERATED)
      regenerate_column(ctx, op);
    else
      turso_alter_column(ctx, op);
    break;
  case DZ_OP_CREATE_REF:
    turso_create_ref(ctx, op);
    break;
  case DZ_OP_RECREATE:
    write_rebuild(ctx, op);
    break;
  default: /* the rest only ever leads to a rebuild */
    break;
  }
}
