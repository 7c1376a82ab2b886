/*
** sqlgen_sqlite_text.c — the SQL text of each SQLite/Turso operation, spelled
** as drizzle-kit 0.31 spells it (backticks, tabs, spacing), except where its
** text is wrong; each such statement carries the reason (dz_sql_stmt.deviation).
**
** Corrections made here (the rebuild's are in sqlgen_sqlite_rebuild.c):
**  - identifiers are escaped (a backtick or double quote doubled);
**  - a JSON default's inner quote is doubled;
**  - a Date default on an integer timestamp column is the integer
**    drizzle-orm stores (seconds or milliseconds, dates.h), not its JSON text;
**  - expression index parts stay raw after a rebuild;
**  - a column added with a reference keeps its ON DELETE / ON UPDATE;
**  - Turso's ALTER COLUMN block re-creates only indexes that exist;
**  - an ALTER COLUMN that changes the default stores the values first, and
**    keeps a default of 0 or false that drizzle-kit leaves out.
*/
#include "sqlgen_sqlite.h"

#include "drizzle_lsp/dates.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static const char escaped_reason[] =
    "an identifier is escaped (drizzle-kit writes a backtick or double quote inside a name "
    "unescaped, and the statement does not parse)";

static const char repointed_reason[] =
    "the check names the rebuilt table in its escaped form (drizzle-kit looks for a name "
    "holding a quote unescaped, leaves the check on the old table, and SQLite fails with "
    "\"no such column\")";

static const char default_reason[] =
    "a quote inside the default is doubled (drizzle-kit writes a JSON default containing ' "
    "as is, and the statement does not parse)";

void dz_sqlw_begin(dz_sqlw *w, dz_sqlgen_ctx *ctx) {
  w->ctx = ctx;
  w->s = sqlite3_str_new(NULL);
  w->escaped = false;
  w->fixed_default = false;
  w->repointed = false;
  w->date_note = NULL;
  w->date_kit = NULL;
}

/* "a; b", or whichever of the two is set. */
static const char *both_reasons(dz_arena *a, const char *x, const char *y) {
  if (!x || !y) return x ? x : y;
  return dz_arena_printf(a, "%s; %s", x, y);
}

/* Finish the statement and emit it; reason (or the escaping note) marks it. */
void dz_sqlw_emit(dz_sqlw *w, const dz_change *c, const char *reason) {
  char *sql = sqlite3_str_finish(w->s);
  w->s = NULL;
  if (!reason && w->escaped && w->repointed)
    reason = both_reasons(w->ctx->a, escaped_reason, repointed_reason);
  if (!reason && w->escaped) reason = escaped_reason;
  if (!reason && w->fixed_default) reason = default_reason;
  if (!reason && w->repointed) reason = repointed_reason;
  if (w->date_note) {
    const char *date = dz_arena_printf(
        w->ctx->a,
        "the Date default of %s (drizzle-kit writes the date's JSON text, %s, which drizzle-orm "
        "reads back as an Invalid Date)",
        w->date_note, w->date_kit);
    reason = both_reasons(w->ctx->a, reason, date);
  }
  dz_sqlgen_emit(w->ctx, c, sql ? sql : "", reason);
  sqlite3_free(sql);
}

