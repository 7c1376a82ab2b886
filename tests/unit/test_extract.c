/* test_extract.c — what extraction makes of each Drizzle construct: the
** values are what drizzle-kit 0.31 writes into its snapshot for the same
** schema (checked with drizzle-kit when these cases were written, and again
** by the corpus tests that run it). */
#include "extract_fixture.h"

#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/module.h"
#include "drizzle_lsp/snapshot.h"

static const dz_column *col(const fixture *f, const char *table, const char *name) {
  const dz_table *t = dz_schema_find_table(f->s, table);
  const dz_column *c = t ? dz_table_find_column(t, name) : NULL;
  if (!c) DZ_FAIL("no column %s.%s", table, name);
  return c;
}

DZ_TEST(columns_get_their_types_flags_and_order) {
  fixture f = extract1(IMPORTS
      "export const users = sqliteTable('users', {\n"
      "  id: integer('id').primaryKey({ autoIncrement: true }),\n"
      "  name: text('name', { length: 40 }).notNull(),\n"
      "  score: real(), data: blob({ mode: 'json' }), amount: numeric(), n: int(),\n"
      "  '7': text(), '10': text(),\n"
      "});\n");
  const dz_table *t = dz_schema_find_table(f.s, "users");
  DZ_CHECK(t != NULL);
  if (!t) return done(&f);
  DZ_CHECK_INT(t->columns.len, 8);
  /* JavaScript puts integer-like keys first, ascending */
  DZ_CHECK_STR(t->columns.items[0]->name, "7");
  DZ_CHECK_STR(t->columns.items[1]->name, "10");
  DZ_CHECK_STR(t->columns.items[2]->name, "id");
  DZ_CHECK(col(&f, "users", "id")->primary_key && col(&f, "users", "id")->not_null);
  DZ_CHECK(col(&f, "users", "id")->autoincrement);
  DZ_CHECK_STR(col(&f, "users", "name")->type, "text(40)");
  DZ_CHECK(col(&f, "users", "name")->not_null);
  DZ_CHECK_STR(col(&f, "users", "score")->type, "real");
  DZ_CHECK_STR(col(&f, "users", "data")->type, "blob");
  DZ_CHECK_STR(col(&f, "users", "amount")->type, "numeric");
  DZ_CHECK_STR(col(&f, "users", "n")->type, "integer");
  DZ_CHECK_STR(t->export_name, "users");
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(omitted_names_take_the_key_and_casing_applies_only_to_them) {
  const char *src = IMPORTS
      "export const t = sqliteTable('t', {\n"
      "  firstName: text(), HTTPCode: text(), given: text('keepMe').unique(),\n"
      "  createdAt: integer().unique(),\n"
      "});\n";
  const char *pairs[] = {"/v/s.ts", src, NULL};
  fixture snake = extract_files(DZ_CASING_SNAKE, pairs), camel = extract_files(DZ_CASING_CAMEL, pairs);
  const dz_table *t = dz_schema_find_table(snake.s, "t");
  DZ_CHECK_STR(t->columns.items[0]->name, "first_name");
  DZ_CHECK_STR(t->columns.items[1]->name, "http_code");
  DZ_CHECK_STR(t->columns.items[2]->name, "keepMe");
  DZ_CHECK_STR(t->columns.items[0]->key, "firstName");
  /* generated unique names use the raw key, the column list the cased name */
  DZ_CHECK(dz_table_find_index(t, "t_createdAt_unique") != NULL);
  DZ_CHECK_STR(dz_table_find_index(t, "t_createdAt_unique")->columns.items[0], "created_at");
  const dz_table *c = dz_schema_find_table(camel.s, "t");
  DZ_CHECK_STR(c->columns.items[1]->name, "httpCode");
  done(&snake);
  done(&camel);
}

DZ_TEST(defaults_keep_their_json_type_and_sql_text) {
  fixture f = extract1(IMPORTS
      "export const d = sqliteTable('d', {\n"
      "  s: text().default(\"it's\"),\n"
      "  n: integer().default(42), r: real().default(1.50), e: real().default(1e21), neg: integer().default(-3),\n"
      "  b: integer({ mode: 'boolean' }).default(false),\n"
      "  j: text({ mode: 'json' }).default({ a: \"x'y\", '2': [1, null], u: undefined }),\n"
      "  nul: text().default(null),\n"
      "  q: integer().default(sql`(unixepoch())`),\n"
      "  raw: text().default(sql`${sql.raw(\"'a'\")} || 'b'`),\n"
      "  at: integer({ mode: 'timestamp' }).default(new Date(1700000000000)),\n"
      "  day: integer({ mode: 'timestamp' }).default(new Date('2024-02-29')),\n"
      "  num: numeric().default('12'),\n"
      "  none: text().$defaultFn(() => 'x').$type<string>().$onUpdate(() => 'y'),\n"
      "});\n");
  struct { const char *col, *text; dz_default_kind kind; } want[] = {
      {"s", "'it''s'", DZ_DEFAULT_SQL}, {"n", "42", DZ_DEFAULT_NUMBER}, {"r", "1.5", DZ_DEFAULT_NUMBER},
      {"e", "1e+21", DZ_DEFAULT_NUMBER}, {"neg", "-3", DZ_DEFAULT_NUMBER}, {"b", "false", DZ_DEFAULT_BOOL},
      {"j", "'{\"2\":[1,null],\"a\":\"x'y\"}'", DZ_DEFAULT_SQL}, {"nul", "'null'", DZ_DEFAULT_SQL},
      {"q", "(unixepoch())", DZ_DEFAULT_SQL}, {"raw", "'a' || 'b'", DZ_DEFAULT_SQL},
      {"at", "'\"2023-11-14T22:13:20.000Z\"'", DZ_DEFAULT_SQL},
      {"day", "'\"2024-02-29T00:00:00.000Z\"'", DZ_DEFAULT_SQL}, {"num", "'12'", DZ_DEFAULT_SQL}};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    const dz_column *c = col(&f, "d", want[i].col);
    if (!c) continue;
    DZ_CHECK_STR(c->def.text, want[i].text);
    DZ_CHECK_INT(c->def.kind, want[i].kind);
  }
  DZ_CHECK_INT(col(&f, "d", "none")->def.kind, DZ_DEFAULT_NONE);
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(defaults_drizzle_kit_cannot_store_are_reported_not_guessed) {
  fixture f = extract1(IMPORTS
      "export const d = sqliteTable('d', {\n"
      "  a: text(),\n"
      "  b: text().default(sql`${'x'}`),\n"
      "  c: integer({ mode: 'timestamp' }).default(new Date()),\n"
      "  e: text().default(someFunction()),\n"
      "});\n");
  DZ_CHECK_INT(col(&f, "d", "b")->def.kind, DZ_DEFAULT_NONE);
  DZ_CHECK_INT(col(&f, "d", "c")->def.kind, DZ_DEFAULT_NONE);
  DZ_CHECK_INT(f.diags.len, 3);
  DZ_CHECK(has_diag(&f, "depends on when or where drizzle-kit runs"));
  DZ_CHECK(has_diag(&f, "someFunction"));
  /* the span points at the construct: line 7, column 21 (1-based) */
  for (size_t i = 0; i < f.diags.len; i++)
    if (strstr(f.diags.items[i].message, "someFunction")) {
      DZ_CHECK_INT(f.diags.items[i].span.start.row, 6);
      DZ_CHECK_INT(f.diags.items[i].span.start.column, 20);
      DZ_CHECK_INT(f.diags.items[i].span.file, 0);
      DZ_CHECK_INT(f.diags.items[i].severity, DZ_SEV_WARNING);
    }
  done(&f);
}

DZ_TEST(typescript_enums_const_arrays_conversions_and_sql_helpers_resolve) {
  fixture f = extract1(IMPORTS
      "enum Status { Active = 'active', Blocked = 'blocked' }\n"
      "enum Level { Low, Mid = 5, High }\n"
      "const ROLES = ['admin', 'user'] as const;\n"
      "export const e = sqliteTable('e', {\n"
      "  st: text().default(Status.Blocked), lv: integer().default(Level.High),\n"
      "  lvs: text({ mode: 'json' }).default(Object.values(Level)), role: text().default(ROLES[1]),\n"
      "}, (t) => [index('e_idx').on(sql`${sql.identifier('st')}`, sql`coalesce(${sql.join([t.st, t.role], sql`, `)})`)]);\n");
  DZ_CHECK_STR(col(&f, "e", "st")->def.text, "'blocked'");
  DZ_CHECK_STR(col(&f, "e", "lv")->def.text, "6");
  /* a numeric enum maps values back to names, and integer keys come first */
  DZ_CHECK_STR(col(&f, "e", "lvs")->def.text, "'[\"Low\",\"Mid\",\"High\",0,5,6]'");
  DZ_CHECK_STR(col(&f, "e", "role")->def.text, "'user'");
  fixture g = extract1(IMPORTS
      "const FACTOR = 1000;\n"
      "export const g = sqliteTable('g', { a: integer().default(sql`(x * ${sql.raw(String(FACTOR))})`),\n"
      "  b: text().default(JSON.stringify({ x: [1, 'y'] })), c: real().default(Number('2.5')) });\n");
  DZ_CHECK_STR(col(&g, "g", "a")->def.text, "(x * 1000)");
  DZ_CHECK_STR(col(&g, "g", "b")->def.text, "'{\"x\":[1,\"y\"]}'");
  DZ_CHECK_STR(col(&g, "g", "c")->def.text, "2.5");
  done(&g);
  const dz_table *t = dz_schema_find_table(f.s, "e");
  DZ_CHECK_STR(t->indexes.items[0]->columns.items[0], "\"st\"");
  DZ_CHECK_STR(t->indexes.items[0]->columns.items[1], "coalesce(\"st\", \"role\")");
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(generated_columns_render_their_sql) {
  fixture f = extract1(IMPORTS
      "export const g = sqliteTable('g', {\n"
      "  first: text(), last: text(),\n"
      "  full: text().generatedAlwaysAs((): any => sql`${g.first} || ' ' || ${g.last}`),\n"
      "  early: text().generatedAlwaysAs(sql`${g.first}`),\n"
      "  up: text().generatedAlwaysAs((): any => sql`upper(${g.first})`, { mode: 'stored' }),\n"
      "  lit: text().generatedAlwaysAs(`'x'`),\n"
      "  p: text().generatedAlwaysAs(sql`${'param'}`),\n"
      "});\n");
  DZ_CHECK_STR(col(&f, "g", "full")->generated_as, "(\"first\" || ' ' || \"last\")");
  DZ_CHECK_INT(col(&f, "g", "full")->generated, DZ_GENERATED_VIRTUAL);
  DZ_CHECK_STR(col(&f, "g", "up")->generated_as, "(upper(\"first\"))");
  DZ_CHECK_INT(col(&f, "g", "up")->generated, DZ_GENERATED_STORED);
  DZ_CHECK_STR(col(&f, "g", "lit")->generated_as, "('x')");
  DZ_CHECK_STR(col(&f, "g", "p")->generated_as, "(?)");
  /* g is not yet defined when a non-function sql`` reads it: JavaScript would throw */
  DZ_CHECK_INT(col(&f, "g", "early")->generated, DZ_GENERATED_NONE);
  DZ_CHECK(has_diag(&f, "refers to itself"));
  done(&f);
}

DZ_TEST(references_make_foreign_keys_with_generated_names) {
  fixture f = extract1(IMPORTS
      "export const users = sqliteTable('users', { id: integer().primaryKey() });\n"
      "export const posts = sqliteTable('posts', {\n"
      "  id: integer().primaryKey(),\n"
      "  authorId: integer('author_id').references(() => users.id, { onDelete: 'cascade' }),\n"
      "  parent: integer().references((): any => posts.id),\n"
      "});\n");
  const dz_table *t = dz_schema_find_table(f.s, "posts");
  DZ_CHECK_INT(t->foreign_keys.len, 2);
  const dz_foreign_key *a = t->foreign_keys.items[0], *b = t->foreign_keys.items[1];
  DZ_CHECK_STR(a->name, "posts_author_id_users_id_fk");
  DZ_CHECK_STR(a->table_to, "users");
  DZ_CHECK_STR(a->columns_from.items[0], "author_id");
  DZ_CHECK_STR(a->on_delete, "cascade");
  DZ_CHECK_STR(a->on_update, "no action");
  DZ_CHECK_STR(b->name, "posts_parent_posts_id_fk");
  DZ_CHECK_STR(b->table_to, "posts");
  done(&f);
}

DZ_TEST(extra_config_as_array_gives_indexes_constraints_and_checks) {
  fixture f = extract1(IMPORTS
      "export const users = sqliteTable('users', { id: integer().primaryKey() });\n"
      "export const m = sqliteTable('m', {\n"
      "  a: integer().notNull(), b: text(), c: integer(), d: integer(),\n"
      "}, (t) => [\n"
      "  unique().on(t.b, t.c),\n"
      "  index('m_expr').on(t.a, sql`lower(${t.b})`).where(sql`${t.c} > 0`),\n"
      "  uniqueIndex('m_u').on(t.d),\n"
      "  primaryKey({ columns: [t.a, t.b] }),\n"
      "  foreignKey({ columns: [t.c], foreignColumns: [users.id], name: 'm_fk' }).onDelete('set null'),\n"
      "  check('c_pos', sql`${t.c} >= 0`),\n"
      "  index('never_on'),\n"
      "]);\n");
  const dz_table *t = dz_schema_find_table(f.s, "m");
  /* drizzle-kit writes index() entries first, then unique constraints (as unique indexes) */
  DZ_CHECK_INT(t->indexes.len, 3);
  DZ_CHECK_STR(t->indexes.items[0]->name, "m_expr");
  DZ_CHECK_STR(t->indexes.items[0]->columns.items[1], "lower(\"b\")");
  DZ_CHECK(!t->indexes.items[0]->expression.items[0] && t->indexes.items[0]->expression.items[1]);
  DZ_CHECK_STR(t->indexes.items[0]->where, "\"m\".\"c\" > 0");
  DZ_CHECK(!t->indexes.items[0]->unique);
  DZ_CHECK_STR(t->indexes.items[1]->name, "m_u");
  DZ_CHECK(t->indexes.items[1]->unique);
  DZ_CHECK_STR(t->indexes.items[2]->name, "m_b_c_unique");
  DZ_CHECK(t->indexes.items[2]->unique);
  DZ_CHECK_INT(t->uniques.len, 0);
  DZ_CHECK_INT(t->primary_keys.len, 1);
  DZ_CHECK_STR(t->primary_keys.items[0]->name, "m_a_b_pk");
  DZ_CHECK_STR(t->foreign_keys.items[0]->name, "m_fk");
  DZ_CHECK_STR(t->foreign_keys.items[0]->on_delete, "set null");
  DZ_CHECK_STR(t->checks.items[0]->value, "\"m\".\"c\" >= 0");
  /* an index's span covers the whole index('m_expr').on(...).where(...) chain (line 8) */
  DZ_CHECK_INT(t->indexes.items[0]->span.start.row, 7);
  DZ_CHECK_INT(t->indexes.items[0]->span.start.column, 2);
  DZ_CHECK_INT(t->indexes.items[0]->span.end.row, 7);
  DZ_CHECK_INT(t->indexes.items[0]->span.end.column, 68);
  done(&f);
}

DZ_TEST(extra_config_as_object_and_one_column_primary_key_folds) {
  fixture f = extract1(IMPORTS
      "export const users = sqliteTable('users', { id: integer(), uid: integer() },\n"
      "  (t) => ({ pk: primaryKey({ columns: [t.id] }),\n"
      "            fk: foreignKey({ columns: [t.uid], foreignColumns: [t.id] }).onUpdate('cascade') }));\n");
  const dz_column *id = col(&f, "users", "id");
  DZ_CHECK(id->primary_key);
  DZ_CHECK(!id->not_null); /* drizzle-kit sets only the flag */
  const dz_table *t = dz_schema_find_table(f.s, "users");
  DZ_CHECK_INT(t->primary_keys.len, 0);
  DZ_CHECK_STR(t->foreign_keys.items[0]->name, "users_uid_users_id_fk");
  DZ_CHECK_STR(t->foreign_keys.items[0]->on_update, "cascade");
  done(&f);
}

DZ_TEST(repeated_unique_names_are_an_error_drizzle_kit_would_stop_on) {
  fixture f = extract1(IMPORTS
      "export const t = sqliteTable('t', { a: text().unique('u1'), b: text() }, (x) => [unique('u1').on(x.b)]);\n");
  DZ_CHECK(has_diag(&f, "repeats a name"));
  DZ_CHECK_INT(f.diags.items[0].severity, DZ_SEV_ERROR);
  done(&f);
}

DZ_TEST(table_creators_namespace_and_aliased_imports) {
  fixture f = extract1(
      "import * as s from 'drizzle-orm/sqlite-core';\n"
      "import { text as txt, sqliteTableCreator as creator, customType } from 'drizzle-orm/sqlite-core';\n"
      "const table = creator((name) => `app_${name}`);\n"
      "const money = customType<{ data: number }>({ dataType() { return 'decimal(10, 2)'; } });\n"
      "export const users = table('users', (t) => ({ id: t.integer().primaryKey(), n: txt(), m: money() }),\n"
      "  (u) => [s.index('users_n').on(u.n)]);\n"
      "export const other = s.sqliteTable('other', { id: s.int().references(() => users.id) });\n");
  const dz_table *u = dz_schema_find_table(f.s, "app_users");
  DZ_CHECK(u != NULL);
  if (!u) return done(&f);
  DZ_CHECK_STR(col(&f, "app_users", "m")->type, "decimal(10, 2)");
  DZ_CHECK_STR(u->indexes.items[0]->name, "users_n");
  DZ_CHECK_STR(dz_schema_find_table(f.s, "other")->foreign_keys.items[0]->name, "other_id_app_users_id_fk");
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(shared_columns_helpers_and_enums_across_files) {
  const char *pairs[] = {
      "/v/shared/cols.ts",
      "import { integer, text } from 'drizzle-orm/sqlite-core';\n"
      "import { sql } from 'drizzle-orm';\n"
      "export const timestamps = { createdAt: integer('created_at').notNull().default(sql`(unixepoch())`) };\n"
      "export function idCol(name = 'id') { return integer(name).primaryKey({ autoIncrement: true }); }\n"
      "export const named = (n: string) => { const b = text(n); return b.notNull(); };\n"
      "export const ROLES = ['a', 'b'] as const;\n"
      "export const STATUS = { A: 'active' } as const;\n",
      "/v/shared/index.ts", "export * from './cols';\n",
      "/v/users.ts",
      "import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\n"
      "import { timestamps, idCol, named, ROLES, STATUS } from './shared';\n"
      "const users = sqliteTable('users', { id: idCol('uid'), role: text({ enum: ROLES }),\n"
      "  st: text({ enum: Object.values(STATUS) }).default(STATUS.A), label: named('the_label'), ...timestamps });\n"
      "const hidden = sqliteTable('hidden', { id: idCol() });\n"
      "export const bag = { hidden };\n"
      "export { users };\n",
      NULL};
  fixture f = extract_files(DZ_CASING_NONE, pairs);
  DZ_CHECK_INT(f.s->tables.len, 1); /* a table only inside an exported object does not count */
  const dz_table *t = dz_schema_find_table(f.s, "users");
  if (!t) return done(&f);
  DZ_CHECK_INT(t->columns.len, 5);
  DZ_CHECK_STR(t->columns.items[0]->name, "uid");
  DZ_CHECK(t->columns.items[0]->autoincrement);
  DZ_CHECK_STR(col(&f, "users", "st")->def.text, "'active'");
  DZ_CHECK_STR(col(&f, "users", "the_label")->type, "text");
  DZ_CHECK(col(&f, "users", "the_label")->not_null);
  DZ_CHECK_STR(col(&f, "users", "created_at")->def.text, "(unixepoch())");
  /* the spread column's span points into the shared file */
  DZ_CHECK_STR(f.s->files.items[col(&f, "users", "created_at")->span.file], "/v/shared/cols.ts");
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(helper_functions_follow_branches_and_optional_chains) {
  fixture f = extract1(IMPORTS
      "function stamps(opts?: { deleted?: boolean }) {\n"
      "  const cols = { createdAt: integer().notNull() };\n"
      "  if (opts?.deleted) { return { ...cols, deletedAt: integer() }; } else if (opts) { return {}; }\n"
      "  return cols;\n"
      "}\n"
      "const varchar = customType<{ data: string }>({ dataType(c) { return c?.length ? `varchar(${c.length})` : 'varchar'; } });\n"
      "export const a = sqliteTable('a', { ...stamps(), v: varchar(), w: varchar({ length: 9 }) });\n"
      "export const b = sqliteTable('b', { ...stamps({ deleted: true }) });\n"
      "export const c = sqliteTable('c', { id: integer(), ...stamps({}) });\n");
  DZ_CHECK_INT(dz_schema_find_table(f.s, "a")->columns.len, 3);
  DZ_CHECK_STR(col(&f, "a", "v")->type, "varchar");
  DZ_CHECK_STR(col(&f, "a", "w")->type, "varchar(9)");
  DZ_CHECK_INT(dz_schema_find_table(f.s, "b")->columns.len, 2);
  DZ_CHECK_INT(dz_schema_find_table(f.s, "c")->columns.len, 1);
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(imports_resolve_like_node_and_typescript) {
  const char *pairs[] = {
      "/v/lib/index.js", "import { integer } from 'drizzle-orm/sqlite-core';\nexport const idCol = () => integer().primaryKey();\n",
      "/v/cols.mts", "import { text } from 'drizzle-orm/sqlite-core';\nexport const nameCol = text('nm').notNull();\n",
      "/v/more.ts", "import { real } from 'drizzle-orm/sqlite-core';\nexport const score = real();\n",
      "/v/schema.js",
      "import { sqliteTable } from 'drizzle-orm/sqlite-core';\n"
      "import { idCol } from './lib';\nimport { nameCol } from './cols.mjs';\nimport { score } from '../v/./more.js';\n"
      "export const t = sqliteTable('t', { id: idCol(), name: nameCol, score });\n",
      NULL};
  fixture f = extract_files(DZ_CASING_NONE, pairs);
  const dz_table *t = dz_schema_find_table(f.s, "t");
  DZ_CHECK(t && t->columns.len == 3);
  DZ_CHECK_INT(f.diags.len, 0);
  done(&f);
}

DZ_TEST(tables_are_ordered_by_file_then_commonjs_export_order_and_counted_once) {
  const char *pairs[] = {
      "/v/b.ts",
      "import { sqliteTable, int } from 'drizzle-orm/sqlite-core';\n"
      "export const zeta = sqliteTable('zeta', { id: int() });\n"
      "export const alpha = sqliteTable('alpha', { id: int() });\n",
      "/v/a.ts",
      "import { sqliteTable, int } from 'drizzle-orm/sqlite-core';\n"
      "export * from './b';\n"
      "export const mid = sqliteTable('mid', { id: int() });\n",
      NULL};
  fixture f = extract_files(DZ_CASING_NONE, pairs);
  DZ_CHECK_INT(f.s->tables.len, 3);
  if (f.s->tables.len == 3) {
    DZ_CHECK_STR(f.s->tables.items[0]->name, "alpha");
    DZ_CHECK_STR(f.s->tables.items[1]->name, "zeta");
    DZ_CHECK_STR(f.s->tables.items[2]->name, "mid");
  }
  done(&f);
  /* a module's own exports come first (sorted), then what `export *` brings */
  const char *swapped[] = {pairs[2], pairs[3], pairs[0], pairs[1], NULL};
  f = extract_files(DZ_CASING_NONE, swapped);
  DZ_CHECK_INT(f.s->tables.len, 3);
  if (f.s->tables.len == 3) {
    DZ_CHECK_STR(f.s->tables.items[0]->name, "mid");
    DZ_CHECK_STR(f.s->tables.items[1]->name, "alpha");
    DZ_CHECK_STR(f.s->tables.items[2]->name, "zeta");
  }
  done(&f);
}

DZ_TEST(views_from_sql_existing_and_query_builders) {
  fixture f = extract1(IMPORTS
      "export const users = sqliteTable('users', { id: integer(), name: text() });\n"
      "export const v1 = sqliteView('v1', { id: integer('id') }).as(sql`select ${users.id} from ${users} where ${users.name} = ${\"o'k\"}`);\n"
      "export const v2 = sqliteView('v2', { id: integer() }).existing();\n"
      "export const v3 = sqliteView('v3').as((qb) => qb.select().from(users));\n");
  DZ_CHECK_INT(f.s->views.len, 3);
  const dz_view *v1 = dz_schema_find_view(f.s, "v1");
  DZ_CHECK_STR(v1 ? v1->definition : NULL, "select \"users\".\"id\" from \"users\" where \"users\".\"name\" = 'o''k'");
  DZ_CHECK_STR(v1 ? v1->columns.items[0]->name : NULL, "id");
  const dz_view *v2 = dz_schema_find_view(f.s, "v2");
  DZ_CHECK(v2 && v2->is_existing && !v2->definition);
  const dz_view *v3 = dz_schema_find_view(f.s, "v3");
  DZ_CHECK_STR(v3 ? v3->definition : NULL, "select \"id\", \"name\" from \"users\"");
  done(&f);
}

DZ_TEST(sql_operators_render_as_drizzle_builds_them) {
  fixture f = extract1(IMPORTS
      "import { and, or, not, eq, ne, gt, gte, lt, lte, isNull, isNotNull, inArray, notInArray,\n"
      "  between, notBetween, like, notLike, asc, desc } from 'drizzle-orm';\n"
      "const MIN = 2; enum S { A = 'a' }\n"
      "export const o = sqliteTable('o', {\n"
      "  id: integer().primaryKey(), s: text().notNull(), q: integer(), d: integer(),\n"
      "  g: integer().generatedAlwaysAs((): any => or(eq(o.q, 1), isNull(o.d))),\n"
      "}, (t) => [\n"
      "  index('i1').on(t.s).where(and(eq(t.s, S.A), undefined, ne(t.q, MIN), gt(t.q, t.d))),\n"
      "  index('i2').on(t.s).where(and(isNotNull(t.d))),\n"
      "  index('i3').on(desc(t.q), asc(t.s)),\n"
      "  index('i4').on(t.q).where(inArray(t.q, [])),\n"
      "  check('c1', or(inArray(t.s, ['a', 'b']), notInArray(t.s, ['c']))!),\n"
      "  check('c2', and(between(t.q, 0, 9), notBetween(t.d, 1, 2), not(like(t.s, 'x%')), notLike(t.s, 'y'))!),\n"
      "  check('c3', sql`${gte(t.q, 0)} and ${lte(t.q, 5)} and ${lt(t.d, 7)}`),\n"
      "]);\n");
  const dz_table *t = dz_schema_find_table(f.s, "o");
  DZ_CHECK_INT(f.diags.len, 0);
  DZ_CHECK_INT(t->indexes.len, 4);
  DZ_CHECK_STR(t->indexes.items[0]->where, "(\"o\".\"s\" = ? and \"o\".\"q\" <> ? and \"o\".\"q\" > \"o\".\"d\")");
  DZ_CHECK_STR(t->indexes.items[1]->where, "\"o\".\"d\" is not null");
  DZ_CHECK_STR(t->indexes.items[2]->columns.items[0], "\"q\" desc");
  DZ_CHECK_STR(t->indexes.items[2]->columns.items[1], "\"s\" asc");
  DZ_CHECK_STR(t->indexes.items[3]->where, "false");
  DZ_CHECK_STR(t->checks.items[0]->value, "(\"o\".\"s\" in (?, ?) or \"o\".\"s\" not in (?))");
  DZ_CHECK_STR(t->checks.items[1]->value,
               "(\"o\".\"q\" between ? and ? and \"o\".\"d\" not between ? and ? and not \"o\".\"s\" like ? and \"o\".\"s\" not like ?)");
  DZ_CHECK_STR(t->checks.items[2]->value, "\"o\".\"q\" >= ? and \"o\".\"q\" <= ? and \"o\".\"d\" < ?");
  DZ_CHECK_STR(col(&f, "o", "g")->generated_as, "((\"q\" = ? or \"d\" is null))");
  done(&f);
}

DZ_TEST(operators_in_views_inline_values_through_the_column_encoder) {
  fixture f = extract1(IMPORTS
      "import { and, eq, gte, inArray } from 'drizzle-orm';\n"
      "export const u = sqliteTable('u', {\n"
      "  id: integer(), ok: integer({ mode: 'boolean' }), at: integer({ mode: 'timestamp' }),\n"
      "  ms: integer({ mode: 'timestamp_ms' }), j: text({ mode: 'json' }), n: numeric({ mode: 'number' }),\n"
      "  name: text(),\n"
      "});\n"
      "export const v1 = sqliteView('v1', { id: integer() }).as(sql`select 1 from ${u} where ${and(eq(u.ok, 'yes'),\n"
      "  gte(u.at, new Date('2024-01-01T00:00:01.900Z')), eq(u.ms, new Date(5)), eq(u.j, { a: \"it's\" }),\n"
      "  inArray(u.n, [1, 2]), eq(u.name, null))}`);\n"
      "export const v2 = sqliteView('v2', { id: integer() }).as(sql`select 1 where ${eq(u.name, new Date(0))}`);\n");
  const dz_view *v1 = dz_schema_find_view(f.s, "v1");
  DZ_CHECK_STR(v1 ? v1->definition : NULL,
               "select 1 from \"u\" where (\"u\".\"ok\" = 1 and \"u\".\"at\" >= 1704067201 and \"u\".\"ms\" = 5"
               " and \"u\".\"j\" = '{\"a\":\"it''s\"}' and \"u\".\"n\" in ('1', '2') and \"u\".\"name\" = null)");
  /* a Date in a text column would be inlined with toString(), which depends on the zone */
  DZ_CHECK(dz_schema_find_view(f.s, "v2") == NULL);
  DZ_CHECK(has_diag(&f, "v2"));
  done(&f);
}

DZ_TEST(operators_with_unknown_or_missing_arguments_are_reported) {
  fixture f = extract1(IMPORTS
      "import { eq, inArray } from 'drizzle-orm';\n"
      "declare const runtime: string;\n"
      "export const o = sqliteTable('o', { s: text() }, (t) => [\n"
      "  index('i1').on(t.s).where(eq(t.s, runtime)),\n"
      "  index('i2').on(t.s).where(eq(t.s)),\n"
      "  check('c1', inArray(t.s, process.env.LIST)),\n"
      "]);\n");
  const dz_table *t = dz_schema_find_table(f.s, "o");
  DZ_CHECK_INT(t->indexes.len, 0);
  DZ_CHECK_INT(t->checks.len, 0);
  DZ_CHECK(has_diag(&f, "`i1`"));
  DZ_CHECK(has_diag(&f, "`eq()` needs 2 arguments"));
  DZ_CHECK(has_diag(&f, "`c1`"));
  done(&f);
}

DZ_TEST(sql_with_type_arguments_is_still_drizzles_sql) {
  /* tree-sitter-typescript reads sql<T>`x` as (sql < T) > `x`, and
  ** () => sql<T>`x` as a call of the arrow function */
  fixture f = extract1(IMPORTS
      "export const t = sqliteTable('t', {\n"
      "  a: integer().default(sql<number>`(1)`),\n"
      "  b: text().default(sql<string | null>`'x'`),\n"
      "  c: integer().generatedAlwaysAs((): any => sql<Array<number>>`${t.a} + 1`),\n"
      "  d: integer().generatedAlwaysAs((x?: number) => sql<number>`2`),\n"
      "});\n"
      "const lt = 1 < 2 > 0;\n");
  DZ_CHECK_INT(f.diags.len, 0);
  DZ_CHECK_STR(col(&f, "t", "a")->def.text, "(1)");
  DZ_CHECK_STR(col(&f, "t", "b")->def.text, "'x'");
  DZ_CHECK_STR(col(&f, "t", "c")->generated_as, "(\"a\" + 1)");
  DZ_CHECK_STR(col(&f, "t", "d")->generated_as, "(2)");
  done(&f);
}

DZ_TEST(inline_params_and_sql_helpers) {
  fixture f = extract1(IMPORTS
      "import { eq } from 'drizzle-orm';\n"
      "export const t = sqliteTable('t', {\n"
      "  k: text().notNull(), n: integer().default(sql`${5}`.inlineParams()),\n"
      "  s: text().default(sql`${'x'}`.inlineParams()),\n"
      "}, (t) => [\n"
      "  check('c1', sql`${t.k} in ${['a', \"it's\"]}`.inlineParams()),\n"
      "  check('c2', sql`${t.n} > ${sql.param(0, t.n)}${sql.empty()}`),\n"
      "  check('c3', sql.fromList([sql`${t.n}`, sql.raw(' < 9')])),\n"
      "  index('i1').on(t.k).where(sql`${t.n} > 1`.if(false)),\n"
      "  index('i2').on(t.k).where(eq(t.k, 'a').inlineParams().if(1)),\n"
      "]);\n");
  const dz_table *t = dz_schema_find_table(f.s, "t");
  DZ_CHECK_STR(col(&f, "t", "n")->def.text, "5");
  /* drizzle-kit has no escapeString for defaults: an inlined string throws there */
  DZ_CHECK(col(&f, "t", "s")->def.kind == DZ_DEFAULT_NONE);
  DZ_CHECK(has_diag(&f, "`s`"));
  DZ_CHECK_STR(t->checks.items[0]->value, "\"t\".\"k\" in ('a', 'it''s')");
  DZ_CHECK_STR(t->checks.items[1]->value, "\"t\".\"n\" > ?");
  DZ_CHECK_STR(t->checks.items[2]->value, "\"t\".\"n\" < 9");
  DZ_CHECK(t->indexes.items[0]->where == NULL);
  DZ_CHECK_STR(t->indexes.items[1]->where, "\"t\".\"k\" = 'a'");
  done(&f);
}

DZ_TEST(array_and_string_methods_on_constants) {
  fixture f = extract1(IMPORTS
      "const L = ['a', 'b', 'c', null];\n"
      "export const t = sqliteTable('T'.toLowerCase(), {\n"
      "  a: text(L.slice(1, -1).map((x, i) => x + i).join('_')),\n"
      "  b: text(L.filter((x) => x !== 'b').concat(['z'], 'y').join()),\n"
      "  c: integer().default(L.includes(null) ? 1 : 0),\n"
      "  d: text(' Dd '.trim().toUpperCase()),\n"
      "  e: text().default('É'.toLowerCase()),\n"
      "  f: text().default(L.sort().join()),\n"
      "});\n");
  DZ_CHECK(dz_schema_find_table(f.s, "t") != NULL);
  col(&f, "t", "b0_c1");
  col(&f, "t", "a,c,,z,y");
  col(&f, "t", "DD");
  DZ_CHECK_STR(col(&f, "t", "c")->def.text, "1");
  /* non-ASCII case mapping and methods drizzle-lsp does not know are named, not guessed */
  DZ_CHECK(col(&f, "t", "e")->def.kind == DZ_DEFAULT_NONE);
  DZ_CHECK(col(&f, "t", "f")->def.kind == DZ_DEFAULT_NONE);
  DZ_CHECK(has_diag(&f, "'É'.toLowerCase()"));
  DZ_CHECK(has_diag(&f, "L.sort()"));
  done(&f);
}

DZ_TEST(query_builder_views_render_and_take_their_columns) {
  fixture f = extract1(IMPORTS
      "import { eq, desc } from 'drizzle-orm';\n"
      "export const u = sqliteTable('u', { id: integer().primaryKey(), name: text('full_name').default('x') });\n"
      "export const p = sqliteTable('p', { id: integer().primaryKey(), uid: integer('uid') });\n"
      "export const v1 = sqliteView('v1').as((qb) => qb.select().from(u).where(eq(u.name, \"o'k\")).limit(5));\n"
      "export const v2 = sqliteView('v2').as((qb) => qb.selectDistinct({ a: u.id, b: p.id, c: sql<number>`count(${p.id})`.as('c') })\n"
      "  .from(u).innerJoin(p, eq(p.uid, u.id)).groupBy(u.id).orderBy(desc(u.id)).offset(1));\n"
      "export const v3 = sqliteView('v3').as((qb) => qb.select({ id: p.id }).from(u));\n"
      "export const v4 = sqliteView('v4').as((qb) => qb.select().from(u).innerJoin(u, eq(u.id, u.id)));\n"
      "export const v5 = sqliteView('v5').as((qb) => qb.select().from(u).union(qb.select().from(u)));\n");
  const dz_view *v1 = dz_schema_find_view(f.s, "v1");
  DZ_CHECK_STR(v1 ? v1->definition : NULL,
               "select \"id\", \"full_name\" from \"u\" where \"u\".\"full_name\" = 'o''k' limit 5");
  DZ_CHECK_INT(v1 ? v1->columns.len : 0, 2);
  if (v1 && v1->columns.len == 2) {
    DZ_CHECK_STR(v1->columns.items[1]->name, "full_name");
    DZ_CHECK_STR(v1->columns.items[1]->def.text, "'x'");
    DZ_CHECK(v1->columns.items[0]->primary_key);
  }
  const dz_view *v2 = dz_schema_find_view(f.s, "v2");
  DZ_CHECK_STR(v2 ? v2->definition : NULL,
               "select distinct \"u\".\"id\", \"p\".\"id\", count(\"p\".\"id\") as \"c\" from \"u\" inner join \"p\" "
               "on \"p\".\"uid\" = \"u\".\"id\" group by \"u\".\"id\" order by \"u\".\"id\" desc offset 1");
  /* two fields named id: one view column, in the first place */
  DZ_CHECK_INT(v2 ? v2->columns.len : 0, 1);
  /* drizzle-orm throws on a field from a table not in the query, a table joined twice */
  DZ_CHECK(dz_schema_find_view(f.s, "v3") == NULL && has_diag(&f, "`id`"));
  DZ_CHECK(dz_schema_find_view(f.s, "v4") == NULL && has_diag(&f, "twice"));
  DZ_CHECK(dz_schema_find_view(f.s, "v5") == NULL && has_diag(&f, "`.union()`"));
  done(&f);
}

DZ_TEST(global_constants_are_known_or_named_never_undefined) {
  fixture f = extract1(IMPORTS
      "export const t = sqliteTable('t', {\n"
      "  a: integer().default(Number.MAX_SAFE_INTEGER), b: integer().default(2 ** 10),\n"
      "  c: real().default(Math.PI), d: integer().default(Number.EPSILON),\n"
      "});\n");
  DZ_CHECK_STR(col(&f, "t", "a")->def.text, "9007199254740991");
  DZ_CHECK_STR(col(&f, "t", "b")->def.text, "1024");
  DZ_CHECK(has_diag(&f, "`Math.PI` is not known"));
  DZ_CHECK(has_diag(&f, "`Number.EPSILON` is not known"));
  done(&f);
}

DZ_TEST(broken_typescript_still_yields_the_tables_that_parse) {
  fixture f = extract1(IMPORTS
      "export const ok1 = sqliteTable('ok1', { id: integer() });\n"
      "export const bad = sqliteTable('bad', { id: integer(, name: text( });\n"
      "export const ok2 = sqliteTable('ok2', { id: integer() });\n");
  DZ_CHECK(dz_schema_find_table(f.s, "ok1") != NULL);
  DZ_CHECK(dz_schema_find_table(f.s, "ok2") != NULL);
  DZ_CHECK(dz_schema_find_table(f.s, "bad") == NULL);
  DZ_CHECK(f.diags.len > 0);
  done(&f);
}

/* A file saved in Latin-1: read as drizzle-kit (Node) reads it, and said
** where, without counting as part of the schema left out. */
DZ_TEST(invalid_utf8_is_read_as_node_reads_it_and_named) {
  fixture f = extract1(IMPORTS
      "export const t = sqliteTable('caf\xe9', { id: integer() });\n"
      "export const u = sqliteTable('u\xff\xfe', { id: integer() });\n");
  DZ_CHECK_INT(f.s->tables.len, 2);
  DZ_CHECK_INT(f.diags.len, 1); /* one per file: the first place */
  if (f.diags.len) {
    DZ_CHECK_STR(f.diags.items[0].code, "invalid-utf8");
    DZ_CHECK_CONTAINS(f.diags.items[0].message, "byte 0xE9");
    DZ_CHECK_INT(f.diags.items[0].span.start.row, 2); /* after IMPORTS: the line of 'caf\xe9' */
  }
  DZ_CHECK_INT(dz_diags_schema_problems(&f.diags), 0);
  dz_diag_list syntax = {0};
  dz_diag_add(f.a, &syntax, DZ_SEV_WARNING, "syntax-error", dz_span_none(), "x");
  dz_diag_add(f.a, &syntax, DZ_SEV_WARNING, "tsconfig-unusable", dz_span_none(), "y");
  dz_diag_add(f.a, &syntax, DZ_SEV_INFO, "unresolved-construct", dz_span_none(), "z");
  DZ_CHECK_INT(dz_diags_schema_problems(&syntax), 1);
  done(&f);
}

DZ_TEST(hostile_identifiers_are_kept_verbatim_and_quoted_in_sql) {
  fixture f = extract1(IMPORTS
      "export const t = sqliteTable('ta`b\"le\\'', {\n"
      "  'co\"l': text('na`m\"e\\''),\n"
      "  'ünï名': text(),\n"
      "}, (x) => [index('i\"x').on(x['co\"l']).where(sql`${x['ünï名']} = 'q'`)]);\n");
  const dz_table *t = dz_schema_find_table(f.s, "ta`b\"le'");
  DZ_CHECK(t != NULL);
  if (!t) return done(&f);
  DZ_CHECK_STR(t->columns.items[0]->name, "na`m\"e'");
  DZ_CHECK_STR(t->columns.items[1]->name, "ünï名");
  DZ_CHECK_STR(t->indexes.items[0]->columns.items[0], "na`m\"e'");
  DZ_CHECK_STR(t->indexes.items[0]->where, "\"ta`b\"\"le'\".\"ünï名\" = 'q'");
  done(&f);
}

DZ_TEST(unresolvable_columns_and_imports_are_named_in_warnings) {
  fixture f = extract1(IMPORTS
      "import { makeCols } from '@acme/shared';\n"
      "const shared = { z: mystery() };\n"
      "export const t = sqliteTable('t', { id: integer(), ...makeCols(), x: mystery(), ...shared });\n"
      "export const u = sqliteTable('u', { ...shared });\n"
      "export const w = sqliteTable(tableName(), { id: integer() });\n"
      "export const env = sqliteTable(process.env.TABLE!, { id: integer() });\n"
      "export const usersRelations = relations(t, ({ many }) => ({ u: many(u) }));\n");
  const dz_table *t = dz_schema_find_table(f.s, "t");
  DZ_CHECK(t && t->columns.len == 1);
  DZ_CHECK(has_diag(&f, "@acme/shared"));
  DZ_CHECK(has_diag(&f, "mystery"));
  DZ_CHECK(has_diag(&f, "export `w` is left out"));
  DZ_CHECK(has_diag(&f, "`process` is only known when the schema runs"));
  DZ_CHECK(!has_diag(&f, "usersRelations")); /* not drizzle-kit's business */
  /* makeCols, mystery() in x, the shared z for each table using it, w, env */
  DZ_CHECK_INT(f.diags.len, 6);
  done(&f);
}

DZ_TEST(modules_can_be_rebuilt_one_at_a_time_from_an_existing_tree) {
  const char *a_src = IMPORTS "export const a = sqliteTable('a', { id: integer() });\n";
  const char *b1 = "import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\nimport { a } from './a';\n"
                   "export const b = sqliteTable('b', { aid: integer().references(() => a.id) });\n";
  const char *b2 = "import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\nimport { a } from './a';\n"
                   "export const b = sqliteTable('b', { aid: integer().references(() => a.id), t: text() });\n";
  dz_parser *p = dz_parser_new();
  TSTree *tree = dz_parser_parse(p, b1, strlen(b1), NULL, NULL);
  dz_module *mods[2] = {dz_module_extract("/v/a.ts", a_src, strlen(a_src), NULL, NULL),
                        dz_module_extract("/v/b.ts", b1, strlen(b1), tree, NULL)};
  dz_extract_options opt = {DZ_DIALECT_SQLITE, DZ_CASING_NONE, NULL};
  dz_arena *a = dz_arena_new();
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  DZ_CHECK_INT(dz_schema_link(mods, 2, &opt, NULL, NULL, a, &s, &diags, NULL), DZ_OK);
  DZ_CHECK_INT(dz_schema_find_table(s, "b")->columns.len, 1);
  DZ_CHECK_STR(dz_schema_find_table(s, "b")->foreign_keys.items[0]->table_to, "a");
  /* the editor changes b.ts: only its module is rebuilt */
  ts_tree_delete(tree);
  dz_module_free(mods[1]);
  mods[1] = dz_module_extract("/v/b.ts", b2, strlen(b2), NULL, NULL);
  DZ_CHECK_INT(dz_schema_link(mods, 2, &opt, NULL, NULL, a, &s, &diags, NULL), DZ_OK);
  DZ_CHECK_INT(dz_schema_find_table(s, "b")->columns.len, 2);
  DZ_CHECK_INT(diags.len, 0);
  /* a stale tree (of the longer b2) handed in with b1's text is not trusted */
  TSTree *stale = dz_parser_parse(p, b2, strlen(b2), NULL, NULL);
  dz_module_free(mods[1]);
  mods[1] = dz_module_extract("/v/b.ts", b1, strlen(b1), stale, NULL);
  ts_tree_delete(stale);
  DZ_CHECK_INT(dz_schema_link(mods, 2, &opt, NULL, NULL, a, &s, &diags, NULL), DZ_OK);
  DZ_CHECK_INT(dz_schema_find_table(s, "b")->columns.len, 1);
  dz_module_free(mods[0]);
  dz_module_free(mods[1]);
  dz_parser_free(p);
  dz_arena_free(a);
}

/* From a module's second link on, linking keeps the named children and
** fields it looks up with the module (its tree never changes): a further
** link looks up nothing again and gives the same schema, a first link keeps
** nothing (the CLI's), and an edited module, built afresh, starts over. */
static const char *linked_json(dz_module *const *mods, dz_arena *a) {
  dz_extract_options opt = {.dialect = DZ_DIALECT_SQLITE, .casing = DZ_CASING_NONE};
  dz_schema *s = NULL;
  dz_diag_list diags = {0};
  if (dz_schema_link(mods, 2, &opt, NULL, NULL, a, &s, &diags, NULL) != DZ_OK) return "";
  s->id = s->prev_id = DZ_ORIGIN_UUID;
  return dz_snapshot_write(s, a);
}

DZ_TEST(relinking_reuses_the_lookups_each_module_kept_and_an_edit_starts_afresh) {
  const char *a_src = IMPORTS
      "const cols = (p: string) => ({ id: integer().primaryKey(), [p + 'Name']: text({ length: 9 }) });\n"
      "export const a = sqliteTable('a', { ...cols('a') }, (t) => [index('a_i').on(t.id, t.aName)]);\n"
      "export const c = sqliteTable('c', { ...cols('c'), n: integer().default(3) });\n";
  const char *b1 = IMPORTS "import { a } from './a';\n"
                   "export const b = sqliteTable('b', { aid: integer().references(() => a.id) });\n";
  const char *b2 = IMPORTS "import { a, c } from './a';\n"
                   "export const b = sqliteTable('b', { aid: integer().references(() => a.id), "
                   "cid: integer().references(() => c.id) });\n";
  dz_module *mods[2] = {dz_module_extract("/v/a.ts", a_src, strlen(a_src), NULL, NULL),
                        dz_module_extract("/v/b.ts", b1, strlen(b1), NULL, NULL)};
  dz_arena *a = dz_arena_new();
  const char *first = linked_json(mods, a);
  DZ_CHECK_INT(mods[0]->walked->used, 0);
  DZ_CHECK_CONTAINS(first, "\"a_i\"");
  DZ_CHECK_STR(linked_json(mods, a), first);
  size_t kept = mods[0]->walked->used;
  DZ_CHECK(kept > 0 && mods[1]->walked->used > 0);
  DZ_CHECK_STR(linked_json(mods, a), first);
  DZ_CHECK_INT(mods[0]->walked->used, kept);
  dz_module_free(mods[1]);
  mods[1] = dz_module_extract("/v/b.ts", b2, strlen(b2), NULL, NULL);
  const char *edited = linked_json(mods, a);
  DZ_CHECK_INT(mods[1]->walked->used, 0);
  DZ_CHECK_CONTAINS(edited, "\"b_cid_c_id_fk\"");
  DZ_CHECK_CONTAINS(edited, "\"cName\"");
  DZ_CHECK_INT(mods[0]->walked->used, kept);
  DZ_CHECK_STR(linked_json(mods, a), edited);
  DZ_CHECK(mods[1]->walked->used > 0);
  /* the same text built again gives what a cold link gives */
  dz_module_free(mods[0]);
  mods[0] = dz_module_extract("/v/a.ts", a_src, strlen(a_src), NULL, NULL);
  DZ_CHECK_STR(linked_json(mods, a), edited);
  dz_module_free(mods[0]);
  dz_module_free(mods[1]);
  dz_arena_free(a);
}

DZ_TEST_MAIN
