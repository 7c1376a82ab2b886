/*
** test_dates.c — Date text (dates.h) and Date defaults end to end: which
** snapshot defaults are drizzle-kit's text for a Date, the integer
** drizzle-orm stores for one, the SQL drizzle-lsp writes for it (mode from
** the code, from the counterpart column, or assumed), and verify's schema
** comparison accepting that integer against the snapshot's text.
*/
#include <math.h>
#include <string.h>

#include "drizzle_lsp/dates.h"
#include "drizzle_lsp/diff.h"
#include "drizzle_lsp/schema_compare.h"
#include "drizzle_lsp/sqlgen.h"
#include "dz_test.h"

#define NEW_YEAR "'\"2024-01-01T00:00:00.000Z\"'"

static dz_default sql_default(const char *text) { return (dz_default){DZ_DEFAULT_SQL, text}; }

static bool date_ms(const char *text, double *ms) {
  dz_default d = sql_default(text);
  return dz_date_default_ms(&d, ms);
}

DZ_TEST(iso_dates_parse_and_format_as_javascript_does) {
  dz_arena *a = dz_arena_new();
  double ms = 0;
  DZ_CHECK(dz_iso_date_parse("2024-01-01T00:00:00.000Z", &ms));
  DZ_CHECK(ms == 1704067200000.0);
  DZ_CHECK(dz_iso_date_parse("2024-01-01", &ms) && ms == 1704067200000.0);
  DZ_CHECK(dz_iso_date_parse("2024-01-01T02:00:00+02:00", &ms) && ms == 1704067200000.0);
  DZ_CHECK(!dz_iso_date_parse("2024-13-01", &ms));
  DZ_CHECK(!dz_iso_date_parse("yesterday", &ms));
  DZ_CHECK_STR(dz_iso_date(a, 1704067200123.0), "2024-01-01T00:00:00.123Z");
  DZ_CHECK_STR(dz_iso_date(a, -1.0), "1969-12-31T23:59:59.999Z");
  DZ_CHECK_STR(dz_iso_date(a, 0), "1970-01-01T00:00:00.000Z");
  DZ_CHECK_STR(dz_iso_date(a, 8.64e15), "+275760-09-13T00:00:00.000Z");
  DZ_CHECK_STR(dz_iso_date(a, -1.5), "1969-12-31T23:59:59.999Z"); /* truncated, as TimeClip */
  DZ_CHECK(dz_iso_date(a, 8.64e15 + 1) == NULL);                  /* an Invalid Date */
  DZ_CHECK(dz_iso_date(a, NAN) == NULL);
  DZ_CHECK(dz_iso_date(a, INFINITY) == NULL);
  DZ_CHECK(isnan(dz_time_clip(-8.64e15 - 1)));
  DZ_CHECK(dz_time_clip(-0.5) == 0 && !signbit(dz_time_clip(-0.5)));
  dz_arena_free(a);
}

DZ_TEST(date_default_is_only_drizzle_kits_exact_text) {
  double ms = 0;
  DZ_CHECK(date_ms(NEW_YEAR, &ms) && ms == 1704067200000.0);
  DZ_CHECK(date_ms("'\"1969-12-31T23:59:59.999Z\"'", &ms) && ms == -1.0);
  DZ_CHECK(!date_ms("'2024-01-01T00:00:00.000Z'", &ms));      /* a plain string default */
  DZ_CHECK(!date_ms("'\"2024-01-01T00:00:00Z\"'", &ms));      /* not toISOString's form */
  DZ_CHECK(!date_ms("'\"2024-02-30T00:00:00.000Z\"'", &ms));  /* no such day */
  DZ_CHECK(!date_ms("'\"+024-01-01T00:00:00.000Z\"'", &ms));  /* reads as a year, is none */
  DZ_CHECK(!date_ms("'\"2024-01-01T00:00:00.000Z\"' ", &ms));
  DZ_CHECK(!date_ms("'\"2024-01-01T00:00:00.000+01\"'", &ms));
  DZ_CHECK(!date_ms("(unixepoch())", &ms));
  DZ_CHECK(!date_ms("'null'", &ms)); /* JSON.stringify of an Invalid Date */
  dz_default num = {DZ_DEFAULT_NUMBER, "1704067200"};
  DZ_CHECK(!dz_date_default_ms(&num, &ms));
  DZ_CHECK(!dz_date_default_ms(NULL, &ms));
}

