/*
** sqlgen.c — the dialect-neutral half of SQL generation (sqlgen.h): picks the
** dialect's writer, builds the rollback as the migration from the new schema
** back to the old one (renames reversed, correctness first), lists the data a
** rollback cannot restore, and joins statements into file text.
*/
#include "drizzle_lsp/sqlgen.h"

#include <sqlite3.h>
#include <string.h>

#include "sqlgen_dialect.h"

void dz_sqlgen_emit(dz_sqlgen_ctx *ctx, const dz_change *change, const char *sql,
                    const char *deviation) {
  dz_sql_stmt st = {dz_arena_strdup(ctx->a, sql), deviation, change, ctx->cover, ctx->n_cover};
  if (!ctx->cover && change) {
    const dz_change **one = dz_arena_alloc(ctx->a, sizeof *one);
    *one = change;
    st.changes = one;
    st.n_changes = 1;
  }
  dz_vec_push(ctx->a, ctx->out, st);
}

const dz_sql_rebuild *dz_sql_rebuilds_find(const dz_sql_rebuilds *v, const char *table) {
  for (size_t i = 0; table && i < v->len; i++)
    if (strcmp(v->items[i].table, table) == 0) return &v->items[i];
  return NULL;
}

const dz_sql_rebuild *dz_sql_plan_rebuild_of(const dz_sql_plan *plan, const char *table) {
  return dz_sql_rebuilds_find(&plan->rebuilds, table);
}

bool dz_sql_plan_rebuild_cause(const dz_sql_plan *plan, const dz_change *c) {
  for (size_t i = 0; c && i < plan->rebuilds.len; i++)
    for (size_t j = 0; j < plan->rebuilds.items[i].n_causes; j++)
      if (plan->rebuilds.items[i].causes[j] == c) return true;
  return false;
}

static const dz_sql_dialect *dialect_for(dz_dialect d) {
  switch (d) {
  case DZ_DIALECT_SQLITE:
  case DZ_DIALECT_TURSO:
    return dz_sql_dialect_sqlite();
  }
  return NULL;
}

/* The renames of d, reversed, as options for the diff next -> prev. */
static void reverse_renames(const dz_diff *d, dz_arena *a, dz_diff_options *o) {
  DZ_VEC(const char *) tables = {0};
  DZ_VEC(const char *) columns = {0};
  for (size_t i = 0; i < d->changes.len; i++) {
    const dz_change *c = &d->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_RENAME)
      dz_vec_push(a, &tables, dz_arena_printf(a, "%s=%s", c->new_table->name, c->old_table->name));
    if (c->kind == DZ_CHANGE_COLUMN_RENAME)
      dz_vec_push(a, &columns, dz_arena_printf(a, "%s.%s=%s", c->old_table->name,
                                               c->new_column->name, c->old_column->name));
  }
  o->table_renames = tables.items;
  o->n_table_renames = tables.len;
  o->column_renames = columns.items;
  o->n_column_renames = columns.len;
}

/* The tables and columns d drops, by their names in its old schema. */
static void list_dropped(const dz_diff *d, dz_arena *a, dz_strvec *out) {
  for (size_t i = 0; i < d->changes.len; i++) {
    const dz_change *c = &d->changes.items[i];
    if (c->kind == DZ_CHANGE_TABLE_DROP)
      dz_vec_push(a, out, dz_arena_printf(a, "every row of table %s", c->old_table->name));
    if (c->kind == DZ_CHANGE_COLUMN_DROP)
      dz_vec_push(a, out, dz_arena_printf(a, "the values of column %s.%s", c->old_table->name,
                                          c->old_column->name));
  }
}

static void header_list(sqlite3_str *s, const dz_strvec *v, const char *title) {
  if (!v->len) return;
  sqlite3_str_appendf(s, "-- %s\n", title);
  for (size_t i = 0; i < v->len; i++) sqlite3_str_appendf(s, "--   %s\n", v->items[i]);
}

dz_result dz_sqlgen_migration(const dz_diff *diff, const dz_schema *prev, const dz_schema *next,
                              dz_dialect dialect, dz_arena *a, dz_sql_plan **out, dz_error *err) {
  const dz_sql_dialect *d = dialect_for(dialect);
  if (!d) return dz_error_set(err, DZ_ERR_UNSUPPORTED, "no SQL writer for this dialect");
  dz_sql_plan *plan = dz_arena_alloc(a, sizeof *plan);
  plan->dialect = dialect;
  dz_sqlgen_ctx ctx = {.diff = diff, .prev = prev, .next = next, .dialect = dialect, .a = a,
                      .out = &plan->forward};
  dz_result rc = d->statements(&ctx, err);
  if (rc != DZ_OK) return rc;
  plan->rebuilds = ctx.rebuilds;

  dz_schema *empty = prev ? NULL : dz_schema_new(a, next->dialect);
  dz_diff_options back;
  reverse_renames(diff, a, &back);
  dz_diff *rdiff = NULL;
  const dz_schema *rnext = prev ? prev : empty;
  if ((rc = dz_diff_schemas(next, rnext, &back, a, &rdiff, err)) != DZ_OK) return rc;
  rdiff->candidates.len = 0; /* the renames are known; the rest are real drops and adds */
  dz_sqlgen_ctx rctx = {.diff = rdiff, .prev = next, .next = rnext, .dialect = dialect,
                       .strict = true, .a = a, .out = &plan->rollback};
  if ((rc = d->statements(&rctx, err)) != DZ_OK) return rc;
  list_dropped(diff, a, &plan->lost_on_rollback);
  list_dropped(rdiff, a, &plan->discarded_by_rollback);
  *out = plan;
  return DZ_OK;
}

char *dz_sql_plan_text(const dz_sql_plan *plan, bool breakpoints, dz_sql_direction dir,
                       dz_arena *a) {
  const dz_sql_stmts *v = dir == DZ_SQL_FORWARD ? &plan->forward : &plan->rollback;
  sqlite3_str *s = sqlite3_str_new(NULL);
  /* With nothing to undo, no header either: a chunk of only comments is an
  ** error to better-sqlite3 ("contains no statements"). */
  if (dir == DZ_SQL_ROLLBACK && v->len) {
    sqlite3_str_appendall(s, "-- drizzle-lsp rollback: restores the schema as it was before "
                             "this migration.\n");
    header_list(s, &plan->lost_on_rollback, "It cannot bring back (the migration dropped them):");
    header_list(s, &plan->discarded_by_rollback, "It discards (the migration added them):");
  }
  for (size_t i = 0; i < v->len; i++) {
    if (i) sqlite3_str_appendall(s, breakpoints ? "--> statement-breakpoint\n" : "\n");
    if (v->items[i].deviation) {
      /* One comment line: a newline in the reason must not end the comment. */
      sqlite3_str_appendall(s, "-- drizzle-lsp: ");
      for (const char *p = v->items[i].deviation; *p; p++)
        sqlite3_str_appendchar(s, 1, *p == '\n' ? ' ' : *p);
      sqlite3_str_appendchar(s, 1, '\n');
    }
    sqlite3_str_appendall(s, v->items[i].sql);
  }
  char *text = sqlite3_str_finish(s);
  char *r = dz_arena_strdup(a, text ? text : "");
  sqlite3_free(text);
  return r;
}
