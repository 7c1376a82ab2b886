/*
** introspect.c — a SQLite database's schema into the model (introspect.h).
** PRAGMA table-valued functions give structure; the CREATE text in
** sqlite_master gives what PRAGMAs normalise away or never keep (SQLite 3.40
** reports `DEFAULT (unixepoch())` as "unixepoch()", and upper-cases types).
*/
#include "drizzle_lsp/introspect.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "drizzle_lsp/sql_scan.h"

/* A CREATE TABLE body cut into column definitions and table constraints. */
typedef struct table_ddl {
  dz_sql_spans columns;
  dz_sql_spans constraints;
  const char *pk_name; /* CONSTRAINT <name> PRIMARY KEY (...), or NULL */
} table_ddl;

static dz_result sqlite_fail(sqlite3 *db, const char *what, dz_error *err) {
  return dz_error_set(err, DZ_ERR_SQLITE, "reading the database schema (%s): %s", what,
                      sqlite3_errmsg(db));
}

static dz_result prepare(sqlite3 *db, const char *sql, const char *arg, sqlite3_stmt **st,
                         dz_error *err) {
  if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) return sqlite_fail(db, sql, err);
  if (arg) sqlite3_bind_text(*st, 1, arg, -1, SQLITE_TRANSIENT);
  return DZ_OK;
}

static const char *col_text(sqlite3_stmt *st, int i, dz_arena *a) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? dz_arena_strdup(a, (const char *)t) : NULL;
}

