/*
** impact.c — real figures on findings from a development database
** (impact.h). Each rule that has something to count gets one or two
** read-only queries against the tables as they are now (the old names: the
** database has not been migrated yet). Identifiers are quoted with %w inside
** double quotes; expressions that come from the schema (checks, partial
** index conditions, expression index parts) run on a read-only connection
** and must be a single statement.
*/
#include "drizzle_lsp/impact.h"

#include "impact_sql.h"

#include <string.h>

typedef struct mctx {
  sqlite3 *db;
  const dz_schema *next;
  dz_arena *a;
} mctx;

/* The name the finding's table has in the database (before any rename). */
static const char *db_table(const dz_finding *f) {
  const dz_change *c = f->change;
  if (c && c->old_table) return c->old_table->name;
  return f->table;
}

static bool have_table(mctx *m, dz_finding *f, const char *table) {
  if (dz_sql_table_exists(m->db, table)) return true;
  f->figures_note = dz_arena_printf(m->a, "table %s is not in the database", table);
  return false;
}

static bool have_column(mctx *m, dz_finding *f, const char *table, const char *column) {
  if (dz_sql_column_exists(m->db, table, column)) return true;
  f->figures_note = dz_arena_printf(m->a, "column %s.%s is not in the database", table, column);
  return false;
}

/* Run a count and add it as a figure; text is a printf format with one
** %lld, zero_text (optional) what to say instead when the count is 0. A
** failing query becomes the finding's note. */
static bool figure_or(mctx *m, dz_finding *f, const char *key, char *sql, const char *text,
                      const char *zero_text) {
  int64_t n = 0;
  dz_error err;
  if (dz_sql_count(m->db, sql, &n, &err) != DZ_OK) {
    f->figures_note = dz_arena_printf(m->a, "could not measure %s: %s", key, err.message);
    return false;
  }
  const char *t = n == 0 && zero_text ? zero_text : dz_arena_printf(m->a, text, (long long)n);
  dz_finding_add_figure(m->a, f, key, n, t);
  return true;
}

static bool figure(mctx *m, dz_finding *f, const char *key, char *sql, const char *text) {
  return figure_or(m, f, key, sql, text, NULL);
}

/* A count of rows that would make the migration fail. */
static bool blockers(mctx *m, dz_finding *f, const char *key, char *sql, const char *text) {
  const char *none = dz_arena_printf(m->a, "%s: none, so it passes on this database", key);
  return figure_or(m, f, key, sql, text, none);
}

static bool rows(mctx *m, dz_finding *f, const char *table, const char *text) {
  if (!have_table(m, f, table)) return false;
  return figure(m, f, "rows", sqlite3_mprintf("SELECT count(*) FROM \"%w\"", table), text);
}

/* `"a" IS NOT NULL AND ...` and `"a", ...` over columns (or expressions). */
static void column_lists(sqlite3_str *notnull, sqlite3_str *group, const dz_strvec *cols,
                         const bool *expr) {
  for (size_t i = 0; i < cols->len; i++) {
    const char *c = cols->items[i];
    if (i) sqlite3_str_appendall(group, ", ");
    if (expr && expr[i]) {
      sqlite3_str_appendf(notnull, " AND (%s) IS NOT NULL", c);
      sqlite3_str_appendf(group, "(%s)", c);
    } else {
      sqlite3_str_appendf(notnull, " AND \"%w\" IS NOT NULL", c);
      sqlite3_str_appendf(group, "\"%w\"", c);
    }
  }
}

/* Rows beyond the first in each group of equal non-NULL keys: the rows a
** UNIQUE index or primary key would reject (NULLs never collide in SQLite). */
static void duplicates(mctx *m, dz_finding *f, const char *table, const dz_strvec *cols,
                       const bool *expr, const char *where) {
  if (!have_table(m, f, table)) return;
  for (size_t i = 0; i < cols->len; i++)
    if (!(expr && expr[i]) && !have_column(m, f, table, cols->items[i])) return;
  sqlite3_str *nn = sqlite3_str_new(m->db), *group = sqlite3_str_new(m->db);
  column_lists(nn, group, cols, expr);
  char *nns = sqlite3_str_finish(nn), *gs = sqlite3_str_finish(group);
  char *sql = sqlite3_mprintf("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM "
                              "\"%w\" WHERE 1%s%s%s%s GROUP BY %s HAVING count(*) > 1)",
                              table, nns ? nns : "", where ? " AND (" : "", where ? where : "",
                              where ? ")" : "", gs ? gs : "NULL");
  sqlite3_free(nns);
  sqlite3_free(gs);
  blockers(m, f, "duplicates", sql, "rows that duplicate an earlier row and block it: %lld");
}

