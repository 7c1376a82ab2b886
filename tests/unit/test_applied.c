/*
** test_applied.c — reading drizzle-orm's migrations table and matching it to
** the journal (applied.h) on scratch databases made the way the migrator
** makes them: a skipped older entry, an edited file, a row from elsewhere, a
** row twice, a custom table name, and errors that name what failed.
*/
#include <stdlib.h>
#include <sys/stat.h>

#include "drizzle_lsp/applied.h"
#include "dz_test.h"

/* A folder of n migrations with `when` 100, 200, 300, ... and small SQL. */
static dz_migrations *folder(dz_arena *a, size_t n) {
  dz_migrations *ms = dz_arena_alloc(a, sizeof *ms);
  ms->dir = "/p/drizzle";
  ms->journal = dz_arena_alloc(a, sizeof *ms->journal);
  for (size_t i = 0; i < n; i++) {
    dz_journal_entry e = {.idx = (int)i, .version = "6", .when = 100 * (int64_t)(i + 1),
                          .tag = dz_arena_printf(a, "000%zu_step", i), .breakpoints = true};
    dz_vec_push(a, &ms->journal->entries, e);
  }
  for (size_t i = 0; i < n; i++) {
    dz_migration m;
    memset(&m, 0, sizeof m);
    m.entry = &ms->journal->entries.items[i];
    m.sql = dz_arena_printf(a, "CREATE TABLE `t%zu` (`id` integer);\n", i);
    m.sql_len = strlen(m.sql);
    dz_vec_push(a, &ms->items, m);
  }
  return ms;
}

/* The migrator's own CREATE TABLE (drizzle-orm sqlite-core/dialect.js). */
static sqlite3 *db_with_table(const char *table) {
  sqlite3 *db = NULL;
  sqlite3_open(":memory:", &db);
  char *sql = sqlite3_mprintf("CREATE TABLE IF NOT EXISTS \"%w\" (id SERIAL PRIMARY KEY, hash text NOT NULL, "
                              "created_at numeric)", table);
  sqlite3_exec(db, sql, NULL, NULL, NULL);
  sqlite3_free(sql);
  return db;
}

static void record(sqlite3 *db, const char *table, const char *hash, long long when) {
  char *sql = sqlite3_mprintf("INSERT INTO \"%w\" (\"hash\", \"created_at\") VALUES (%Q, %lld)", table, hash, when);
  if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) DZ_FAIL("insert: %s", sqlite3_errmsg(db));
  sqlite3_free(sql);
}

static void record_migration(sqlite3 *db, const dz_migrations *ms, size_t i, dz_arena *a) {
  record(db, "__drizzle_migrations", dz_migration_hash(&ms->items.items[i], a), (long long)ms->items.items[i].entry->when);
}

static dz_applied *read_ok(sqlite3 *db, const char *table, const dz_migrations *ms, dz_arena *a) {
  dz_applied *ap = NULL;
  dz_error err;
  if (dz_applied_read(db, table, ms, a, &ap, &err) != DZ_OK) DZ_FAIL("dz_applied_read: %s", err.message);
  return ap;
}

/* A folder of n migrations and a database with the migrator's table. */
typedef struct fixture {
  dz_arena *a;
  dz_migrations *ms;
  sqlite3 *db;
} fixture;

static fixture setup(size_t n) {
  fixture f = {.a = dz_arena_new()};
  f.ms = folder(f.a, n);
  f.db = db_with_table("__drizzle_migrations");
  return f;
}

static void teardown(fixture *f) {
  sqlite3_close(f->db);
  dz_arena_free(f->a);
}

static dz_applied *applied_of(fixture *f) { return read_ok(f->db, "__drizzle_migrations", f->ms, f->a); }

/* The one problem ap reports, which must be of kind; NULL (a failure) otherwise. */
static const dz_applied_problem *sole_problem(const dz_applied *ap, dz_applied_kind kind) {
  if (!ap || ap->problems.len != 1) {
    DZ_FAIL("expected one problem, got %zu", ap ? ap->problems.len : 0);
    return NULL;
  }
  DZ_CHECK_INT(ap->problems.items[0].kind, kind);
  return &ap->problems.items[0];
}

DZ_TEST(applied_no_table_means_nothing_applied) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = folder(a, 2);
  sqlite3 *db = NULL;
  sqlite3_open(":memory:", &db);
  dz_applied *ap = read_ok(db, "__drizzle_migrations", ms, a);
  if (ap) {
    DZ_CHECK(!ap->table_exists);
    DZ_CHECK_INT(ap->rows.len, 0);
    DZ_CHECK_INT(ap->problems.len, 0);
    DZ_CHECK(ap->newest == NULL && ap->row_of[0] == NULL);
    DZ_CHECK_INT(dz_applied_pending(ap, ms), 2);
  }
  sqlite3_close(db);
  dz_arena_free(a);
}

