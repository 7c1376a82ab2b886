/*
** test_migrations.c — the migrations folder: naming the next migration,
** writing a set of files all-or-nothing, and loading a folder with every kind
** of inconsistency named (and a snapshot missing before the last entry only
** warned about).
*/
#include "drizzle_lsp/fswrite.h"
#include "drizzle_lsp/migrations.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dz_test.h"
#include "scratch_fixture.h"

/* Scratch folders are $DZ_BUILD_DIR/tmp/test_migrations/<name>. */
static const char *scratch(dz_arena *a, const char *name) { return scratch_named(a, "test_migrations", name); }

static char *get(dz_arena *a, const char *dir, const char *rel) {
  char *text = NULL;
  if (dz_read_file(dz_arena_printf(a, "%s/%s", dir, rel), a, &text, NULL, NULL) != DZ_OK) return NULL;
  return text;
}

/* Every entry (recursively) of dir with its contents: a fingerprint that must
** not change when a write fails. */
static void listing(dz_arena *a, const char *dir, const char *rel, char **acc) {
  char *path = rel[0] ? dz_arena_printf(a, "%s/%s", dir, rel) : (char *)dir;
  DIR *d = opendir(path);
  if (!d) return;
  char *names[64];
  int n = 0;
  for (struct dirent *e; (e = readdir(d)) && n < 64;)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = dz_arena_strdup(a, e->d_name);
  closedir(d);
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (strcmp(names[i], names[j]) > 0) {
        char *t = names[i];
        names[i] = names[j];
        names[j] = t;
      }
  for (int i = 0; i < n; i++) {
    char *sub = rel[0] ? dz_arena_printf(a, "%s/%s", rel, names[i]) : names[i];
    char *text = get(a, dir, sub);
    *acc = dz_arena_printf(a, "%s%s=%s\n", *acc, sub, text ? text : "<dir>");
    if (!text) listing(a, dir, sub, acc);
  }
}

static char *fingerprint(dz_arena *a, const char *dir) {
  char *acc = "";
  listing(a, dir, "", &acc);
  return acc;
}

/* ---- naming ---- */

static const char *sanitized(dz_arena *a, const char *name) {
  const char *out = NULL;
  dz_error err;
  if (dz_migration_name_sanitize(name, a, &out, &err) != DZ_OK) return NULL;
  return out;
}

DZ_TEST(name_keeps_a_readable_name) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(sanitized(a, "add_users-table"), "add_users-table");
  DZ_CHECK_STR(sanitized(a, "add users table"), "add_users_table");
  DZ_CHECK_STR(sanitized(a, "Benutzer_hinzufügen"), "Benutzer_hinzufügen");
  dz_arena_free(a);
}

DZ_TEST(name_cannot_leave_the_folder) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(sanitized(a, "../../etc"), "etc");
  DZ_CHECK_STR(sanitized(a, "..\\..\\windows\\x"), "windows_x");
  DZ_CHECK_STR(sanitized(a, "/abs/path"), "abs_path");
  DZ_CHECK_STR(sanitized(a, ".hidden"), "hidden");
  DZ_CHECK_STR(sanitized(a, "a..b"), "a_b");
  DZ_CHECK_STR(sanitized(a, "-rf"), "rf");
  DZ_CHECK_STR(sanitized(a, "new\nline\ttab\x01"), "new_line_tab");
  DZ_CHECK_STR(sanitized(a, "bad\xff\xfe utf8"), "bad_utf8");
  DZ_CHECK_STR(sanitized(a, "quote'\"`;$(rm)"), "quote_rm");
  dz_arena_free(a);
}

DZ_TEST(name_with_nothing_usable_is_a_usage_error) {
  dz_arena *a = dz_arena_new();
  const char *out = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_migration_name_sanitize("../..", a, &out, &err), DZ_ERR_USAGE);
  DZ_CHECK_CONTAINS(err.message, "'../..'");
  DZ_CHECK_INT(dz_migration_name_sanitize("", a, &out, &err), DZ_ERR_USAGE);
  dz_arena_free(a);
}