static void w_quoted(dz_sqlw *w, const char *name, char q) {
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

void dz_sqlw_bt(dz_sqlw *w, const char *name) { w_quoted(w, name, '`'); }
void dz_sqlw_dq(dz_sqlw *w, const char *name) { w_quoted(w, name, '"'); }
void dz_sqlw_put(dz_sqlw *w, const char *text) { sqlite3_str_appendall(w->s, text); }

static void bt_list(dz_sqlw *w, const dz_strvec *v, const char *sep) {
  for (size_t i = 0; i < v->len; i++) {
    if (i) dz_sqlw_put(w, sep);
    dz_sqlw_bt(w, v->items[i]);
  }
}

static bool has_text(const char *s) { return s && *s; }

/* Column c of table (new side) as it was before this migration, renames
** followed; NULL when it is new. It has the default the column had (a libSQL
** ALTER COLUMN's UPDATE), and the mode of a column read from a snapshot (a
** rollback writes the old snapshot's columns; the old side of its diff is
** the schema the code declares). */
static const dz_column *counterpart(const dz_sqlgen_ctx *ctx, const char *table,
                                    const dz_column *c) {
  if (!ctx->prev) return NULL;
  for (size_t i = 0; i < ctx->diff->changes.len; i++) {
    const dz_change *ch = &ctx->diff->changes.items[i];
    if (ch->new_column == c && ch->old_column) return ch->old_column;
    if (ch->kind == DZ_CHANGE_TABLE_RENAME && dz_streq(ch->new_table->name, table))
      table = ch->old_table->name;
  }
  const dz_table *t = dz_schema_find_table(ctx->prev, table);
  return t ? dz_table_find_column(t, c->name) : NULL;
}

/* A column from the code knows its mode (none given is mode "number"). */
static bool mode_known(const dz_column *c) { return c->key || c->mode; }

/* A Date default on an integer column as the integer drizzle-orm stores for
** it, or NULL to write the default as it is. The unit comes from the
** column's mode; a column read from a snapshot (which keeps no mode) takes
** its counterpart's, else seconds ("timestamp", drizzle's usual mode for
** dates) are assumed, and the note says so. */
static const char *date_default(dz_sqlw *w, const char *table, const dz_column *c) {
  double ms;
  if (!c->type || strcmp(c->type, "integer") != 0 || !dz_date_default_ms(&c->def, &ms))
    return NULL;
  const dz_column *from = mode_known(c) ? c : counterpart(w->ctx, table, c);
  bool assumed = !from || !mode_known(from);
  dz_date_unit unit = assumed ? DZ_DATE_UNIT_SECONDS : dz_date_unit_of_mode(from->mode);
  if (unit == DZ_DATE_UNIT_NONE) return NULL; /* drizzle-orm stores no integer for it */
  const char *stored = dz_date_stored(w->ctx->a, ms, unit);
  const char *part = dz_arena_printf(
      w->ctx->a, "`%s` is written as %s, the unix time in %s that drizzle-orm stores for mode \"%s\"%s",
      c->name, stored, unit == DZ_DATE_UNIT_SECONDS ? "seconds" : "milliseconds",
      unit == DZ_DATE_UNIT_SECONDS ? "timestamp" : "timestamp_ms",
      assumed ? ", assumed: the snapshot does not keep the column's mode" : "");
  w->date_note = w->date_note ? dz_arena_printf(w->ctx->a, "%s, and %s", w->date_note, part) : part;
  if (!w->date_kit) w->date_kit = c->def.text;
  return stored;
}

/* " DEFAULT <text>" of column c of table. drizzle-kit quotes a JSON default
** as '<json>' without doubling a quote inside it; a literal with a lone
** inner quote gets its inner quotes doubled. */
static void put_default(dz_sqlw *w, const char *table, const dz_column *c) {
  const char *text = c->def.text;
  if (!text) return;
  const char *date = date_default(w, table, c);
  if (date) {
    sqlite3_str_appendf(w->s, " DEFAULT %s", date);
    return;
  }
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
  dz_sqlw_put(w, " DEFAULT '");
  for (size_t i = 1; i + 1 < n; i++) {
    sqlite3_str_appendchar(w->s, text[i] == '\'' ? 2 : 1, text[i]);
    if (text[i] == '\'' && i + 2 < n && text[i + 1] == '\'') i++;
  }
  dz_sqlw_put(w, "'");
}

/* ---- CREATE TABLE ------------------------------------------------------ */

static void column_def(dz_sqlw *w, const char *table, const dz_column *c) {
  dz_sqlw_bt(w, c->name);
  sqlite3_str_appendf(w->s, " %s", c->type);
  if (c->primary_key) dz_sqlw_put(w, " PRIMARY KEY");
  if (c->autoincrement) dz_sqlw_put(w, " AUTOINCREMENT");
  if (c->def.kind != DZ_DEFAULT_NONE) put_default(w, table, c);
  if (c->generated != DZ_GENERATED_NONE)
    sqlite3_str_appendf(w->s, " GENERATED ALWAYS AS %s %s", c->generated_as,
                        c->generated == DZ_GENERATED_STORED ? "STORED" : "VIRTUAL");
  if (c->not_null) dz_sqlw_put(w, " NOT NULL");
}

static void fk_clause(dz_sqlw *w, const dz_foreign_key *fk) {
  dz_sqlw_put(w, "FOREIGN KEY (");
  bt_list(w, &fk->columns_from, ",");
  dz_sqlw_put(w, ") REFERENCES ");
  dz_sqlw_bt(w, fk->table_to);
  dz_sqlw_put(w, "(");
  bt_list(w, &fk->columns_to, ",");
  dz_sqlw_put(w, ")");
  if (has_text(fk->on_update)) sqlite3_str_appendf(w->s, " ON UPDATE %s", fk->on_update);
  if (has_text(fk->on_delete)) sqlite3_str_appendf(w->s, " ON DELETE %s", fk->on_delete);
}

/* Every occurrence of from in text replaced by to (arena copy). */
static char *replace_all(dz_arena *a, const char *text, const char *from, const char *to) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  size_t flen = strlen(from);
  for (const char *p = text; *p;) {
    if (strncmp(p, from, flen) == 0) {
      sqlite3_str_appendall(s, to);
      p += flen;
    } else {
      sqlite3_str_appendchar(s, 1, *p++);
    }
  }
  char *r = sqlite3_str_finish(s);
  char *out = dz_arena_strdup(a, r ? r : "");
  sqlite3_free(r);
  return out;
}