static bool is_table_constraint(dz_sql_span first) {
  static const char *const words[] = {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (dz_sql_is_word(first, words[i])) return true;
  return false;
}

/* Words that end a column's declared type and start its constraints. */
static bool is_column_constraint(dz_sql_span t) {
  static const char *const words[] = {"CONSTRAINT", "PRIMARY", "NOT",     "NULL",
                                      "UNIQUE",     "CHECK",   "DEFAULT", "COLLATE",
                                      "REFERENCES", "GENERATED", "AS"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (dz_sql_is_word(t, words[i])) return true;
  return false;
}

/* The body of CREATE TABLE: the first parenthesised group. */
static void parse_create_table(const char *sql, dz_arena *a, table_ddl *out) {
  dz_sql_span sp = {sql, sql ? strlen(sql) : 0}, t;
  while ((t = dz_sql_next(&sp)).n > 0 && !dz_sql_is_group(t)) {}
  if (t.n == 0) return;
  dz_sql_spans items = {0};
  dz_sql_split_commas(dz_sql_group_inside(t), a, &items);
  for (size_t i = 0; i < items.len; i++) {
    dz_sql_span rest = items.items[i], first = dz_sql_next(&rest);
    if (!is_table_constraint(first)) {
      dz_vec_push(a, &out->columns, items.items[i]);
      continue;
    }
    dz_vec_push(a, &out->constraints, items.items[i]);
    dz_sql_span name = dz_sql_next(&rest);
    if (dz_sql_is_word(first, "CONSTRAINT") && dz_sql_is_word(dz_sql_next(&rest), "PRIMARY"))
      out->pk_name = dz_sql_unquote(name, a);
  }
}

static const dz_sql_span *find_column_def(const table_ddl *d, const char *name, dz_arena *a) {
  for (size_t i = 0; i < d->columns.len; i++) {
    dz_sql_span rest = d->columns.items[i];
    if (strcasecmp(dz_sql_unquote(dz_sql_next(&rest), a), name) == 0) return &d->columns.items[i];
  }
  return NULL;
}

/* A default as written: a literal, a signed number, a word or a group. */
static const char *read_default(dz_sql_span *rest, dz_arena *a) {
  dz_sql_span t = dz_sql_next(rest);
  if (t.n == 1 && (t.p[0] == '-' || t.p[0] == '+')) {
    dz_sql_span num = dz_sql_next(rest);
    t.n = (size_t)(num.p + num.n - t.p);
  }
  return dz_sql_copy(t, a);
}

static void add_check(dz_schema *s, dz_table *t, const char *name, dz_sql_span group) {
  dz_check *c = dz_table_add_check(s, t, name ? name : "");
  c->value = dz_sql_copy(dz_sql_trim(dz_sql_group_inside(group)), s->arena);
}

/* The declared type: the tokens after the name up to the first constraint. */
static const char *read_type(dz_sql_span *rest, dz_arena *a) {
  const char *start = NULL, *end = NULL;
  for (dz_sql_span t = dz_sql_next(rest); t.n > 0 && !is_column_constraint(t); t = dz_sql_next(rest)) {
    if (!start) start = t.p;
    end = t.p + t.n;
  }
  return start ? dz_arena_strndup(a, start, (size_t)(end - start)) : "";
}

/* Type, default, AUTOINCREMENT, generated expression and CHECKs of a column
** definition. "ON DELETE SET DEFAULT" is not a default. */
static void read_column_def(dz_schema *s, dz_table *tbl, dz_column *c, dz_sql_span def) {
  dz_arena *a = s->arena;
  dz_sql_span rest = def;
  dz_sql_next(&rest);
  dz_sql_span type_part = rest;
  c->type = read_type(&type_part, a);
  const char *constraint_name = NULL;
  dz_sql_span prev = {NULL, 0};
  for (dz_sql_span t = dz_sql_next(&rest); t.n > 0; prev = t, t = dz_sql_next(&rest)) {
    if (dz_sql_is_word(t, "CONSTRAINT")) constraint_name = dz_sql_unquote(dz_sql_next(&rest), a);
    else if (dz_sql_is_word(t, "DEFAULT") && !dz_sql_is_word(prev, "SET"))
      c->def = (dz_default){DZ_DEFAULT_SQL, read_default(&rest, a)};
    else if (dz_sql_is_word(t, "AUTOINCREMENT")) c->autoincrement = true;
    else if (dz_sql_is_word(t, "AS")) c->generated_as = dz_sql_copy(dz_sql_next(&rest), a);
    else if (dz_sql_is_word(t, "CHECK")) add_check(s, tbl, constraint_name, dz_sql_next(&rest));
  }
}

static void read_table_checks(dz_schema *s, dz_table *t, const table_ddl *d) {
  for (size_t i = 0; i < d->constraints.len; i++) {
    dz_sql_span rest = d->constraints.items[i], tok = dz_sql_next(&rest);
    const char *name = NULL;
    if (dz_sql_is_word(tok, "CONSTRAINT")) {
      name = dz_sql_unquote(dz_sql_next(&rest), s->arena);
      tok = dz_sql_next(&rest);
    }
    if (dz_sql_is_word(tok, "CHECK")) add_check(s, t, name, dz_sql_next(&rest));
  }
}

/* The name drizzle-kit would give a composite key ("users_a_b_pk"). */
static const char *generated_name(dz_arena *a, const char *table, const dz_strvec *cols,
                                  const char *suffix) {
  char *name = dz_arena_strdup(a, table);
  for (size_t i = 0; i < cols->len; i++) name = dz_arena_printf(a, "%s_%s", name, cols->items[i]);
  return dz_arena_printf(a, "%s_%s", name, suffix);
}

static dz_result read_columns(sqlite3 *db, dz_schema *s, dz_table *t, const table_ddl *d,
                              dz_error *err) {
  sqlite3_stmt *st;
  dz_result rc = prepare(db,
                         "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                         "FROM pragma_table_xinfo(?1) ORDER BY cid",
                         t->name, &st, err);
  if (rc != DZ_OK) return rc;
  dz_strvec pk_cols = {0};
  DZ_VEC(int) pk_pos = {0};
  while (sqlite3_step(st) == SQLITE_ROW) {
    dz_column *c = dz_table_add_column(s, t, col_text(st, 0, s->arena));
    c->type = col_text(st, 1, s->arena);
    c->not_null = sqlite3_column_int(st, 2) != 0;
    const char *dflt = col_text(st, 3, s->arena);
    if (dflt) c->def = (dz_default){DZ_DEFAULT_SQL, dflt};
    int hidden = sqlite3_column_int(st, 5);
    c->generated = hidden == 2 ? DZ_GENERATED_VIRTUAL : hidden == 3 ? DZ_GENERATED_STORED : DZ_GENERATED_NONE;
    const dz_sql_span *def = find_column_def(d, c->name, s->arena);
    if (def) read_column_def(s, t, c, *def);
    int pk = sqlite3_column_int(st, 4);
    if (pk > 0) {
      dz_vec_push(s->arena, &pk_cols, c->name);
      dz_vec_push(s->arena, &pk_pos, pk);
    }
  }
  if (sqlite3_finalize(st) != SQLITE_OK) return sqlite_fail(db, "table_xinfo", err);
  if (pk_cols.len == 1) {
    dz_table_find_column(t, pk_cols.items[0])->primary_key = true;
  } else if (pk_cols.len > 1) {
    dz_strvec ordered = {0};
    for (size_t k = 1; k <= pk_cols.len; k++)
      for (size_t i = 0; i < pk_cols.len; i++)
        if ((size_t)pk_pos.items[i] == k) dz_vec_push(s->arena, &ordered, pk_cols.items[i]);
    const char *name = d->pk_name ? d->pk_name : generated_name(s->arena, t->name, &ordered, "pk");
    dz_table_add_primary_key(s, t, name)->columns = ordered;
  }
  return DZ_OK;
}

/* An index's terms and WHERE clause from its CREATE INDEX text. */
static void parse_create_index(const char *sql, dz_arena *a, dz_sql_spans *terms, dz_index *x) {
  dz_sql_span on = dz_sql_find_word((dz_sql_span){sql, sql ? strlen(sql) : 0}, "ON");
  if (!on.p) return;
  dz_sql_next(&on);
  dz_sql_next(&on); /* the table name */
  dz_sql_span group = dz_sql_next(&on);
  if (!dz_sql_is_group(group)) return;
  dz_sql_split_commas(dz_sql_group_inside(group), a, terms);
  dz_sql_span where = dz_sql_find_word(on, "WHERE");
  if (where.p) {
    dz_sql_next(&where);
    x->where = dz_sql_copy(dz_sql_trim(where), a);
  }
}

/* The key columns of an index; an expression term (cid -2) as written. */
static dz_result read_index_columns(sqlite3 *db, dz_schema *s, dz_index *x, const dz_sql_spans *terms,
                                    dz_error *err) {
  sqlite3_stmt *st;
  dz_result rc = prepare(db, "SELECT seqno, cid, name FROM pragma_index_xinfo(?1) WHERE key ORDER BY seqno",
                         x->name, &st, err);
  if (rc != DZ_OK) return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int seq = sqlite3_column_int(st, 0);
    bool expr = sqlite3_column_int(st, 1) == -2;
    const char *name = col_text(st, 2, s->arena);
    if (expr) name = seq < (int)terms->len ? dz_sql_copy(terms->items[seq], s->arena) : "?";
    dz_vec_push(s->arena, &x->columns, name);
    dz_vec_push(s->arena, &x->expression, expr);
  }
  return sqlite3_finalize(st) == SQLITE_OK ? DZ_OK : sqlite_fail(db, "index_xinfo", err);
}

/* Indexes made by CREATE INDEX become dz_index; those SQLite made for a
** UNIQUE constraint become dz_unique; primary-key ones are the columns'. */
static dz_result read_indexes(sqlite3 *db, dz_schema *s, dz_table *t, dz_error *err) {
  sqlite3_stmt *st;
  dz_result rc = prepare(db,
                         "SELECT il.name, il.\"unique\", il.origin, m.sql FROM pragma_index_list(?1) il "
                         "LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = il.name "
                         "WHERE il.origin <> 'pk' ORDER BY il.seq DESC",
                         t->name, &st, err);
  while (rc == DZ_OK && sqlite3_step(st) == SQLITE_ROW) {
    const char *name = col_text(st, 0, s->arena), *origin = col_text(st, 2, s->arena);
    dz_index *x = dz_arena_alloc(s->arena, sizeof *x);
    x->name = name;
    x->span = dz_span_none();
    x->unique = sqlite3_column_int(st, 1) != 0;
    dz_sql_spans terms = {0};
    parse_create_index(col_text(st, 3, s->arena), s->arena, &terms, x);
    rc = read_index_columns(db, s, x, &terms, err);
    if (strcmp(origin, "u") == 0) dz_table_add_unique(s, t, name)->columns = x->columns;
    else dz_vec_push(s->arena, &t->indexes, x);
  }
  if (rc != DZ_OK) {
    sqlite3_finalize(st);
    return rc;
  }
  return sqlite3_finalize(st) == SQLITE_OK ? DZ_OK : sqlite_fail(db, "index_list", err);
}

static const char *lower(dz_arena *a, const char *s) {
  char *out = dz_arena_strdup(a, s ? s : "");
  for (char *p = out; *p; p++) *p = (char)tolower((unsigned char)*p);
  return out;
}

/* A foreign key with no parent columns named refers to the parent's key. */
static void default_parent_columns(const dz_schema *s, dz_foreign_key *fk) {
  const dz_table *parent = dz_schema_find_table(s, fk->table_to);
  if (!parent || fk->columns_to.len > 0) return;
  for (size_t i = 0; i < parent->columns.len; i++)
    if (parent->columns.items[i]->primary_key) dz_vec_push(s->arena, &fk->columns_to, parent->columns.items[i]->name);
  for (size_t i = 0; i < parent->primary_keys.len; i++) fk->columns_to = parent->primary_keys.items[i]->columns;
}

static void name_foreign_key(dz_arena *a, dz_foreign_key *fk) {
  const char *from = generated_name(a, fk->table_from, &fk->columns_from, fk->table_to);
  fk->name = generated_name(a, from, &fk->columns_to, "fk");
}

static dz_result read_foreign_keys(sqlite3 *db, dz_schema *s, dz_table *t, dz_error *err) {
  sqlite3_stmt *st;
  dz_result rc = prepare(db,
                         "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                         "FROM pragma_foreign_key_list(?1) ORDER BY id DESC, seq",
                         t->name, &st, err);
  if (rc != DZ_OK) return rc;
  dz_foreign_key *fk = NULL;
  int id = -1;
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (!fk || sqlite3_column_int(st, 0) != id) {
      id = sqlite3_column_int(st, 0);
      fk = dz_table_add_foreign_key(s, t, "");
      fk->table_from = t->name;
      fk->table_to = col_text(st, 1, s->arena);
      fk->on_update = lower(s->arena, col_text(st, 4, s->arena));
      fk->on_delete = lower(s->arena, col_text(st, 5, s->arena));
    }
    dz_vec_push(s->arena, &fk->columns_from, col_text(st, 2, s->arena));
    const char *to = col_text(st, 3, s->arena);
    if (to) dz_vec_push(s->arena, &fk->columns_to, to);
  }
  return sqlite3_finalize(st) == SQLITE_OK ? DZ_OK : sqlite_fail(db, "foreign_key_list", err);
}