DZ_TEST(name_is_capped_in_length) {
  dz_arena *a = dz_arena_new();
  char longname[400];
  memset(longname, 'x', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  DZ_CHECK_INT(strlen(sanitized(a, longname)), 120);
  dz_arena_free(a);
}

DZ_TEST(prefix_follows_the_prefix_mode) {
  dz_arena *a = dz_arena_new();
  const char *p = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_migration_prefix(3, "index", 0, a, &p, &err), DZ_OK);
  DZ_CHECK_STR(p, "0003");
  DZ_CHECK_INT(dz_migration_prefix(12, NULL, 0, a, &p, &err), DZ_OK);
  DZ_CHECK_STR(p, "0012");
  /* 2024-03-05T06:07:08.900Z */
  DZ_CHECK_INT(dz_migration_prefix(0, "timestamp", 1709618828900LL, a, &p, &err), DZ_OK);
  DZ_CHECK_STR(p, "20240305060708");
  DZ_CHECK_INT(dz_migration_prefix(0, "unix", 1709618828900LL, a, &p, &err), DZ_OK);
  DZ_CHECK_STR(p, "1709618828");
  DZ_CHECK_INT(dz_migration_prefix(0, "none", 0, a, &p, &err), DZ_ERR_UNSUPPORTED);
  DZ_CHECK_CONTAINS(err.message, "'none'");
  dz_arena_free(a);
}

DZ_TEST(tag_is_prefix_and_name_or_two_words) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_STR(dz_migration_tag("0003", "add_users", a), "0003_add_users");
  const char *t = dz_migration_tag("0004", NULL, a);
  DZ_CHECK(strncmp(t, "0004_", 5) == 0);
  const char *words = t + 5, *us = strchr(words, '_');
  DZ_CHECK(us != NULL && us > words && us[1] != '\0' && strchr(us + 1, '_') == NULL);
  DZ_CHECK_STR(dz_migration_tag_prefix("0004_brave_otter", a), "0004");
  DZ_CHECK_STR(dz_migration_tag_prefix("notag", a), NULL);
  dz_arena_free(a);
}

/* ---- atomic writing ---- */

DZ_TEST(write_set_lands_every_file_and_creates_folders) {
  dz_arena *a = dz_arena_new();
  const char *dir = scratch(a, "write_ok");
  dz_file_write fs[] = {
      {dz_arena_printf(a, "%s/drizzle/0000_x.sql", dir), "CREATE TABLE t (a);", 19, false},
      {dz_arena_printf(a, "%s/drizzle/meta/0000_snapshot.json", dir), "{}", 2, false},
      {dz_arena_printf(a, "%s/drizzle/meta/_journal.json", dir), "{\"v\":1}", 7, true},
  };
  dz_error err;
  DZ_CHECK_INT(dz_write_files(fs, 3, &err), DZ_OK);
  DZ_CHECK_STR(fingerprint(a, dir),
               "drizzle=<dir>\ndrizzle/0000_x.sql=CREATE TABLE t (a);\ndrizzle/meta=<dir>\n"
               "drizzle/meta/0000_snapshot.json={}\ndrizzle/meta/_journal.json={\"v\":1}\n");
  dz_arena_free(a);
}

DZ_TEST(write_replaces_only_where_allowed) {
  dz_arena *a = dz_arena_new();
  const char *dir = scratch(a, "write_replace");
  scratch_put(dir, "j.json", "old");
  scratch_put(dir, "m.sql", "mine");
  dz_error err;
  dz_file_write j = {dz_arena_printf(a, "%s/j.json", dir), "new", 3, true};
  DZ_CHECK_INT(dz_write_file(&j, &err), DZ_OK);
  DZ_CHECK_STR(get(a, dir, "j.json"), "new");
  dz_file_write m = {dz_arena_printf(a, "%s/m.sql", dir), "theirs", 6, false};
  DZ_CHECK_INT(dz_write_file(&m, &err), DZ_ERR_IO);
  DZ_CHECK_CONTAINS(err.message, "m.sql already exists");
  DZ_CHECK_STR(fingerprint(a, dir), "j.json=new\nm.sql=mine\n");
  dz_arena_free(a);
}