/* Child rows whose non-NULL reference matches no parent row. */
static void orphans(mctx *m, dz_finding *f, const dz_foreign_key *fk) {
  const char *child = db_table(f);
  if (!have_table(m, f, child)) return;
  for (size_t i = 0; i < fk->columns_from.len; i++)
    if (!have_column(m, f, child, fk->columns_from.items[i])) return;
  sqlite3_str *s = sqlite3_str_new(m->db);
  sqlite3_str_appendf(s, "SELECT count(*) FROM \"%w\" AS c WHERE 1", child);
  for (size_t i = 0; i < fk->columns_from.len; i++)
    sqlite3_str_appendf(s, " AND c.\"%w\" IS NOT NULL", fk->columns_from.items[i]);
  bool parent = dz_sql_table_exists(m->db, fk->table_to);
  for (size_t i = 0; parent && i < fk->columns_to.len; i++)
    parent = dz_sql_column_exists(m->db, fk->table_to, fk->columns_to.items[i]);
  if (parent) { /* a parent created by this migration starts empty: all are orphans */
    sqlite3_str_appendf(s, " AND NOT EXISTS (SELECT 1 FROM \"%w\" AS p WHERE 1", fk->table_to);
    for (size_t i = 0; i < fk->columns_to.len && i < fk->columns_from.len; i++)
      sqlite3_str_appendf(s, " AND p.\"%w\" = c.\"%w\"", fk->columns_to.items[i],
                          fk->columns_from.items[i]);
    sqlite3_str_appendall(s, ")");
  }
  blockers(m, f, "orphans", sqlite3_str_finish(s),
           "rows whose parent is missing, which block the foreign key: %lld");
}

static void violations(mctx *m, dz_finding *f, const dz_check *ck) {
  const char *t = db_table(f);
  if (!have_table(m, f, t)) return;
  blockers(m, f, "violations",
           sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE NOT (%s)", t, ck->value),
           "rows that violate the check and block it: %lld");
}

static void column_values(mctx *m, dz_finding *f, const char *column, const char *text) {
  const char *t = db_table(f);
  if (!have_table(m, f, t) || !have_column(m, f, t, column)) return;
  figure(m, f, "non_null_values", sqlite3_mprintf("SELECT count(\"%w\") FROM \"%w\"", column, t),
         text);
}

static void nulls(mctx *m, dz_finding *f, const char *column) {
  const char *t = db_table(f);
  if (!have_table(m, f, t) || !have_column(m, f, t, column)) return;
  blockers(m, f, "nulls",
           sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE \"%w\" IS NULL", t, column),
           "rows holding NULL, which block NOT NULL: %lld");
}

/* Rows of existing tables that reference f's table through a foreign key. */
static void child_rows(mctx *m, dz_finding *f) {
  int64_t total = 0;
  for (size_t i = 0; i < m->next->tables.len; i++) {
    const dz_table *child = m->next->tables.items[i];
    for (size_t j = 0; j < child->foreign_keys.len; j++) {
      const dz_foreign_key *fk = child->foreign_keys.items[j];
      if (strcmp(fk->table_to, f->table) != 0 || !dz_sql_table_exists(m->db, child->name)) continue;
      sqlite3_str *s = sqlite3_str_new(m->db);
      sqlite3_str_appendf(s, "SELECT count(*) FROM \"%w\" WHERE 1", child->name);
      for (size_t k = 0; k < fk->columns_from.len; k++)
        sqlite3_str_appendf(s, " AND \"%w\" IS NOT NULL", fk->columns_from.items[k]);
      int64_t n = 0;
      if (dz_sql_count(m->db, sqlite3_str_finish(s), &n, NULL) == DZ_OK) total += n;
    }
  }
  dz_finding_add_figure(m->a, f, "child_rows", total,
                        dz_arena_printf(m->a, "rows in referencing tables at stake: %lld",
                                        (long long)total));
}