DZ_TEST(applied_rows_match_entries_by_when) {
  fixture f = setup(3);
  record_migration(f.db, f.ms, 1, f.a); /* out of rowid order: sorted by created_at */
  record_migration(f.db, f.ms, 0, f.a);
  dz_applied *ap = applied_of(&f);
  if (ap) {
    DZ_CHECK(ap->table_exists);
    DZ_CHECK_INT(ap->rows.len, 2);
    DZ_CHECK_INT(ap->problems.len, 0); /* entry 2 is pending, which is no problem */
    DZ_CHECK(ap->row_of[0] && ap->row_of[0]->migration == &f.ms->items.items[0] && ap->row_of[0]->rowid == 2);
    DZ_CHECK(ap->row_of[1] && ap->row_of[1]->when == 200);
    DZ_CHECK(ap->row_of[2] == NULL);
    DZ_CHECK(ap->newest == ap->row_of[1]);
    DZ_CHECK_INT(dz_applied_pending(ap, f.ms), 1);
    DZ_CHECK_STR(ap->rows.items[0].hash, dz_migration_hash(&f.ms->items.items[0], f.a));
  }
  teardown(&f);
}

/* drizzle-orm #5316: entry 1 is older than the newest applied (2), so the
** migrator skips it for ever. */
DZ_TEST(applied_skipped_older_entry) {
  fixture f = setup(4);
  record_migration(f.db, f.ms, 0, f.a);
  record_migration(f.db, f.ms, 2, f.a);
  dz_applied *ap = applied_of(&f);
  const dz_applied_problem *p = sole_problem(ap, DZ_APPLIED_SKIPPED);
  if (p) {
    DZ_CHECK(p->migration == &f.ms->items.items[1] && p->row == NULL);
    DZ_CHECK_CONTAINS(p->message, "0001_step was never applied");
    DZ_CHECK_CONTAINS(p->message, "newest applied migration, 0002_step");
    DZ_CHECK_CONTAINS(p->message, "drizzle-lsp rollback --steps 1");
    DZ_CHECK(ap->row_of[3] == NULL); /* pending, after the newest: the migrator will apply it */
    DZ_CHECK_INT(dz_applied_pending(ap, f.ms), 1);
  }
  teardown(&f);
}

DZ_TEST(applied_edited_file_is_a_hash_mismatch) {
  fixture f = setup(2);
  record_migration(f.db, f.ms, 0, f.a);
  record_migration(f.db, f.ms, 1, f.a);
  f.ms->items.items[1].sql = "CREATE TABLE `t1` (`id` integer, `x` text);\n"; /* edited after it ran */
  f.ms->items.items[1].sql_len = strlen(f.ms->items.items[1].sql);
  dz_applied *ap = applied_of(&f);
  const dz_applied_problem *p = sole_problem(ap, DZ_APPLIED_EDITED);
  if (p) {
    DZ_CHECK(p->migration == &f.ms->items.items[1] && p->row == ap->row_of[1]);
    DZ_CHECK_CONTAINS(p->message, "0001_step.sql was changed after it was applied");
  }
  teardown(&f);
}

DZ_TEST(applied_row_not_in_the_folder) {
  fixture f = setup(2);
  record_migration(f.db, f.ms, 0, f.a);
  record(f.db, "__drizzle_migrations", "abcdef0123456789", 150);
  dz_applied *ap = applied_of(&f);
  const dz_applied_problem *p = sole_problem(ap, DZ_APPLIED_UNKNOWN);
  if (p) {
    DZ_CHECK(p->migration == NULL);
    DZ_CHECK_CONTAINS(p->message, "created_at 150, hash abcdef012345...");
    DZ_CHECK_CONTAINS(p->message, "not in /p/drizzle/meta/_journal.json");
    DZ_CHECK(ap->newest && ap->newest->migration == NULL);
  }
  teardown(&f);
}

/* The hash says which file it ran, the `when` no longer matches: the
** journal was edited. */
DZ_TEST(applied_journal_when_changed_after_it_ran) {
  fixture f = setup(2);
  record(f.db, "__drizzle_migrations", dz_migration_hash(&f.ms->items.items[0], f.a), 42);
  dz_applied *ap = applied_of(&f);
  const dz_applied_problem *p = sole_problem(ap, DZ_APPLIED_UNKNOWN);
  if (p) DZ_CHECK_CONTAINS(p->message, "recorded 0000_step.sql as applied with created_at 42");
  teardown(&f);
}

