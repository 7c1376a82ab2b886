/* test_querybuilder.c — query-builder views with drizzle-orm's selection
** helpers: the definitions are the text drizzle-kit 0.31 writes for the same
** schema (checked with drizzle-kit when written; corpus 70 and 71 run it). */
#include "extract_fixture.h"

#define QB_IMPORTS IMPORTS \
  "import { QueryBuilder } from 'drizzle-orm/sqlite-core';\n" \
  "import { count, countDistinct, avg, avgDistinct, sum, sumDistinct, max, min, getTableColumns, eq } from 'drizzle-orm';\n" \
  "export const u = sqliteTable('u', { id: integer().primaryKey(), name: text('full_name'), age: integer() });\n"

static const char *definition(const fixture *f, const char *view) {
  const dz_view *v = dz_schema_find_view(f->s, view);
  if (!v) DZ_FAIL("no view %s", view);
  return v ? v->definition : NULL;
}

DZ_TEST(aggregates_render_as_drizzle_builds_them) {
  fixture f = extract1(QB_IMPORTS
      "export const v = sqliteView('v').as((qb) => qb.select({ id: u.id, a: count().as('a'), b: count(u.name).as('b'),\n"
      "  c: countDistinct(u.name).as('c'), d: avg(u.age).as('d'), e: avgDistinct(u.age).as('e'), g: sum(u.age).as('g'),\n"
      "  h: sumDistinct(u.age).as('h'), i: max(u.age).as('i'), j: min(sql`${u.age} + 1`).as('j') }).from(u).groupBy(u.id));\n");
  DZ_CHECK_STR(definition(&f, "v"),
               "select \"id\", count(*) as \"a\", count(\"full_name\") as \"b\", count(distinct \"full_name\") as \"c\", "
               "avg(\"age\") as \"d\", avg(distinct \"age\") as \"e\", sum(\"age\") as \"g\", sum(distinct \"age\") as \"h\", "
               "max(\"age\") as \"i\", min(\"u\".\"age\" + 1) as \"j\" from \"u\" group by \"u\".\"id\"");
  /* aliased SQL fields are no view columns */
  const dz_view *v = dz_schema_find_view(f.s, "v");
  DZ_CHECK_INT(v ? v->columns.len : 0, 1);
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(an_aggregate_without_its_expression_is_named) {
  fixture f = extract1(QB_IMPORTS
      "export const v = sqliteView('v').as((qb) => qb.select({ s: sum().as('s') }).from(u));\n");
  DZ_CHECK(dz_schema_find_view(f.s, "v") == NULL);
  DZ_CHECK(has_diag(&f, "`sum()` needs an expression"));
  done(&f);
  /* drizzle-kit throws on an sql field without an alias in a view */
  f = extract1(QB_IMPORTS "export const v = sqliteView('v').as((qb) => qb.select({ c: count() }).from(u));\n");
  DZ_CHECK(dz_schema_find_view(f.s, "v") == NULL && has_diag(&f, "`c` is sql without .as(\"alias\")"));
  done(&f);
}

DZ_TEST(get_table_columns_spreads_into_the_selection) {
  fixture f = extract1(QB_IMPORTS
      "export const v = sqliteView('v').as((qb) => qb.select({ ...getTableColumns(u), one: sql`1`.as('one') }).from(u));\n"
      "export const w = sqliteView('w').as((qb) => qb.select({ ...getTableColumns(42) }).from(u));\n");
  DZ_CHECK_STR(definition(&f, "v"), "select \"id\", \"full_name\", \"age\", 1 as \"one\" from \"u\"");
  const dz_view *v = dz_schema_find_view(f.s, "v");
  DZ_CHECK_INT(v ? v->columns.len : 0, 3);
  if (v && v->columns.len == 3) DZ_CHECK_STR(v->columns.items[1]->name, "full_name");
  DZ_CHECK(dz_schema_find_view(f.s, "w") == NULL && has_diag(&f, "the table in `getTableColumns(42)`"));
  done(&f);
}

DZ_TEST(a_standalone_query_builder_builds_the_view) {
  fixture f = extract1(QB_IMPORTS
      "const qb = new QueryBuilder();\n"
      "export const v = sqliteView('v').as(qb.select({ id: u.id }).from(u).where(eq(u.name, \"o'k\")));\n"
      "export const w = sqliteView('w').as(new QueryBuilder({ casing: 'snake_case' }).select().from(u));\n");
  DZ_CHECK_STR(definition(&f, "v"), "select \"id\" from \"u\" where \"u\".\"full_name\" = 'o''k'");
  /* a configured builder may case its names: left out, and said so */
  DZ_CHECK(dz_schema_find_view(f.s, "w") == NULL && has_diag(&f, "new QueryBuilder({ casing"));
  done(&f);
}

DZ_TEST(aliases_render_as_table_and_alias_and_an_exported_one_is_named) {
  fixture f = extract1(QB_IMPORTS
      "import { alias } from 'drizzle-orm/sqlite-core';\n"
      "const m = alias(u, 'm');\n"
      "const b = alias(m, 'b');\n"
      "export const v = sqliteView('v').as((qb) => qb.select({ id: u.id, mid: m.id, bn: b.name }).from(u)\n"
      "  .leftJoin(m, eq(m.id, u.age)).leftJoin(b, eq(b.id, m.age)));\n"
      "export const w = sqliteView('w').as((qb) => qb.select().from(m));\n"
      "export const exported = alias(u, 'u2');\n");
  DZ_CHECK_STR(definition(&f, "v"),
               "select \"u\".\"id\", \"m\".\"id\", \"b\".\"full_name\" from \"u\" left join \"u\" \"m\" on \"m\".\"id\" = "
               "\"u\".\"age\" left join \"u\" \"b\" on \"b\".\"id\" = \"m\".\"age\"");
  DZ_CHECK_STR(definition(&f, "w"), "select \"id\", \"full_name\", \"age\" from \"u\" \"m\"");
  DZ_CHECK(dz_schema_find_table(f.s, "u2") == NULL && has_diag(&f, "exported alias() of `u`"));
  DZ_CHECK(dz_schema_find_table(f.s, "m") == NULL);
  done(&f);
}

DZ_TEST(select_over_joins_and_nested_fields_flatten_without_view_columns) {
  fixture f = extract1(QB_IMPORTS
      "export const p = sqliteTable('p', { id: integer().primaryKey(), uid: integer('uid') });\n"
      "export const v = sqliteView('v').as((qb) => qb.select().from(u).innerJoin(p, eq(p.uid, u.id)));\n"
      "export const w = sqliteView('w').as((qb) => qb.select({ x: { a: u.id, t: p }, n: u.name }).from(u).innerJoin(p, eq(p.uid, u.id)));\n");
  DZ_CHECK_STR(definition(&f, "v"),
               "select \"u\".\"id\", \"u\".\"full_name\", \"u\".\"age\", \"p\".\"id\", \"p\".\"uid\" from \"u\" "
               "inner join \"p\" on \"p\".\"uid\" = \"u\".\"id\"");
  const dz_view *v = dz_schema_find_view(f.s, "v");
  DZ_CHECK_INT(v ? v->columns.len : 1, 0);
  DZ_CHECK_STR(definition(&f, "w"),
               "select \"u\".\"id\", \"p\".\"id\", \"p\".\"uid\", \"u\".\"full_name\" from \"u\" "
               "inner join \"p\" on \"p\".\"uid\" = \"u\".\"id\"");
  const dz_view *w = dz_schema_find_view(f.s, "w");
  DZ_CHECK_INT(w ? w->columns.len : 0, 1);
  done(&f);
}

DZ_TEST_MAIN