static void primary_key(mctx *m, dz_finding *f) {
  const dz_change *c = f->change;
  if (!c) return;
  if (c->kind == DZ_CHANGE_COLUMN_ADD) {
    rows(m, f, db_table(f), "existing rows that need a unique value: %lld");
  } else if (c->kind == DZ_CHANGE_COLUMN_ALTER && c->new_column->primary_key) {
    dz_strvec one = {(const char **)&c->old_column->name, 1, 1};
    duplicates(m, f, db_table(f), &one, NULL, NULL);
  } else if (c->new_pk) {
    duplicates(m, f, db_table(f), &c->new_pk->columns, NULL, NULL);
  }
}

static void unique(mctx *m, dz_finding *f) {
  const dz_change *c = f->change;
  if (c && c->new_index)
    duplicates(m, f, db_table(f), &c->new_index->columns, c->new_index->expression.items,
               c->new_index->where);
  else if (c && c->new_unique)
    duplicates(m, f, db_table(f), &c->new_unique->columns, NULL, NULL);
}

/* Every existing row blocks an ADD COLUMN that SQLite accepts only on an
** empty table. */
static void blocking_rows(mctx *m, dz_finding *f) {
  const char *t = db_table(f);
  if (!have_table(m, f, t)) return;
  figure_or(m, f, "rows", sqlite3_mprintf("SELECT count(*) FROM \"%w\"", t),
            "existing rows that make ADD COLUMN fail: %lld",
            "the table is empty here, so it passes on this database only");
}

static bool is(const dz_finding *f, const char *rule) { return strcmp(f->rule, rule) == 0; }

static void measure(mctx *m, dz_finding *f) {
  const dz_change *c = f->change;
  const char *old_col = c && c->old_column ? c->old_column->name : NULL;
  if (is(f, "table-dropped"))
    rows(m, f, db_table(f), "rows deleted: %lld");
  else if (is(f, "column-dropped") && rows(m, f, db_table(f), "rows in the table: %lld"))
    column_values(m, f, old_col, "non-null values deleted: %lld");
  else if (is(f, "column-added-not-null-no-default") || is(f, "column-added-non-constant-default"))
    blocking_rows(m, f);
  else if (is(f, "column-set-not-null"))
    nulls(m, f, old_col);
  else if (is(f, "column-type-compatible") || is(f, "column-type-incompatible"))
    column_values(m, f, old_col, "non-null values converted to the new type: %lld");
  else if (is(f, "unique-created"))
    unique(m, f);
  else if (is(f, "primary-key-changed"))
    primary_key(m, f);
  else if ((is(f, "foreign-key-created") || is(f, "foreign-key-changed")) && c && c->new_fk)
    orphans(m, f, c->new_fk);
  else if ((is(f, "check-created") || is(f, "check-changed")) && c && c->new_check)
    violations(m, f, c->new_check);
  else if (is(f, "index-created"))
    rows(m, f, db_table(f), "rows indexed: %lld");
  else if (is(f, "table-rebuild"))
    rows(m, f, db_table(f), "rows copied: %lld");
  else if (is(f, "table-rebuild-referenced") && rows(m, f, db_table(f), "rows copied: %lld"))
    child_rows(m, f);
}

dz_result dz_impact_measure(const char *db_path, const dz_schema *next, dz_findings *f,
                            dz_arena *a, dz_error *err) {
  sqlite3 *db = NULL;
  dz_result r = dz_sql_open_readonly(db_path, &db, err);
  if (r != DZ_OK) return r;
  mctx m = {db, next, a};
  for (size_t i = 0; f && i < f->items.len; i++) measure(&m, f->items.items[i]);
  sqlite3_close(db);
  return DZ_OK;
}