DZ_TEST(applied_twice) {
  fixture f = setup(1);
  record_migration(f.db, f.ms, 0, f.a);
  record_migration(f.db, f.ms, 0, f.a);
  dz_applied *ap = applied_of(&f);
  const dz_applied_problem *p = sole_problem(ap, DZ_APPLIED_TWICE);
  if (p) DZ_CHECK_CONTAINS(p->message, "rowids 1 and 2");
  teardown(&f);
}

/* Each problem becomes a finding with its rule id and the catalog's risk,
** no table, the entry's tag, and its .sql file's first line as the place. */
DZ_TEST(applied_problems_become_findings) {
  fixture f = setup(4);
  for (size_t i = 0; i < 4; i++) f.ms->items.items[i].sql_path = dz_arena_printf(f.a, "/p/drizzle/000%zu_step.sql", i);
  record_migration(f.db, f.ms, 0, f.a);
  record_migration(f.db, f.ms, 0, f.a);                  /* twice */
  record(f.db, "__drizzle_migrations", "feedbeef", 250); /* from elsewhere */
  record_migration(f.db, f.ms, 2, f.a);                  /* 1 skipped */
  f.ms->items.items[2].sql = "CREATE TABLE `t2` (`id` integer, `y` blob);\nSELECT 1;\n"; /* edited */
  f.ms->items.items[2].sql_len = strlen(f.ms->items.items[2].sql);
  dz_applied *ap = applied_of(&f);
  dz_findings out = {0};
  if (ap) dz_applied_findings(ap, f.ms, f.a, &out);
  DZ_CHECK_INT(out.items.len, 4);
  static const char *const rules[] = {"migration-skipped", "migration-edited", "migration-not-in-folder",
                                      "migration-applied-twice"};
  for (size_t k = 0; k < 4; k++) {
    const dz_finding *x = NULL;
    for (size_t i = 0; i < out.items.len; i++)
      if (strcmp(out.items.items[i]->rule, rules[k]) == 0) x = out.items.items[i];
    if (!x) {
      DZ_FAIL("no %s finding", rules[k]);
      continue;
    }
    DZ_CHECK(x->table == NULL && x->column == NULL && x->change == NULL);
    DZ_CHECK_INT(x->risk, dz_rule_lookup(rules[k])->risk);
    DZ_CHECK(x->loc.file != NULL && x->loc.span.start.row == 0 && x->loc.span.start_byte == 0);
    if (k == 0) {
      DZ_CHECK_STR(x->migration, "0001_step");
      DZ_CHECK_STR(x->loc.file, "/p/drizzle/0001_step.sql");
      DZ_CHECK_INT(x->loc.span.end_byte, strlen("CREATE TABLE `t1` (`id` integer);"));
      DZ_CHECK_INT(x->loc.span.end.column, x->loc.span.end_byte);
      DZ_CHECK_CONTAINS(x->hint, "after 300");
      DZ_CHECK_INT(x->risk, DZ_RISK_HIGH);
    } else if (k == 1) {
      DZ_CHECK_STR(x->migration, "0002_step");
      DZ_CHECK_INT(x->loc.span.end_byte, strlen("CREATE TABLE `t2` (`id` integer, `y` blob);"));
    } else if (k == 2) {
      DZ_CHECK(x->migration == NULL);
      DZ_CHECK_STR(x->loc.file, "/p/drizzle/meta/_journal.json");
      DZ_CHECK(x->loc.span.end_byte == 0);
    } else {
      DZ_CHECK_STR(x->migration, "0000_step");
      DZ_CHECK_CONTAINS(x->hint, "DELETE FROM \"__drizzle_migrations\" WHERE rowid = 2");
    }
  }
  teardown(&f);
}

/* The config's migrations.table, quotes included, is read as named. */
DZ_TEST(applied_custom_table_name) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = folder(a, 1);
  const char *table = "my \"mig`rations";
  sqlite3 *db = db_with_table(table);
  record(db, table, dz_migration_hash(&ms->items.items[0], a), 100);
  dz_applied *ap = read_ok(db, table, ms, a);
  if (ap) {
    DZ_CHECK(ap->table_exists && ap->row_of[0] != NULL);
    DZ_CHECK_INT(ap->problems.len, 0);
    DZ_CHECK_INT(dz_applied_pending(ap, ms), 0); /* at the folder's last snapshot */
  }
  sqlite3_close(db);
  dz_arena_free(a);
}