/* The failure comes at each step in turn: a file that would overwrite one
** already there (checked before anything is written), a parent that is a
** file, and the journal (replaced last) being a directory, after the other
** files have already been moved into place. Each time the folder must be
** exactly as before: no temps, no new files, no new folders, old journal. */
DZ_TEST(write_set_leaves_the_folder_untouched_on_failure) {
  dz_arena *a = dz_arena_new();
  const char *dir = scratch(a, "write_fail");
  scratch_put(dir, "drizzle/meta/_journal.json", "journal v1");
  scratch_put(dir, "drizzle/0001_b.sql", "existing");
  scratch_put(dir, "blocker", "a file where a folder would go");
  char *before = fingerprint(a, dir);
  const char *journal = dz_arena_printf(a, "%s/drizzle/meta/_journal.json", dir);
  const char *cases[][2] = {
      {"drizzle/0001_b.sql", "already exists"},
      {"blocker/x.sql", "not a directory"},
  };
  for (size_t i = 0; i < 2; i++) {
    dz_file_write fs[] = {
        {dz_arena_printf(a, "%s/drizzle/0002_new.sql", dir), "NEW", 3, false},
        {dz_arena_printf(a, "%s/drizzle/newdir/deeper/s.json", dir), "S", 1, false},
        {dz_arena_printf(a, "%s/%s", dir, cases[i][0]), "X", 1, false},
        {journal, "journal v2", 10, true},
    };
    dz_error err;
    DZ_CHECK_INT(dz_write_files(fs, 4, &err), DZ_ERR_IO);
    DZ_CHECK_CONTAINS(err.message, cases[i][1]);
    DZ_CHECK_STR(fingerprint(a, dir), before);
  }
  /* The journal is a directory: the last rename fails after the others. */
  const char *jdir = dz_arena_printf(a, "%s/drizzle/jdir", dir);
  mkdir(jdir, 0777);
  scratch_put(jdir, "keep", "k");
  before = fingerprint(a, dir);
  dz_file_write fs[] = {
      {dz_arena_printf(a, "%s/drizzle/0002_new.sql", dir), "NEW", 3, false},
      {journal, "journal v2", 10, true},
      {jdir, "journal v2", 10, true},
  };
  dz_error err;
  DZ_CHECK_INT(dz_write_files(fs, 3, &err), DZ_ERR_IO);
  DZ_CHECK_CONTAINS(err.message, "jdir");
  DZ_CHECK_STR(fingerprint(a, dir), before);
  dz_arena_free(a);
}

DZ_TEST(read_file_names_a_missing_file) {
  dz_arena *a = dz_arena_new();
  char *text = NULL;
  dz_error err;
  DZ_CHECK_INT(dz_read_file("/nonexistent/dir/f.json", a, &text, NULL, &err), DZ_ERR_NOT_FOUND);
  DZ_CHECK_CONTAINS(err.message, "/nonexistent/dir/f.json");
  dz_arena_free(a);
}

/* ---- loading a folder ---- */

#define ID0 "11111111-1111-4111-8111-111111111111"
#define ID1 "22222222-2222-4222-8222-222222222222"

static const char *snapshot_json(dz_arena *a, const char *id, const char *prev) {
  return dz_arena_printf(a,
                         "{\"version\":\"6\",\"dialect\":\"sqlite\",\"id\":\"%s\",\"prevId\":\"%s\","
                         "\"tables\":{},\"views\":{},\"enums\":{},"
                         "\"_meta\":{\"schemas\":{},\"tables\":{},\"columns\":{}},"
                         "\"internal\":{\"indexes\":{}}}",
                         id, prev);
}

static const char *entry_json(dz_arena *a, int idx, long long when, const char *tag) {
  return dz_arena_printf(a, "{\"idx\":%d,\"version\":\"6\",\"when\":%lld,\"tag\":\"%s\",\"breakpoints\":true}",
                         idx, when, tag);
}

