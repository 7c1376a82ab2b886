/* test_impact.c — figures from a scratch SQLite database with known rows
** (drops, NULLs, duplicates, orphans, check violations), hostile
** identifiers, and dry runs; the database file stays byte-identical. */
#include "dz_test.h"
#include "drizzle_lsp/impact.h"
#include "rules_fixture.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

static const char *scratch_dir(void) {
  static char dir[4096];
  const char *b = getenv("DZ_BUILD_DIR");
  snprintf(dir, sizeof dir, "%s/tmp/test_impact", b && *b ? b : "/tmp/dz");
  char cmd[8300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
  if (system(cmd) != 0) fprintf(stderr, "cannot create %s\n", dir);
  return dir;
}

static const char *seed_sql =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, age INTEGER, email TEXT);"
    "INSERT INTO users VALUES (1,'ann',10,'a@x'),(2,'bob',-1,'a@x'),(3,'cy',NULL,'b@x'),"
    "  (4,'di',NULL,NULL),(5,NULL,30,NULL);"
    "CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER, title TEXT);"
    "INSERT INTO posts VALUES (1,1,'t'),(2,2,'t'),(3,99,'t'),(4,NULL,'t');"
    "CREATE TABLE likes (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));"
    "INSERT INTO likes VALUES (1,1);"
    "CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT);"
    "INSERT INTO tags VALUES (1,'x'),(2,'y');"
    "CREATE TABLE tag_links (id INTEGER PRIMARY KEY, tag_id INTEGER REFERENCES tags(id) ON DELETE CASCADE);"
    "INSERT INTO tag_links VALUES (1,1),(2,2);"
    "CREATE TABLE \"we\"\"ird`t\" (\"a`b\" TEXT, \"c\"\"d\" TEXT);"
    "INSERT INTO \"we\"\"ird`t\" VALUES ('1', NULL), (NULL, NULL), ('3', 'x');";

static char *make_db(const char *dir) {
  static char path[4200];
  snprintf(path, sizeof path, "%s/dev.db", dir);
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  char *msg = NULL;
  if (sqlite3_exec(db, seed_sql, NULL, NULL, &msg) != SQLITE_OK) fprintf(stderr, "seed: %s\n", msg);
  sqlite3_free(msg);
  sqlite3_close(db);
  return path;
}

static char *slurp(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)*len + 1);
  if (fread(buf, 1, (size_t)*len, f) != (size_t)*len) *len = -1;
  fclose(f);
  return buf;
}

/* The file's bytes, to compare before and after (free with unchanged()). */
typedef struct file_copy {
  char *bytes;
  long len;
} file_copy;

static file_copy copy_of(const char *path) {
  file_copy c = {NULL, -1};
  c.bytes = slurp(path, &c.len);
  return c;
}

/* Is the file at path still byte for byte what c holds? Frees c. */
static bool unchanged(const char *path, file_copy c) {
  file_copy now = copy_of(path);
  bool same = c.bytes && now.bytes && c.len == now.len && memcmp(c.bytes, now.bytes, (size_t)c.len) == 0;
  free(c.bytes);
  free(now.bytes);
  return same;
}

static const dz_figure *figure(const dz_finding *fd, const char *key) {
  for (size_t i = 0; fd && i < fd->figures.len; i++)
    if (strcmp(fd->figures.items[i].key, key) == 0) return &fd->figures.items[i];
  return NULL;
}

#define CHECK_FIGURE(fd, key, want)                                             \
  do {                                                                          \
    const dz_figure *fg_ = figure((fd), (key));                                 \
    if (!fg_) DZ_FAIL("no figure %s on %s (note: %s)", (key), (fd) ? (fd)->rule : "?", \
                      (fd) && (fd)->figures_note ? (fd)->figures_note : "none"); \
    else DZ_CHECK_INT(fg_->value, (want));                                      \
  } while (0)