/* q name q followed by ".", q inside the name doubled when escape is set. */
static const char *qualifier(dz_arena *a, const char *name, char q, bool escape) {
  sqlite3_str *s = sqlite3_str_new(NULL);
  if (q) sqlite3_str_appendchar(s, 1, q);
  for (const char *p = name; *p; p++) {
    if (escape && q && *p == q) sqlite3_str_appendchar(s, 1, q);
    sqlite3_str_appendchar(s, 1, *p);
  }
  if (q) sqlite3_str_appendchar(s, 1, q);
  sqlite3_str_appendchar(s, 1, '.');
  char *r = sqlite3_str_finish(s);
  const char *out = dz_arena_strdup(a, r ? r : "");
  sqlite3_free(r);
  return out;
}

/* The check re-pointed by replacing "t"., `t`., t. and 't'. in turn (Turso:
** 't'. becomes `__new_t`.); escape: the quoted forms as SQL writes them
** (a quote inside t doubled), else as drizzle-kit matches them (verbatim). */
static char *repoint(dz_sqlw *w, const char *value, const char *t, bool escape) {
  dz_arena *a = w->ctx->a;
  const char *nt = dz_arena_printf(a, "__new_%s", t);
  bool turso = w->ctx->dialect == DZ_DIALECT_TURSO && !w->ctx->strict;
  const char q[4] = {'"', '`', 0, '\''};
  char *cur = dz_arena_strdup(a, value);
  for (int k = 0; k < 4; k++)
    cur = replace_all(a, cur, qualifier(a, t, q[k], escape),
                      qualifier(a, nt, k == 3 && turso ? '`' : q[k], escape));
  return cur;
}

/* drizzle-kit points a rebuilt table's checks at __new_<t> by plain text
** replacement of the name's quoted forms, written verbatim: a name holding a
** quote is escaped in the check's SQL ("a""b"), so it is never found and the
** check still names the old table ("no such column" once the old table is
** gone). Ours matches the escaped forms, and marks the statement when that
** differs. */
static char *check_for_rebuild(dz_sqlw *w, const char *value, const char *t) {
  char *ours = repoint(w, value, t, true);
  if (strcmp(ours, repoint(w, value, t, false)) != 0) w->repointed = true;
  return ours;
}