/* A consistent two-migration folder in `name`; returns its path. */
static const char *good_folder(dz_arena *a, const char *name) {
  const char *dir = scratch(a, name);
  scratch_put(dir, "meta/_journal.json",
      dz_arena_printf(a, "{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":[%s,%s]}",
                      entry_json(a, 0, 1700000000000LL, "0000_a"), entry_json(a, 1, 1700000000001LL, "0001_b")));
  scratch_put(dir, "0000_a.sql", "CREATE TABLE t (x integer);");
  scratch_put(dir, "0001_b.sql", "ALTER TABLE t ADD y text;");
  scratch_put(dir, "0001_b.down.sql", "ALTER TABLE t DROP COLUMN y;");
  scratch_put(dir, "meta/0000_snapshot.json", snapshot_json(a, ID0, DZ_ORIGIN_UUID));
  scratch_put(dir, "meta/0001_snapshot.json", snapshot_json(a, ID1, ID0));
  return dir;
}

static dz_result load(dz_arena *a, const char *dir, dz_migrations **ms, dz_error *err) {
  return dz_migrations_load(dir, DZ_DIALECT_SQLITE, a, ms, err);
}

DZ_TEST(missing_folder_is_no_migrations_yet) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = NULL;
  dz_error err;
  const char *dir = dz_arena_printf(a, "%s/not-there", scratch(a, "missing"));
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_OK);
  DZ_CHECK_INT(ms->items.len, 0);
  DZ_CHECK(dz_migrations_last_snapshot(ms) == NULL);
  DZ_CHECK_INT(dz_migrations_next_idx(ms), 0);
  /* an empty folder, or one with an empty meta/, is no migrations either */
  DZ_CHECK_INT(load(a, scratch(a, "empty"), &ms, &err), DZ_OK);
  DZ_CHECK_INT(ms->items.len, 0);
  dz_arena_free(a);
}

DZ_TEST(consistent_folder_loads_in_journal_order) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = NULL;
  dz_error err;
  DZ_CHECK_INT(load(a, good_folder(a, "good"), &ms, &err), DZ_OK);
  if (!ms) return;
  DZ_CHECK_INT(ms->items.len, 2);
  DZ_CHECK_STR(ms->items.items[0].sql, "CREATE TABLE t (x integer);");
  DZ_CHECK(ms->items.items[0].down_sql == NULL);
  DZ_CHECK_STR(ms->items.items[1].down_sql, "ALTER TABLE t DROP COLUMN y;");
  DZ_CHECK_STR(dz_migrations_last_snapshot(ms)->id, ID1);
  DZ_CHECK_INT(dz_migrations_next_idx(ms), 2);
  dz_arena_free(a);
}

/* One broken thing per case; the message must name the file and the fault. */
typedef struct broken_case {
  const char *what;
  const char *file, *text; /* written over the good folder; text NULL: removed */
  const char *expect1, *expect2;
} broken_case;