/* The findings of a diff that touches every measurable rule. */
static dz_findings *all_rules(fx *f) {
  dz_table *ou, *nu, *op, *np;
  fx_pair(f, "users", &ou, &nu);
  fx_pair(f, "posts", &op, &np);
  dz_change *c = fx_change(f, DZ_CHANGE_COLUMN_DROP, ou, nu);
  c->old_column = fx_column(f, f->prev, ou, "name", "text", false);
  fx_alter(f, ou, nu, "age", "integer", "integer", false, true, DZ_ALTER_NOT_NULL);
  dz_index *ix = dz_table_add_index(f->next, nu, "users_email_unique");
  dz_strvec_push(f->next, &ix->columns, "email");
  ix->unique = true;
  fx_change(f, DZ_CHANGE_INDEX_CREATE, ou, nu)->new_index = ix;
  dz_check *ck = dz_table_add_check(f->next, nu, "age_positive");
  ck->value = "\"users\".\"age\" > 0";
  fx_change(f, DZ_CHANGE_CHECK_CREATE, ou, nu)->new_check = ck;
  fx_change(f, DZ_CHANGE_COLUMN_ADD, ou, nu)->new_column =
      fx_column(f, f->next, nu, "plan", "text", true);
  fx_both(f, op, np, "author_id", "integer");
  fx_change(f, DZ_CHANGE_FOREIGN_KEY_CREATE, op, np)->new_fk =
      fx_fk(f, f->next, np, "author_id", "users", "cascade");
  dz_table *gone = fx_table(f, f->prev, "tags");
  fx_change(f, DZ_CHANGE_TABLE_DROP, gone, NULL);
  dz_table *ghost_o, *ghost_n;
  fx_pair(f, "ghosts", &ghost_o, &ghost_n); /* in the snapshot, not in the database */
  c = fx_change(f, DZ_CHANGE_COLUMN_DROP, ghost_o, ghost_n);
  c->old_column = fx_column(f, f->prev, ghost_o, "boo", "text", false);
  /* likes references users: the users rebuild puts its rows at stake */
  dz_table *ol, *nl;
  fx_pair(f, "likes", &ol, &nl);
  fx_fk(f, f->prev, ol, "user_id", "users", "no action");
  fx_fk(f, f->next, nl, "user_id", "users", "no action");
  return fx_eval(f);
}

DZ_TEST(figures_count_what_each_change_touches) {
  const char *dir = scratch_dir();
  const char *path = make_db(dir);
  file_copy before = copy_of(path);
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_findings *fs = all_rules(f);
  dz_error err;
  DZ_CHECK_INT(dz_impact_measure(path, f->next, fs, f->a, &err), DZ_OK);
  const dz_finding *drop = NULL, *ghost = NULL;
  for (size_t i = 0; i < fs->items.len; i++) {
    const dz_finding *fd = fs->items.items[i];
    if (strcmp(fd->rule, "column-dropped") == 0 && strcmp(fd->table, "users") == 0) drop = fd;
    if (strcmp(fd->rule, "column-dropped") == 0 && strcmp(fd->table, "ghosts") == 0) ghost = fd;
  }
  CHECK_FIGURE(drop, "rows", 5);
  CHECK_FIGURE(drop, "non_null_values", 4);
  CHECK_FIGURE(fx_find(fs, "column-set-not-null"), "nulls", 2);
  CHECK_FIGURE(fx_find(fs, "unique-created"), "duplicates", 1);
  CHECK_FIGURE(fx_find(fs, "check-created"), "violations", 1);
  CHECK_FIGURE(fx_find(fs, "column-added-not-null-no-default"), "rows", 5);
  CHECK_FIGURE(fx_find(fs, "foreign-key-created"), "orphans", 1);
  CHECK_FIGURE(fx_find(fs, "table-dropped"), "rows", 2);
  CHECK_FIGURE(fx_find(fs, "table-rebuild-referenced"), "rows", 5);
  /* likes (1 row) and posts, whose new reference counts too (3 non-NULL) */
  CHECK_FIGURE(fx_find(fs, "table-rebuild-referenced"), "child_rows", 4);
  DZ_CHECK(ghost && ghost->figures.len == 0);
  DZ_CHECK_CONTAINS(ghost ? ghost->figures_note : NULL, "ghosts is not in the database");
  const dz_figure *fg = figure(fx_find(fs, "table-dropped"), "rows");
  DZ_CHECK_CONTAINS(fg ? fg->text : NULL, "rows deleted: 2");
  fx_free(f);
  DZ_CHECK(unchanged(path, before));
}

DZ_TEST(hostile_identifiers_are_quoted_and_expressions_stay_single_statements) {
  const char *path = make_db(scratch_dir());
  file_copy before = copy_of(path);
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  dz_table *ot, *nt;
  fx_pair(f, "we\"ird`t", &ot, &nt);
  dz_change *c = fx_change(f, DZ_CHANGE_COLUMN_DROP, ot, nt);
  c->old_column = fx_column(f, f->prev, ot, "a`b", "text", false);
  fx_alter(f, ot, nt, "c\"d", "text", "text", false, true, DZ_ALTER_NOT_NULL);
  dz_table *ou, *nu;
  fx_pair(f, "users", &ou, &nu);
  dz_check *ck = dz_table_add_check(f->next, nu, "sneaky");
  ck->value = "1); DROP TABLE users; --";
  fx_change(f, DZ_CHANGE_CHECK_CREATE, ou, nu)->new_check = ck;
  dz_findings *fs = fx_eval(f);
  dz_error err;
  DZ_CHECK_INT(dz_impact_measure(path, f->next, fs, f->a, &err), DZ_OK);
  CHECK_FIGURE(fx_find(fs, "column-dropped"), "non_null_values", 2);
  CHECK_FIGURE(fx_find(fs, "column-set-not-null"), "nulls", 2);
  const dz_finding *sneaky = fx_find(fs, "check-created");
  DZ_CHECK(sneaky && sneaky->figures.len == 0);
  DZ_CHECK_CONTAINS(sneaky ? sneaky->figures_note : NULL, "could not measure");
  fx_free(f);
  DZ_CHECK(unchanged(path, before));
}

