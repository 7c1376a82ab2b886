/*
** test_introspect.c — reading a SQLite database's schema back into the model
** (what PRAGMAs say, and what only the CREATE text keeps), and comparing two
** models line by line.
*/
#include "drizzle_lsp/introspect.h"
#include "drizzle_lsp/schema_compare.h"
#include "drizzle_lsp/sql_scan.h"

#include "dz_test.h"

static dz_schema *introspect(dz_arena *a, const char *ddl, const char *skip) {
  sqlite3 *db = NULL;
  sqlite3_open(":memory:", &db);
  char *msg = NULL;
  if (sqlite3_exec(db, ddl, NULL, NULL, &msg) != SQLITE_OK) DZ_FAIL("ddl: %s", msg);
  sqlite3_free(msg);
  dz_schema *s = NULL;
  dz_error err;
  if (dz_introspect_sqlite(db, skip, a, &s, &err) != DZ_OK) DZ_FAIL("introspect: %s", err.message);
  sqlite3_close(db);
  return s;
}

static const char *join(dz_arena *a, const dz_strvec *v) {
  const char *s = "";
  for (size_t i = 0; i < v->len; i++) s = dz_arena_printf(a, "%s%s%s", s, i ? "|" : "", v->items[i]);
  return s;
}

DZ_TEST(columns_keep_types_and_defaults_as_written) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = introspect(a,
                            "CREATE TABLE `users` (\n"
                            "  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
                            "  `created` integer DEFAULT (unixepoch()),\n"
                            "  `neg` real DEFAULT -1.5 NOT NULL,\n"
                            "  `name` text DEFAULT 'it''s, (x)',\n"
                            "  `flag` integer DEFAULT false,\n"
                            "  `price` numeric(10, 2),\n"
                            "  `up` text GENERATED ALWAYS AS (upper(\"name\")) STORED,\n"
                            "  `v` text AS (lower(name)) VIRTUAL\n"
                            ");",
                            NULL);
  DZ_CHECK_INT(s->tables.len, 1);
  dz_table *t = s->tables.items[0];
  DZ_CHECK_INT(t->columns.len, 8);
  dz_column *id = dz_table_find_column(t, "id");
  DZ_CHECK_STR(id->type, "integer");
  DZ_CHECK(id->primary_key && id->autoincrement && id->not_null);
  DZ_CHECK_STR(dz_table_find_column(t, "created")->def.text, "(unixepoch())");
  DZ_CHECK_STR(dz_table_find_column(t, "neg")->def.text, "-1.5");
  DZ_CHECK(dz_table_find_column(t, "neg")->not_null);
  DZ_CHECK_STR(dz_table_find_column(t, "name")->def.text, "'it''s, (x)'");
  DZ_CHECK_STR(dz_table_find_column(t, "flag")->def.text, "false");
  DZ_CHECK_STR(dz_table_find_column(t, "price")->type, "numeric(10, 2)");
  dz_column *up = dz_table_find_column(t, "up"), *v = dz_table_find_column(t, "v");
  DZ_CHECK_INT(up->generated, DZ_GENERATED_STORED);
  DZ_CHECK_STR(up->generated_as, "(upper(\"name\"))");
  DZ_CHECK_INT(v->generated, DZ_GENERATED_VIRTUAL);
  DZ_CHECK_STR(v->generated_as, "(lower(name))");
  DZ_CHECK(!dz_table_find_column(t, "name")->primary_key && !id->def.kind);
  dz_arena_free(a);
}