DZ_TEST(each_inconsistency_is_named) {
  dz_arena *a = dz_arena_new();
  const char *e0 = entry_json(a, 0, 1700000000000LL, "0000_a");
  const char *journal_fmt = "{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":[%s,%s]}";
  broken_case cases[] = {
      {"sql missing", "0001_b.sql", NULL, "0001_b.sql is missing", "journal entry 1"},
      {"last snapshot missing", "meta/0001_snapshot.json", NULL, "meta/0001_snapshot.json is missing",
       "\"0001_b\", the last one"},
      {"idx gap", "meta/_journal.json",
       dz_arena_printf(a, journal_fmt, e0, entry_json(a, 2, 1700000000001LL, "0001_b")), "_journal.json",
       "has idx 2"},
      {"when goes back", "meta/_journal.json",
       dz_arena_printf(a, journal_fmt, e0, entry_json(a, 1, 1600000000000LL, "0001_b")), "_journal.json",
       "would skip it"},
      {"same tag twice", "meta/_journal.json",
       dz_arena_printf(a, journal_fmt, e0, entry_json(a, 1, 1700000000001LL, "0000_a")), "_journal.json",
       "appears twice"},
      {"prevId chain", "meta/0001_snapshot.json", snapshot_json(a, ID1, DZ_ORIGIN_UUID),
       "meta/0001_snapshot.json: prevId is \"" DZ_ORIGIN_UUID "\"", "has id \"" ID0 "\""},
      {"first prevId", "meta/0000_snapshot.json", snapshot_json(a, ID0, ID1), "meta/0000_snapshot.json",
       "first snapshot's prevId must be"},
      {"same id twice", "meta/0001_snapshot.json", snapshot_json(a, ID0, ID0), "meta/0001_snapshot.json", "same id"},
      {"broken journal JSON", "meta/_journal.json", "{\"version\": \"7\", ", "meta/_journal.json", ""},
      {"broken snapshot JSON", "meta/0000_snapshot.json", "{\"version\":\"6\",\"id\":", "meta/0000_snapshot.json", ""},
      {"snapshot of another dialect", "meta/0000_snapshot.json",
       "{\"version\":\"7\",\"dialect\":\"postgresql\",\"id\":\"x\",\"prevId\":\"y\"}", "meta/0000_snapshot.json", "version"},
      {"stray snapshot", "meta/0002_snapshot.json", snapshot_json(a, "33333333-3333-4333-8333-333333333333", ID1),
       "meta/0002_snapshot.json has no entry", "next migration"},
      {"stray migration", "0002_c.sql", "SELECT 1;", "0002_c.sql is not in meta/_journal.json", "no migrator"},
      {"journal lost", "meta/_journal.json", NULL, "meta/_journal.json is missing", "0000_a.sql"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *dir = good_folder(a, "broken");
    char *path = dz_arena_printf(a, "%s/%s", dir, cases[i].file);
    if (cases[i].text) scratch_put(dir, cases[i].file, cases[i].text);
    else unlink(path);
    dz_migrations *ms = NULL;
    dz_error err;
    dz_result rc = load(a, dir, &ms, &err);
    if (rc != DZ_ERR_INCONSISTENT) DZ_FAIL("%s: result %d, message %s", cases[i].what, rc, rc ? err.message : "");
    if (!strstr(err.message, cases[i].expect1) || !strstr(err.message, cases[i].expect2))
      DZ_FAIL("%s: message \"%s\" lacks \"%s\" or \"%s\"", cases[i].what, err.message, cases[i].expect1,
              cases[i].expect2);
  }
  dz_arena_free(a);
}

/* ---- a snapshot missing before the last entry ---- */

#define ID2 "33333333-3333-4333-8333-333333333333"

/* good_folder plus 0002_c, whose snapshot has id `id` and prevId `prev`. */
static const char *three_folder(dz_arena *a, const char *name, const char *id, const char *prev) {
  const char *dir = good_folder(a, name);
  scratch_put(dir, "meta/_journal.json",
      dz_arena_printf(a, "{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":[%s,%s,%s]}",
                      entry_json(a, 0, 1700000000000LL, "0000_a"), entry_json(a, 1, 1700000000001LL, "0001_b"),
                      entry_json(a, 2, 1700000000002LL, "0002_c")));
  scratch_put(dir, "0002_c.sql", "CREATE TABLE u (z integer);");
  scratch_put(dir, "meta/0002_snapshot.json", snapshot_json(a, id, prev));
  return dir;
}

static void drop(dz_arena *a, const char *dir, const char *rel) {
  if (unlink(dz_arena_printf(a, "%s/%s", dir, rel)) != 0) DZ_FAIL("cannot remove %s/%s", dir, rel);
}

DZ_TEST(snapshot_missing_before_the_last_is_a_warning) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = NULL;
  dz_error err;
  const char *dir = three_folder(a, "gap", ID2, ID1);
  drop(a, dir, "meta/0001_snapshot.json");
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_OK);
  if (!ms) return;
  DZ_CHECK_INT(ms->items.len, 3);
  DZ_CHECK(ms->items.items[0].snapshot != NULL);
  DZ_CHECK(ms->items.items[1].snapshot == NULL);
  DZ_CHECK_CONTAINS(ms->items.items[1].snapshot_path, "meta/0001_snapshot.json");
  DZ_CHECK_STR(ms->items.items[1].sql, "ALTER TABLE t ADD y text;");
  DZ_CHECK_STR(dz_migrations_last_snapshot(ms)->id, ID2);
  DZ_CHECK_INT(dz_migrations_next_idx(ms), 3);
  DZ_CHECK_INT(ms->warnings.len, 1);
  if (ms->warnings.len) {
    DZ_CHECK_CONTAINS(ms->warnings.items[0], "meta/0001_snapshot.json is missing");
    DZ_CHECK_CONTAINS(ms->warnings.items[0], "journal entry 1, \"0001_b\"");
  }
  /* a consistent folder has no warnings */
  DZ_CHECK_INT(load(a, three_folder(a, "nogap", ID2, ID1), &ms, &err), DZ_OK);
  DZ_CHECK_INT(ms->warnings.len, 0);
  dz_arena_free(a);
}