DZ_TEST(applied_errors_name_the_table_and_file) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = folder(a, 1);
  sqlite3 *db = NULL;
  sqlite3_open(":memory:", &db);
  sqlite3_exec(db, "CREATE TABLE __drizzle_migrations (id integer, other text)", NULL, NULL, NULL);
  dz_applied *ap = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_applied_read(db, "__drizzle_migrations", ms, a, &ap, &err), DZ_ERR_SQLITE);
  DZ_CHECK_CONTAINS(err.message, "migrations table \"__drizzle_migrations\"");
  sqlite3_close(db);

  const char *build = getenv("DZ_BUILD_DIR") ? getenv("DZ_BUILD_DIR") : "build";
  const char *dir = dz_arena_printf(a, "%s/tmp/test_applied", build);
  mkdir(dz_arena_printf(a, "%s/tmp", build), 0755);
  mkdir(dir, 0755);
  const char *missing = dz_arena_printf(a, "%s/no-such.db", dir);
  remove(missing);
  DZ_CHECK_INT(dz_applied_read_file(missing, "__drizzle_migrations", ms, a, &ap, &err), DZ_ERR_NOT_FOUND);
  DZ_CHECK_CONTAINS(err.message, "no-such.db");
  const char *junk = dz_arena_printf(a, "%s/junk.db", dir);
  FILE *f = fopen(junk, "w");
  if (f) {
    fputs("this is not a database, just text long enough to have a header.............................", f);
    fclose(f);
  }
  DZ_CHECK_INT(dz_applied_read_file(junk, "__drizzle_migrations", ms, a, &ap, &err), DZ_ERR_SQLITE);
  DZ_CHECK_CONTAINS(err.message, "junk.db");
  dz_arena_free(a);
}

/* A file database read through the entry point check uses. */
DZ_TEST(applied_read_file_reads_rows) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = folder(a, 2);
  const char *build = getenv("DZ_BUILD_DIR") ? getenv("DZ_BUILD_DIR") : "build";
  mkdir(dz_arena_printf(a, "%s/tmp", build), 0755);
  mkdir(dz_arena_printf(a, "%s/tmp/test_applied", build), 0755);
  const char *path = dz_arena_printf(a, "%s/tmp/test_applied/ok.db", build);
  remove(path);
  sqlite3 *db = NULL;
  sqlite3_open(path, &db);
  sqlite3_exec(db, "CREATE TABLE __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)",
               NULL, NULL, NULL);
  record_migration(db, ms, 1, a);
  sqlite3_close(db);
  dz_applied *ap = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_applied_read_file(path, "__drizzle_migrations", ms, a, &ap, &err), DZ_OK);
  if (ap) {
    DZ_CHECK_INT(ap->problems.len, 1); /* 0000 is older than the newest applied */
    DZ_CHECK(ap->row_of[1] != NULL);
  }
  dz_arena_free(a);
}

/* The migrator hashes the file as Node decodes it: a BOM kept, every
** invalid UTF-8 sequence one U+FFFD. The digests came from Node:
** createHash("sha256").update(Buffer.from(hex, "hex").toString()). */
DZ_TEST(applied_hash_is_nodes_for_any_bytes) {
  static const struct {
    const char *bytes;
    size_t n;
    const char *hex;
  } cases[] = {
      {"\xef\xbb\xbf" "A\xff" "B", 6, "84d0cbb7972fa823291fef975ee304e0bd45cec86dba4ab161cab68476659251"},
      {"-- \xe2\x80\x99\xc3\xa9\xc3", 9, "efd8b118968a2f2a5f3aaa6c751d9cd0e15e364b6e4d897c91b11937e416eeac"},
      {"-- \xed\xa0\x80\xf4\x90\x80\x80\xe0\x80\xc0\xaf" "Z", 15,
       "d0a9082db767fee95b0f9828bb3737bdf501f2f25f8e63ba8dfe230ed21ca810"},
      {"", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}};
  dz_arena *a = dz_arena_new();
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    dz_migration m;
    memset(&m, 0, sizeof m);
    m.sql = cases[i].bytes;
    m.sql_len = cases[i].n;
    const char *got = dz_migration_hash(&m, a);
    if (strcmp(got, cases[i].hex) != 0) DZ_FAIL("case %zu: %s, expected %s", i, got, cases[i].hex);
  }
  dz_arena_free(a);
}

DZ_TEST_MAIN