DZ_TEST(keys_checks_and_foreign_keys) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = introspect(a,
                            "CREATE TABLE `p` (`id` integer PRIMARY KEY NOT NULL);\n"
                            "CREATE TABLE `c` (\n"
                            "  `a` integer NOT NULL, `b` integer NOT NULL, `pid` integer,\n"
                            "  `qid` integer REFERENCES p ON DELETE SET DEFAULT,\n"
                            "  PRIMARY KEY(`b`, `a`),\n"
                            "  FOREIGN KEY (`pid`) REFERENCES `p`(`id`) ON UPDATE no action ON DELETE cascade,\n"
                            "  CONSTRAINT \"pos\" CHECK(\"c\".\"a\" > 0 AND ',' <> ')'),\n"
                            "  CONSTRAINT u1 UNIQUE (a, pid)\n"
                            ");\n"
                            "CREATE TABLE k (x, y, CONSTRAINT named_pk PRIMARY KEY (x, y));",
                            NULL);
  dz_table *c = dz_schema_find_table(s, "c");
  DZ_CHECK_INT(c->primary_keys.len, 1);
  DZ_CHECK_STR(c->primary_keys.items[0]->name, "c_b_a_pk");
  DZ_CHECK_STR(join(a, &c->primary_keys.items[0]->columns), "b|a");
  DZ_CHECK(!dz_table_find_column(c, "a")->primary_key);
  DZ_CHECK(dz_table_find_column(c, "qid")->def.kind == DZ_DEFAULT_NONE);
  DZ_CHECK_STR(dz_schema_find_table(s, "k")->primary_keys.items[0]->name, "named_pk");
  DZ_CHECK_INT(c->checks.len, 1);
  DZ_CHECK_STR(c->checks.items[0]->name, "pos");
  DZ_CHECK_STR(c->checks.items[0]->value, "\"c\".\"a\" > 0 AND ',' <> ')'");
  DZ_CHECK_INT(c->foreign_keys.len, 2);
  /* in declaration order: the column's own REFERENCES first */
  dz_foreign_key *f0 = c->foreign_keys.items[0], *f1 = c->foreign_keys.items[1];
  DZ_CHECK_STR(join(a, &f0->columns_from), "qid");
  DZ_CHECK_STR(join(a, &f0->columns_to), "id"); /* the parent's key, implied */
  DZ_CHECK_STR(f0->on_delete, "set default");
  DZ_CHECK_STR(f1->name, "c_pid_p_id_fk");
  DZ_CHECK_STR(f1->on_delete, "cascade");
  DZ_CHECK_STR(f1->on_update, "no action");
  DZ_CHECK_INT(c->indexes.len, 0);
  DZ_CHECK_INT(c->uniques.len, 1);
  DZ_CHECK_STR(join(a, &c->uniques.items[0]->columns), "a|pid");
  dz_arena_free(a);
}

DZ_TEST(indexes_expressions_and_where) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = introspect(a,
                            "CREATE TABLE `u` (`id` integer, `email` text, `a` integer);\n"
                            "CREATE INDEX `lower_idx` ON `u` (lower(\"email\"),`id`);\n"
                            "CREATE UNIQUE INDEX `t_idx` ON `u` (`email`) WHERE \"u\".\"a\" > 1;",
                            NULL);
  dz_table *t = s->tables.items[0];
  dz_index *l = dz_table_find_index(t, "lower_idx"), *u = dz_table_find_index(t, "t_idx");
  DZ_CHECK(l && u);
  if (!l || !u) return;
  DZ_CHECK_STR(join(a, &l->columns), "lower(\"email\")|id");
  DZ_CHECK(l->expression.items[0] && !l->expression.items[1]);
  DZ_CHECK(!l->unique && !l->where);
  DZ_CHECK(u->unique);
  DZ_CHECK_STR(u->where, "\"u\".\"a\" > 1");
  dz_arena_free(a);
}

DZ_TEST(hostile_names_and_views) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = introspect(a,
                            "CREATE TABLE \"we\"\"ird`, t\" (\"a,b)\" text DEFAULT ')', `c``d` integer NOT NULL);\n"
                            "CREATE TABLE __drizzle_migrations (id integer);\n"
                            "CREATE VIEW `v` AS select \"a,b)\" from \"we\"\"ird`, t\" where 1;",
                            "__drizzle_migrations");
  DZ_CHECK_INT(s->tables.len, 1);
  dz_table *t = s->tables.items[0];
  DZ_CHECK_STR(t->name, "we\"ird`, t");
  DZ_CHECK_INT(t->columns.len, 2);
  DZ_CHECK_STR(t->columns.items[0]->name, "a,b)");
  DZ_CHECK_STR(t->columns.items[0]->def.text, "')'");
  DZ_CHECK_STR(t->columns.items[1]->name, "c`d");
  DZ_CHECK(t->columns.items[1]->not_null);
  DZ_CHECK_INT(s->views.len, 1);
  DZ_CHECK_STR(s->views.items[0]->definition, "select \"a,b)\" from \"we\"\"ird`, t\" where 1");
  dz_arena_free(a);
}

/* A hand-written migration may add full-text search: no snapshot can
** describe a virtual table or the shadow tables its module keeps. */
DZ_TEST(virtual_tables_and_their_shadow_tables_are_left_out) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = introspect(a,
                            "CREATE TABLE posts (id integer PRIMARY KEY, body text);\n"
                            "CREATE VIRTUAL TABLE posts_fts USING fts5(body, content='posts');\n"
                            "CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1);\n"
                            "CREATE TABLE posts_fts_notes (id integer);",
                            NULL);
  DZ_CHECK_INT(s->tables.len, 2);
  DZ_CHECK_STR(s->tables.items[0]->name, "posts");
  DZ_CHECK_STR(s->tables.items[1]->name, "posts_fts_notes"); /* a real table, whatever its name */
  dz_arena_free(a);
}