/* rebuild_of: NULL for a plain CREATE TABLE, else the table being rebuilt
** (name is then __new_<t>, unique constraints are left out as drizzle-kit
** does, and checks are re-pointed). */
void dz_sqlw_create_table(dz_sqlw *w, const char *name, const dz_table *t, const char *rebuild_of) {
  dz_sqlw_put(w, "CREATE TABLE ");
  dz_sqlw_bt(w, name);
  dz_sqlw_put(w, " (\n");
  for (size_t i = 0; i < t->columns.len; i++) {
    dz_sqlw_put(w, "\t");
    column_def(w, t->name, t->columns.items[i]);
    if (i + 1 < t->columns.len) dz_sqlw_put(w, ",\n");
  }
  for (size_t i = 0; i < t->primary_keys.len; i++) {
    dz_sqlw_put(w, ",\n\tPRIMARY KEY(");
    bt_list(w, &t->primary_keys.items[i]->columns, ", ");
    dz_sqlw_put(w, ")");
  }
  for (size_t i = 0; i < t->foreign_keys.len; i++) {
    dz_sqlw_put(w, ",\n\t");
    fk_clause(w, t->foreign_keys.items[i]);
  }
  for (size_t i = 0; !rebuild_of && i < t->uniques.len; i++) {
    sqlite3_str_appendf(w->s, ",\n\tCONSTRAINT %s UNIQUE(", t->uniques.items[i]->name);
    bt_list(w, &t->uniques.items[i]->columns, ",");
    dz_sqlw_put(w, ")");
  }
  for (size_t i = 0; i < t->checks.len; i++) {
    const dz_check *ck = t->checks.items[i];
    dz_sqlw_put(w, ",\n\tCONSTRAINT ");
    dz_sqlw_dq(w, ck->name);
    sqlite3_str_appendf(w->s, " CHECK(%s)",
                        rebuild_of ? check_for_rebuild(w, ck->value, rebuild_of) : ck->value);
  }
  dz_sqlw_put(w, "\n);\n");
}

/* ---- single statements -------------------------------------------------- */

/* pre `name` [mid `name2`] post, one statement. */
void dz_sqlw_simple(dz_sqlgen_ctx *ctx, const dz_change *change, const char *reason,
                    const char *pre, const char *name, const char *mid, const char *name2,
                    const char *post) {
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  dz_sqlw_put(&w, pre);
  dz_sqlw_bt(&w, name);
  if (mid) {
    dz_sqlw_put(&w, mid);
    dz_sqlw_bt(&w, name2);
  }
  dz_sqlw_put(&w, post);
  dz_sqlw_emit(&w, change, reason);
}

static const char deferred_reason[] =
    "the index is created here, once its table is ready (drizzle-kit creates it inside an "
    "earlier libSQL ALTER COLUMN block, where it fails or is lost to a later rebuild)";

static bool deferred(const dz_sqlgen_ctx *ctx, const dz_index *ix) {
  for (size_t i = 0; i < ctx->deferred.len; i++)
    if (ctx->deferred.items[i] == ix) return true;
  return false;
}

static void write_index(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_index *ix = op->index;
  bool has_expr = false;
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  sqlite3_str_appendf(w.s, "CREATE %s ", ix->unique ? "UNIQUE INDEX" : "INDEX");
  dz_sqlw_bt(&w, ix->name);
  dz_sqlw_put(&w, " ON ");
  dz_sqlw_bt(&w, op->table);
  dz_sqlw_put(&w, " (");
  for (size_t i = 0; i < ix->columns.len; i++) {
    if (i) dz_sqlw_put(&w, ",");
    bool expr = i < ix->expression.len && ix->expression.items[i];
    has_expr |= expr;
    if (expr) dz_sqlw_put(&w, ix->columns.items[i]);
    else dz_sqlw_bt(&w, ix->columns.items[i]);
  }
  dz_sqlw_put(&w, ")");
  if (ix->where) sqlite3_str_appendf(w.s, " WHERE %s", ix->where);
  dz_sqlw_put(&w, ";");
  if (deferred(ctx, ix) && !op->deviation) {
    dz_sqlw_emit(&w, op->change, deferred_reason);
    return;
  }
  dz_sqlw_emit(&w, op->change,
         has_expr && !op->index_expressions
             ? "the expression is written as an expression (after a rebuild drizzle-kit wraps it "
               "in backticks, which names a column that does not exist)"
             : op->deviation);
}