DZ_TEST(prev_id_after_a_gap_is_not_held_against_anything) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = NULL;
  dz_error err;
  /* 0002's prevId names the missing 0001's id, which is unknown: any id goes */
  const char *dir = three_folder(a, "gap_prev", ID2, "44444444-4444-4444-8444-444444444444");
  drop(a, dir, "meta/0001_snapshot.json");
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_OK);
  /* the first snapshot missing: 0001's prevId is not checked either, but
  ** the chain goes on being checked after it */
  dir = three_folder(a, "gap_first", ID2, ID1);
  drop(a, dir, "meta/0000_snapshot.json");
  scratch_put(dir, "meta/0001_snapshot.json", snapshot_json(a, ID1, "55555555-5555-4555-8555-555555555555"));
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_OK);
  DZ_CHECK_INT(ms->warnings.len, 1);
  scratch_put(dir, "meta/0002_snapshot.json", snapshot_json(a, ID2, ID0));
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_ERR_INCONSISTENT);
  DZ_CHECK_CONTAINS(err.message, "meta/0002_snapshot.json: prevId is \"" ID0 "\"");
  DZ_CHECK_CONTAINS(err.message, "has id \"" ID1 "\"");
  dz_arena_free(a);
}

DZ_TEST(the_other_rules_still_hold_across_a_gap) {
  dz_arena *a = dz_arena_new();
  dz_migrations *ms = NULL;
  dz_error err;
  /* the snapshot after the gap reuses an earlier id */
  const char *dir = three_folder(a, "gap_same_id", ID0, ID1);
  drop(a, dir, "meta/0001_snapshot.json");
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_ERR_INCONSISTENT);
  DZ_CHECK_CONTAINS(err.message, "meta/0002_snapshot.json has the same id");
  /* the last one missing too: an error, whatever came before */
  dir = three_folder(a, "gap_and_last", ID2, ID1);
  drop(a, dir, "meta/0001_snapshot.json");
  drop(a, dir, "meta/0002_snapshot.json");
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_ERR_INCONSISTENT);
  DZ_CHECK_CONTAINS(err.message, "meta/0002_snapshot.json is missing");
  DZ_CHECK_CONTAINS(err.message, "the last one");
  /* a missing .sql is still an error, snapshot or not */
  dir = three_folder(a, "gap_no_sql", ID2, ID1);
  drop(a, dir, "meta/0001_snapshot.json");
  drop(a, dir, "0001_b.sql");
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_ERR_INCONSISTENT);
  DZ_CHECK_CONTAINS(err.message, "0001_b.sql is missing");
  /* two gaps, two warnings, in journal order */
  dir = three_folder(a, "two_gaps", ID2, ID1);
  drop(a, dir, "meta/0000_snapshot.json");
  drop(a, dir, "meta/0001_snapshot.json");
  DZ_CHECK_INT(load(a, dir, &ms, &err), DZ_OK);
  DZ_CHECK_INT(ms->warnings.len, 2);
  if (ms->warnings.len == 2) {
    DZ_CHECK_CONTAINS(ms->warnings.items[0], "meta/0000_snapshot.json");
    DZ_CHECK_CONTAINS(ms->warnings.items[1], "meta/0001_snapshot.json");
  }
  dz_arena_free(a);
}

DZ_TEST(split_on_breakpoints_like_the_migrator) {
  dz_arena *a = dz_arena_new();
  dz_strvec parts = {0};
  dz_migration_split("A;--> statement-breakpoint\nB;\n--> statement-breakpoint\nC", a, &parts);
  DZ_CHECK_INT(parts.len, 3);
  DZ_CHECK_STR(parts.items[0], "A;");
  DZ_CHECK_STR(parts.items[1], "\nB;\n");
  DZ_CHECK_STR(parts.items[2], "\nC");
  dz_arena_free(a);
}

DZ_TEST_MAIN