DZ_TEST(scanner_survives_unterminated_text) {
  dz_arena *a = dz_arena_new();
  const char *bad[] = {"CREATE TABLE \"x (a", "CREATE TABLE x (a text DEFAULT 'oops", "((((", "/* never ends", ""};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    dz_sql_spans parts = {0};
    dz_sql_span sp = {bad[i], strlen(bad[i])};
    dz_sql_split_commas(sp, a, &parts);
    for (dz_sql_span t = dz_sql_next(&sp); t.n > 0; t = dz_sql_next(&sp)) DZ_CHECK(t.p + t.n <= bad[i] + strlen(bad[i]));
  }
  dz_arena_free(a);
}

static const char *compare_lines(dz_arena *a, const char *ddl_left, const char *ddl_right) {
  dz_strvec lines = {0};
  dz_schema_compare(introspect(a, ddl_left, NULL), "the database", introspect(a, ddl_right, NULL),
                    "0003_snapshot.json", a, &lines);
  return join(a, &lines);
}

DZ_TEST(compare_says_what_differs_and_where) {
  dz_arena *a = dz_arena_new();
  const char *base = "CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, age integer DEFAULT 3);"
                     "CREATE INDEX age_idx ON users (age);";
  DZ_CHECK_STR(compare_lines(a, base, base), "");
  DZ_CHECK_STR(compare_lines(a, "CREATE TABLE users (id integer PRIMARY KEY, email text, age integer DEFAULT 3);"
                                "CREATE INDEX age_idx ON users (age);",
                             base),
               "table users: column email: notNull is false in the database, true in 0003_snapshot.json");
  DZ_CHECK_STR(compare_lines(a, "CREATE TABLE users (id INTEGER PRIMARY KEY, email text NOT NULL, age integer DEFAULT 4,"
                                " extra blob); CREATE UNIQUE INDEX age_idx ON users (age, id);"
                                "CREATE TABLE gone (x);",
                             base),
               "table gone is in the database but not in 0003_snapshot.json|"
               "table users: column extra is in the database but not in 0003_snapshot.json|"
               "table users: column age: default is 4 in the database, 3 in 0003_snapshot.json|"
               "table users: index age_idx: isUnique is true in the database, false in 0003_snapshot.json|"
               "table users: index age_idx: columns are (age, id) in the database, (age) in 0003_snapshot.json");
  dz_arena_free(a);
}

DZ_TEST(compare_foreign_keys_by_content) {
  dz_arena *a = dz_arena_new();
  const char *p = "CREATE TABLE p (id integer PRIMARY KEY);";
  char *l = dz_arena_printf(a, "%sCREATE TABLE c (pid integer REFERENCES p(id) ON DELETE CASCADE, a, b, PRIMARY KEY (a, b));", p);
  char *r = dz_arena_printf(a, "%sCREATE TABLE c (pid integer, a, b, FOREIGN KEY (pid) REFERENCES p(id), PRIMARY KEY (b, a));", p);
  DZ_CHECK_STR(compare_lines(a, l, l), "");
  DZ_CHECK_STR(compare_lines(a, l, r),
               "table c: foreign key (pid) references p(id): onDelete is cascade in the database, no action in 0003_snapshot.json|"
               "table c: composite primary key (a, b) is in the database but not in 0003_snapshot.json|"
               "table c: composite primary key (b, a) is in 0003_snapshot.json but not in the database");
  dz_arena_free(a);
}

/* A table may hold two foreign keys over the same columns, with different
** actions: they pair up whatever their order. */
DZ_TEST(compare_foreign_keys_over_the_same_columns) {
  dz_arena *a = dz_arena_new();
  const char *p = "CREATE TABLE p (a, b, PRIMARY KEY (a, b));";
  const char *fk1 = "FOREIGN KEY (x, y) REFERENCES p(a, b) ON DELETE CASCADE ON UPDATE CASCADE";
  const char *fk2 = "FOREIGN KEY (x, y) REFERENCES p(a, b) ON UPDATE RESTRICT";
  char *l = dz_arena_printf(a, "%sCREATE TABLE c (x, y, %s, %s);", p, fk1, fk2);
  char *r = dz_arena_printf(a, "%sCREATE TABLE c (x, y, %s, %s);", p, fk2, fk1);
  DZ_CHECK_STR(compare_lines(a, l, r), "");
  char *r2 = dz_arena_printf(a, "%sCREATE TABLE c (x, y, %s, %s);", p, fk2,
                             "FOREIGN KEY (x, y) REFERENCES p(a, b) ON DELETE SET NULL ON UPDATE CASCADE");
  DZ_CHECK_STR(compare_lines(a, l, r2),
               "table c: foreign key (x, y) references p(a, b): onDelete is cascade in the database, set null in 0003_snapshot.json");
  dz_arena_free(a);
}

DZ_TEST_MAIN