static void write_add_column(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_column *c = op->column;
  const dz_foreign_key *fk = op->fk;
  const char *reason = op->deviation;
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  dz_sqlw_put(&w, "ALTER TABLE ");
  dz_sqlw_bt(&w, op->table);
  dz_sqlw_put(&w, " ADD ");
  dz_sqlw_bt(&w, c->name);
  sqlite3_str_appendf(w.s, " %s", c->type);
  if (c->primary_key) dz_sqlw_put(&w, " PRIMARY KEY");
  if (c->def.kind != DZ_DEFAULT_NONE) put_default(&w, op->table, c);
  if (c->generated != DZ_GENERATED_NONE)
    sqlite3_str_appendf(w.s, " GENERATED ALWAYS AS %s %s", c->generated_as,
                        c->generated == DZ_GENERATED_STORED ? "STORED" : "VIRTUAL");
  if (c->not_null) dz_sqlw_put(&w, " NOT NULL");
  if (fk) {
    /* drizzle-kit: REFERENCES t(a,b), unquoted, without its actions. */
    sqlite3_str_appendf(w.s, " REFERENCES %s(", fk->table_to);
    for (size_t i = 0; i < fk->columns_to.len; i++)
      sqlite3_str_appendf(w.s, "%s%s", i ? "," : "", fk->columns_to.items[i]);
    dz_sqlw_put(&w, ")");
    bool upd = has_text(fk->on_update) && !dz_streq(fk->on_update, "no action");
    bool del = has_text(fk->on_delete) && !dz_streq(fk->on_delete, "no action");
    if (upd) sqlite3_str_appendf(w.s, " ON UPDATE %s", fk->on_update);
    if (del) sqlite3_str_appendf(w.s, " ON DELETE %s", fk->on_delete);
    if ((upd || del) && !reason)
      reason = "the reference keeps its ON DELETE / ON UPDATE action (drizzle-kit drops it "
               "when it adds a column with a reference)";
  }
  dz_sqlw_put(&w, ";");
  dz_sqlw_emit(&w, op->change, reason);
}

/* ---- Turso's ALTER COLUMN ------------------------------------------------- */

bool dz_sqlite_turso_column_needs_rebuild(const dz_table *t, const dz_column *c) {
  if (c->primary_key) return true;
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    for (size_t j = 0; j < t->foreign_keys.items[i]->columns_from.len; j++)
      if (dz_streq(t->foreign_keys.items[i]->columns_from.items[j], c->name)) return true;
  return false;
}

/* drizzle-kit treats a JSON default of 0, false or "" as no default here. */
static bool default_truthy(const dz_default *d) {
  if (d->kind == DZ_DEFAULT_NONE || !d->text) return false;
  if (d->kind == DZ_DEFAULT_BOOL) return dz_streq(d->text, "true");
  if (d->kind == DZ_DEFAULT_NUMBER) return strtod(d->text, NULL) != 0;
  return *d->text != '\0';
}

/* The default a libSQL ALTER COLUMN of c writes: the column's own (NULL for
** none, or when alter, the DZ_OP_ALTER_COLUMN op, drops it; alter is NULL for
** a reference added). *dropped_by_kit: drizzle-kit would leave this one out
** (a 0 or false), and the database would lose it. */
static const char *alter_default(const dz_op *alter, const dz_column *c, bool *dropped_by_kit) {
  const dz_default *d = &c->def;
  bool has = d->kind != DZ_DEFAULT_NONE && has_text(d->text) &&
             !(alter && alter->alter == DZ_AL_DROP_DEFAULT);
  *dropped_by_kit = has && !(alter && alter->alter == DZ_AL_SET_DEFAULT) && !default_truthy(d);
  return has ? d->text : NULL;
}