DZ_TEST(date_is_stored_as_drizzle_orm_stores_it) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_INT(dz_date_unit_of_mode("timestamp"), DZ_DATE_UNIT_SECONDS);
  DZ_CHECK_INT(dz_date_unit_of_mode("timestamp_ms"), DZ_DATE_UNIT_MILLIS);
  DZ_CHECK_INT(dz_date_unit_of_mode("boolean"), DZ_DATE_UNIT_NONE);
  DZ_CHECK_INT(dz_date_unit_of_mode(NULL), DZ_DATE_UNIT_NONE);
  DZ_CHECK_STR(dz_date_stored(a, 1704067200999.0, DZ_DATE_UNIT_SECONDS), "1704067200");
  DZ_CHECK_STR(dz_date_stored(a, 1704067200999.0, DZ_DATE_UNIT_MILLIS), "1704067200999");
  DZ_CHECK_STR(dz_date_stored(a, -1.0, DZ_DATE_UNIT_SECONDS), "-1"); /* Math.floor */
  dz_arena_free(a);
}

DZ_TEST(date_default_matches_either_unit_and_nothing_else) {
  dz_default d = sql_default(NEW_YEAR);
  DZ_CHECK(dz_date_default_matches(&d, "1704067200"));
  DZ_CHECK(dz_date_default_matches(&d, "1704067200000"));
  DZ_CHECK(dz_date_default_matches(&d, "(1704067200)"));
  DZ_CHECK(!dz_date_default_matches(&d, "1704067201"));
  DZ_CHECK(!dz_date_default_matches(&d, "1704067200.0"));
  DZ_CHECK(!dz_date_default_matches(&d, "'1704067200'"));
  DZ_CHECK(!dz_date_default_matches(&d, " 1704067200"));
  DZ_CHECK(!dz_date_default_matches(&d, "+1704067200"));
  DZ_CHECK(!dz_date_default_matches(&d, ""));
  DZ_CHECK(!dz_date_default_matches(&d, NULL));
  dz_default plain = sql_default("'x'");
  DZ_CHECK(!dz_date_default_matches(&plain, "1704067200"));
}

/* ---- SQL and comparison over small models ---------------------------------- */

/* A schema with table events(id, <name> <type> DEFAULT def); key set: the
** column came from code with that mode. */
static dz_schema *events(dz_arena *a, const char *name, const char *type, const char *def,
                         const char *key, const char *mode) {
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  dz_table *t = dz_schema_add_table(s, "events");
  dz_column *id = dz_table_add_column(s, t, "id");
  id->type = "integer";
  id->primary_key = id->not_null = true;
  if (!name) return s;
  dz_column *c = dz_table_add_column(s, t, name);
  c->type = type;
  c->not_null = true;
  if (def) c->def = sql_default(def);
  c->key = key;
  c->mode = mode;
  return s;
}

/* The forward (or rollback) .sql text for prev -> next. */
static const char *plan_text(dz_arena *a, const dz_schema *prev, const dz_schema *next,
                             dz_sql_direction dir) {
  dz_diff *d = NULL;
  dz_sql_plan *p = NULL;
  if (dz_diff_schemas(prev, next, NULL, a, &d, NULL) != DZ_OK) return "<diff failed>";
  if (dz_sqlgen_migration(d, prev, next, DZ_DIALECT_SQLITE, a, &p, NULL) != DZ_OK)
    return "<sqlgen failed>";
  return dz_sql_plan_text(p, true, dir, a);
}