static dz_result read_table(sqlite3 *db, dz_schema *s, const char *name, const char *sql, dz_error *err) {
  dz_table *t = dz_schema_add_table(s, name);
  table_ddl d = {0};
  parse_create_table(sql, s->arena, &d);
  dz_result rc = read_columns(db, s, t, &d, err);
  if (rc == DZ_OK) read_table_checks(s, t, &d);
  if (rc == DZ_OK) rc = read_indexes(db, s, t, err);
  if (rc == DZ_OK) rc = read_foreign_keys(db, s, t, err);
  return rc;
}

/* A view's definition: what follows the top-level AS. */
static void read_view(dz_schema *s, const char *name, const char *sql) {
  dz_view *v = dz_schema_add_view(s, name);
  dz_sql_span as = dz_sql_find_word((dz_sql_span){sql, sql ? strlen(sql) : 0}, "AS");
  if (!as.p) return;
  dz_sql_next(&as);
  v->definition = dz_sql_copy(dz_sql_trim(as), s->arena);
}

dz_result dz_introspect_sqlite(sqlite3 *db, const char *skip_table, dz_arena *a, dz_schema **out,
                               dz_error *err) {
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  sqlite3_stmt *st;
  /* Virtual tables (FTS5, R*Tree) and their shadow tables are made by
  ** hand-written SQL and no drizzle-kit snapshot can describe them:
  ** pragma_table_list tells them apart without loading their modules. */
  dz_result rc = prepare(db,
                         "SELECT m.type, m.name, m.sql FROM sqlite_master m "
                         "LEFT JOIN pragma_table_list l ON l.schema = 'main' AND l.name = m.name "
                         "WHERE m.type IN ('table', 'view') AND coalesce(l.type, m.type) = m.type "
                         "AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name IS NOT ?1 "
                         "ORDER BY m.rowid",
                         skip_table, &st, err);
  while (rc == DZ_OK && sqlite3_step(st) == SQLITE_ROW) {
    const char *type = col_text(st, 0, a), *name = col_text(st, 1, a), *sql = col_text(st, 2, a);
    if (strcmp(type, "table") == 0) rc = read_table(db, s, name, sql, err);
    else read_view(s, name, sql);
  }
  if (rc != DZ_OK) {
    sqlite3_finalize(st);
    return rc;
  }
  if (sqlite3_finalize(st) != SQLITE_OK) return sqlite_fail(db, "sqlite_master", err);
  for (size_t i = 0; i < s->tables.len; i++)
    for (size_t j = 0; j < s->tables.items[i]->foreign_keys.len; j++) {
      dz_foreign_key *fk = s->tables.items[i]->foreign_keys.items[j];
      default_parent_columns(s, fk);
      name_foreign_key(a, fk);
    }
  *out = s;
  return DZ_OK;
}