static const char *kept_default_reason(dz_sqlgen_ctx *ctx, const char *def) {
  return dz_arena_printf(ctx->a,
                         "keeps the column's DEFAULT %s (drizzle-kit leaves a default of 0 or false "
                         "out of libSQL's ALTER COLUMN: the database loses it, and a row inserted "
                         "without the column gets NULL, or fails NOT NULL)", def);
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
      if (!exists || (create && dz_sql_rebuilds_find(&ctx->rebuilds, t->name))) {
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
      dz_sqlw w;
      dz_sqlw_begin(&w, ctx);
      dz_sqlw_put(&w, "DROP INDEX ");
      dz_sqlw_dq(&w, ix->name);
      dz_sqlw_put(&w, ";");
      dz_sqlw_emit(&w, op->change, NULL);
    }
  }
  return skipped;
}

/* pre `table` mid "column" sep "column": libSQL's ALTER COLUMN head, and the
** UPDATE that stores a column's values. */
static void put_column_twice(dz_sqlw *w, const char *pre, const char *table, const char *mid,
                             const char *column, const char *sep) {
  dz_sqlw_put(w, pre);
  dz_sqlw_bt(w, table);
  dz_sqlw_put(w, mid);
  dz_sqlw_dq(w, column);
  dz_sqlw_put(w, sep);
  dz_sqlw_dq(w, column);
}

static const char materialize_reason[] =
    "stores every row's value of the column before its default changes (libSQL's ALTER "
    "COLUMN rewrites only the definition: rows written before the column was added with "
    "ADD COLUMN hold no value for it and would read the new default, or NULL, instead of "
    "theirs; drizzle-kit writes the ALTER COLUMN alone)";

/* libSQL's ALTER COLUMN only replaces the column's text in the schema, and a
** row that predates the column (SQLite's ADD COLUMN stores nothing in old
** rows) reads the default the text names now. When the default an ALTER
** COLUMN writes (written, NULL for none) is not the one before, an UPDATE
** first stores each row's current value in the row itself. */
static void store_values(dz_sqlgen_ctx *ctx, const dz_op *op, const dz_column *c,
                         const char *written) {
  const dz_column *old = counterpart(ctx, op->table, c);
  const char *had = old && old->def.kind != DZ_DEFAULT_NONE ? old->def.text : NULL;
  if (!old || dz_streq(had, written)) return;
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  put_column_twice(&w, "UPDATE ", op->table, " SET ", c->name, " = ");
  dz_sqlw_put(&w, ";");
  dz_sqlw_emit(&w, op->change, materialize_reason);
}

static void turso_alter_column(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_column *c = op->column;
  bool kept;
  const char *def = alter_default(op, c, &kept);
  bool skipped = turso_all_indexes(ctx, op, false);
  store_values(ctx, op, c, def);
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  put_column_twice(&w, "ALTER TABLE ", op->table, " ALTER COLUMN ", c->name, " TO ");
  sqlite3_str_appendf(w.s, " %s", c->type);
  bool nn = op->alter == DZ_AL_SET_NOTNULL || (op->alter != DZ_AL_DROP_NOTNULL && c->not_null);
  if (nn) dz_sqlw_put(&w, " NOT NULL");
  if (def) put_default(&w, op->table, c); /* def is c's own default text */
  dz_sqlw_put(&w, ";");
  /* The ALTER is written before the block's CREATE INDEX pass, so ask that
  ** pass's question up front: would it leave an index out? */
  for (size_t i = 0; i < ctx->next->tables.len && !skipped; i++)
    skipped = ctx->next->tables.items[i]->indexes.len &&
              dz_sql_rebuilds_find(&ctx->rebuilds, ctx->next->tables.items[i]->name);
  dz_sqlw_emit(&w, op->change, both_reasons(ctx->a, skipped ? turso_index_reason : op->deviation,
                                             kept ? kept_default_reason(ctx, def) : NULL));
  turso_all_indexes(ctx, op, true);
}