DZ_TEST(sqlgen_writes_a_date_default_in_the_columns_unit) {
  dz_arena *a = dz_arena_new();
  const dz_schema *base = events(a, NULL, NULL, NULL, NULL, NULL);
  const char *ms = plan_text(a, base, events(a, "at", "integer", NEW_YEAR, "at", "timestamp_ms"), DZ_SQL_FORWARD);
  DZ_CHECK_CONTAINS(ms, "ALTER TABLE `events` ADD `at` integer DEFAULT 1704067200000 NOT NULL;");
  DZ_CHECK_CONTAINS(ms, "the unix time in milliseconds that drizzle-orm stores for mode \"timestamp_ms\"");
  const char *s = plan_text(a, base, events(a, "at", "integer", NEW_YEAR, "at", "timestamp"), DZ_SQL_FORWARD);
  DZ_CHECK_CONTAINS(s, "ADD `at` integer DEFAULT 1704067200 NOT NULL;");
  DZ_CHECK(!strstr(s, "assumed"));
  /* No timestamp: drizzle-orm stores no integer for a Date, the text stays. */
  const char *b = plan_text(a, base, events(a, "at", "integer", NEW_YEAR, "at", "boolean"), DZ_SQL_FORWARD);
  DZ_CHECK_STR(b, "ALTER TABLE `events` ADD `at` integer DEFAULT " NEW_YEAR " NOT NULL;");
  const char *txt = plan_text(a, base, events(a, "at", "text", NEW_YEAR, "at", "json"), DZ_SQL_FORWARD);
  DZ_CHECK_STR(txt, "ALTER TABLE `events` ADD `at` text DEFAULT " NEW_YEAR " NOT NULL;");
  /* Two in one statement: the note names both. */
  dz_schema *two = events(a, "at", "integer", NEW_YEAR, "at", "timestamp");
  dz_column *c2 = dz_table_add_column(two, two->tables.items[0], "at_ms");
  *c2 = (dz_column){.name = "at_ms", .type = "integer", .def = sql_default(NEW_YEAR), .key = "atMs",
                    .mode = "timestamp_ms"};
  const char *both = plan_text(a, NULL, two, DZ_SQL_FORWARD);
  DZ_CHECK_CONTAINS(both, "`at` is written as 1704067200, the unix time in seconds");
  DZ_CHECK_CONTAINS(both, "and `at_ms` is written as 1704067200000, the unix time in milliseconds");
  DZ_CHECK_CONTAINS(both, "\t`at_ms` integer DEFAULT 1704067200000\n");
  /* Read from a snapshot, with nothing to ask: seconds, and it says so. */
  const char *snap = plan_text(a, NULL, events(a, "at", "integer", NEW_YEAR, NULL, NULL), DZ_SQL_FORWARD);
  DZ_CHECK_CONTAINS(snap, "`at` integer DEFAULT 1704067200 NOT NULL");
  DZ_CHECK_CONTAINS(snap, "assumed: the snapshot does not keep the column's mode");
  dz_arena_free(a);
}

DZ_TEST(sqlgen_rollback_takes_the_mode_from_the_code_column) {
  dz_arena *a = dz_arena_new();
  /* The old snapshot's column (no mode) comes back in the rollback's
  ** rebuild; the code's column says timestamp_ms. */
  dz_schema *prev = events(a, "at", "integer", NEW_YEAR, NULL, NULL);
  dz_schema *next = events(a, "at", "integer", "'\"2025-01-01T00:00:00.000Z\"'", "at", "timestamp_ms");
  const char *fwd = plan_text(a, prev, next, DZ_SQL_FORWARD);
  DZ_CHECK_CONTAINS(fwd, "`at` integer DEFAULT 1735689600000 NOT NULL");
  const char *back = plan_text(a, prev, next, DZ_SQL_ROLLBACK);
  DZ_CHECK_CONTAINS(back, "`at` integer DEFAULT 1704067200000 NOT NULL");
  DZ_CHECK(!strstr(back, "assumed"));
  dz_arena_free(a);
}

static const char *compare(dz_arena *a, const dz_schema *db, const dz_schema *snap) {
  dz_strvec lines = {0};
  dz_schema_compare(db, "the database", snap, "0001_snapshot.json", a, &lines);
  return lines.len ? lines.items[0] : "";
}

DZ_TEST(compare_accepts_the_stored_date_against_drizzle_kits_text) {
  dz_arena *a = dz_arena_new();
  const dz_schema *snap = events(a, "at", "integer", NEW_YEAR, NULL, NULL);
  DZ_CHECK_STR(compare(a, events(a, "at", "INTEGER", "1704067200", NULL, NULL), snap), "");
  DZ_CHECK_STR(compare(a, events(a, "at", "integer", "1704067200000", NULL, NULL), snap), "");
  DZ_CHECK_STR(compare(a, snap, events(a, "at", "integer", "1704067200", NULL, NULL)), "");
  DZ_CHECK_STR(compare(a, events(a, "at", "integer", "1704067201", NULL, NULL), snap),
               "table events: column at: default is 1704067201 in the database, " NEW_YEAR
               " in 0001_snapshot.json");
  /* A text column keeps drizzle-kit's text: an integer there is a difference. */
  DZ_CHECK_CONTAINS(compare(a, events(a, "at", "text", "1704067200", NULL, NULL),
                            events(a, "at", "text", NEW_YEAR, NULL, NULL)),
                    "column at: default is 1704067200 in the database");
  dz_arena_free(a);
}

DZ_TEST_MAIN