/* drizzle-kit's rebuild of table t (one text column besides id). */
static void rebuild_stmts(const char *t, const char *col, const char *out[6]) {
  static char buf[4][256];
  snprintf(buf[0], sizeof buf[0], "CREATE TABLE `__new_%s` (`id` integer PRIMARY KEY, `%s` text)", t, col);
  snprintf(buf[1], sizeof buf[1], "INSERT INTO `__new_%s`(\"id\", \"%s\") SELECT \"id\", \"%s\" FROM `%s`", t, col, col, t);
  snprintf(buf[2], sizeof buf[2], "DROP TABLE `%s`", t);
  snprintf(buf[3], sizeof buf[3], "ALTER TABLE `__new_%s` RENAME TO `%s`", t, t);
  out[0] = "PRAGMA foreign_keys=OFF";
  out[1] = buf[0];
  out[2] = buf[1];
  out[3] = buf[2];
  out[4] = buf[3];
  out[5] = "PRAGMA foreign_keys=ON";
}

DZ_TEST(dry_run_shows_the_cascade_the_migrator_transaction_causes) {
  const char *path = make_db(scratch_dir());
  file_copy before = copy_of(path);
  dz_arena *a = dz_arena_new();
  const char *stmts[6];
  rebuild_stmts("tags", "label", stmts);
  dz_dry_run run;
  dz_error err;
  DZ_CHECK_INT(dz_impact_dry_run(path, stmts, 6, a, &run, &err), DZ_OK);
  DZ_CHECK(run.ok);
  DZ_CHECK_INT(run.executed, 6);
  DZ_CHECK(run.ms >= 0);
  DZ_CHECK_INT(run.losses.len, 1);
  if (run.losses.len) {
    DZ_CHECK_STR(run.losses.items[0].table, "tag_links");
    DZ_CHECK_INT(run.losses.items[0].before, 2);
    DZ_CHECK_INT(run.losses.items[0].after, 0);
  }
  /* users is referenced with NO ACTION: dropping it fails inside the transaction */
  rebuild_stmts("users", "name", stmts);
  DZ_CHECK_INT(dz_impact_dry_run(path, stmts, 6, a, &run, &err), DZ_OK);
  DZ_CHECK(!run.ok);
  DZ_CHECK_INT(run.executed, 4);
  DZ_CHECK_STR(run.failed_sql, "DROP TABLE `users`");
  DZ_CHECK_CONTAINS(run.error, "FOREIGN KEY constraint failed");
  const char *bad[] = {"ALTER TABLE users ADD COLUMN x integer", "INSERT INTO nope VALUES (1)"};
  DZ_CHECK_INT(dz_impact_dry_run(path, bad, 2, a, &run, &err), DZ_OK);
  DZ_CHECK(!run.ok);
  DZ_CHECK_INT(run.total, 2);
  DZ_CHECK_CONTAINS(run.error, "no such table");
  dz_arena_free(a);
  DZ_CHECK(unchanged(path, before));
}

DZ_TEST(names_in_another_case) {
  const char *path = make_db(scratch_dir());
  dz_error err;
  fx *f = fx_new(DZ_DIALECT_SQLITE);
  fx_change(f, DZ_CHANGE_TABLE_DROP, fx_table(f, f->prev, "USERS"), NULL);
  dz_findings *fs = fx_eval(f);
  DZ_CHECK_INT(dz_impact_measure(path, f->next, fs, f->a, &err), DZ_OK);
  CHECK_FIGURE(fx_find(fs, "table-dropped"), "rows", 5);
  fx_free(f);
}

DZ_TEST(missing_or_broken_database_is_an_error_naming_it) {
  const char *dir = scratch_dir();
  char path[4300];
  snprintf(path, sizeof path, "%s/missing.db", dir);
  dz_arena *a = dz_arena_new();
  dz_findings empty = {0};
  dz_error err;
  DZ_CHECK_INT(dz_impact_measure(path, NULL, &empty, a, &err), DZ_ERR_SQLITE);
  DZ_CHECK_CONTAINS(err.message, "missing.db");
  struct stat st;
  DZ_CHECK(stat(path, &st) != 0); /* never created */
  snprintf(path, sizeof path, "%s/not-a-db.txt", dir);
  FILE *fp = fopen(path, "w");
  fputs("this is not a database, it is a plain text file of some length....", fp);
  fclose(fp);
  dz_dry_run run;
  DZ_CHECK_INT(dz_impact_dry_run(path, NULL, 0, a, &run, &err), DZ_ERR_SQLITE);
  DZ_CHECK_CONTAINS(err.message, "not-a-db.txt");
  dz_arena_free(a);
}

DZ_TEST_MAIN