static void turso_create_ref(dz_sqlgen_ctx *ctx, const dz_op *op) {
  const dz_foreign_key *fk = op->fk;
  const dz_column *c = dz_table_find_column(op->table_next, fk->columns_from.items[0]);
  bool kept = false;
  const char *def = c ? alter_default(NULL, c, &kept) : NULL;
  if (c) store_values(ctx, op, c, def);
  dz_sqlw w;
  dz_sqlw_begin(&w, ctx);
  put_column_twice(&w, "ALTER TABLE ", fk->table_from, " ALTER COLUMN ", fk->columns_from.items[0],
                   " TO ");
  if (c) {
    sqlite3_str_appendf(w.s, " %s", c->type);
    if (c->not_null) dz_sqlw_put(&w, " NOT NULL");
    if (def) put_default(&w, fk->table_from, c);
  }
  sqlite3_str_appendf(w.s, " REFERENCES %s(%s)", fk->table_to, fk->columns_to.items[0]);
  if (has_text(fk->on_delete)) sqlite3_str_appendf(w.s, " ON DELETE %s", fk->on_delete);
  if (has_text(fk->on_update)) sqlite3_str_appendf(w.s, " ON UPDATE %s", fk->on_update);
  dz_sqlw_put(&w, ";");
  dz_sqlw_emit(&w, op->change, both_reasons(ctx->a, op->deviation,
                                             kept ? kept_default_reason(ctx, def) : NULL));
}

/* A generated column changed in place: drizzle-kit drops and re-adds it. */
static void regenerate_column(dz_sqlgen_ctx *ctx, const dz_op *op) {
  dz_sqlw_simple(ctx, op->change, op->deviation, "ALTER TABLE ", op->table, " DROP COLUMN ",
                 op->column->name, ";");
  dz_op add = *op;
  add.kind = DZ_OP_ADD_COLUMN;
  add.fk = NULL;
  write_add_column(ctx, &add);
}

void dz_sqlite_write_op(dz_sqlgen_ctx *ctx, const dz_op *op) {
  dz_sqlw w;
  switch (op->kind) {
  case DZ_OP_CREATE_TABLE:
    dz_sqlw_begin(&w, ctx);
    dz_sqlw_create_table(&w, op->table, op->table_next, NULL);
    dz_sqlw_emit(&w, op->change, op->deviation);
    break;
  case DZ_OP_DROP_TABLE:
    dz_sqlw_simple(ctx, op->change, op->deviation, "DROP TABLE ", op->table, NULL, NULL, ";");
    break;
  case DZ_OP_RENAME_TABLE:
    dz_sqlw_simple(ctx, op->change, op->deviation, "ALTER TABLE ", op->change->old_table->name,
                   " RENAME TO ", op->table, ";");
    break;
  case DZ_OP_RENAME_COLUMN:
    dz_sqlw_begin(&w, ctx);
    dz_sqlw_put(&w, "ALTER TABLE ");
    dz_sqlw_bt(&w, op->table);
    dz_sqlw_put(&w, " RENAME COLUMN ");
    dz_sqlw_dq(&w, op->change->old_column->name);
    dz_sqlw_put(&w, " TO ");
    dz_sqlw_dq(&w, op->change->new_column->name);
    dz_sqlw_put(&w, ";");
    dz_sqlw_emit(&w, op->change, op->deviation);
    break;
  case DZ_OP_DROP_INDEX:
    dz_sqlw_simple(ctx, op->change, op->deviation, "DROP INDEX ", op->index->name, NULL, NULL, ";");
    break;
  case DZ_OP_CREATE_INDEX:
    write_index(ctx, op);
    break;
  case DZ_OP_ADD_COLUMN:
    write_add_column(ctx, op);
    break;
  case DZ_OP_DROP_COLUMN:
    dz_sqlw_simple(ctx, op->change, op->deviation, "ALTER TABLE ", op->table, " DROP COLUMN ",
                   op->column->name, ";");
    break;
  case DZ_OP_DROP_VIEW:
    dz_sqlw_simple(ctx, op->change, op->deviation, "DROP VIEW ", op->view->name, NULL, NULL, ";");
    break;
  case DZ_OP_CREATE_VIEW:
    dz_sqlw_begin(&w, ctx);
    dz_sqlw_put(&w, "CREATE VIEW ");
    dz_sqlw_bt(&w, op->view->name);
    sqlite3_str_appendf(w.s, " AS %s;", op->view->definition ? op->view->definition : "");
    dz_sqlw_emit(&w, op->change, op->deviation);
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
    dz_sqlite_write_rebuild(ctx, op);
    break;
  default: /* the rest only ever leads to a rebuild */
    break;
  }
}
