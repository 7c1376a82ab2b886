/* test_snapshot.c — drizzle-kit's snapshot and journal files <-> the schema model.
**
** Inputs are written with ' for " and ^ for ' (see json()) to keep them readable. What
** drizzle-kit itself writes, byte for byte, is checked against the real
** drizzle-kit by tests/snapshot/roundtrip.test.mjs; here each field, each
** error and the formatting rules are pinned down one by one. */
#include "dz_test.h"
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/migrations.h"
#include "drizzle_lsp/snapshot.h"

#include <ctype.h>

/* text with every ' turned into " and every ^ into ', in a. */
static const char *json(dz_arena *a, const char *text) {
  char *s = dz_arena_strdup(a, text);
  for (char *p = s; *p; p++) {
    if (*p == '\'') *p = '"';
    else if (*p == '^') *p = '\'';
  }
  return s;
}

/* A whole snapshot around the given tables, views, renames and internal indexes. */
static const char *snapshot(dz_arena *a, const char *tables, const char *views,
                            const char *renamed_tables, const char *renamed_columns,
                            const char *internal) {
  return json(a, dz_arena_printf(
                     a,
                     "{'version':'6','dialect':'sqlite','id':'11111111-1111-4111-8111-111111111111',"
                     "'prevId':'00000000-0000-0000-0000-000000000000','tables':{%s},'views':{%s},"
                     "'enums':{},'_meta':{'schemas':{},'tables':{%s},'columns':{%s}},"
                     "'internal':{'indexes':{%s}}}",
                     tables, views, renamed_tables, renamed_columns, internal));
}

#define COL(name, type) "'" name "':{'name':'" name "','type':'" type "','primaryKey':false,'notNull':false,'autoincrement':false"
#define TABLE_TAIL "'indexes':{},'foreignKeys':{},'compositePrimaryKeys':{},'uniqueConstraints':{},'checkConstraints':{}"

static dz_schema *read_ok(dz_arena *a, const char *text) {
  dz_schema *s = NULL;
  dz_error err;
  dz_error_clear(&err);
  dz_result rc = dz_snapshot_read("meta/0001_snapshot.json", text, strlen(text), a, &s, &err);
  if (rc != DZ_OK) DZ_FAIL("read failed: %s", err.message);
  return s;
}

/* The error message of reading text, which must fail with DZ_ERR_SYNTAX. */
static const char *read_error(dz_arena *a, const char *text) {
  dz_schema *s = NULL;
  dz_error err;
  dz_error_clear(&err);
  dz_result rc = dz_snapshot_read("meta/0001_snapshot.json", text, strlen(text), a, &s, &err);
  if (rc != DZ_ERR_SYNTAX) DZ_FAIL("expected a syntax error, got %s", dz_result_name(rc));
  if (s) DZ_FAIL("a failed read still returned a schema");
  return dz_arena_strdup(a, err.message);
}

static const char *users_table(dz_arena *a, const char *columns_extra, const char *tail) {
  return dz_arena_printf(a, "'users':{'name':'users','columns':{" COL("id", "integer") "}%s},%s}",
                         columns_extra, tail);
}

/* ---- reading every field ------------------------------------------------ */

DZ_TEST(reads_ids_tables_and_every_column_field) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = read_ok(
      a, snapshot(a,
                  "'users':{'name':'users','columns':{"
                  "'id':{'name':'id','type':'integer','primaryKey':true,'notNull':true,'autoincrement':true},"
                  "'full':{'name':'full','type':'text','primaryKey':false,'notNull':false,'autoincrement':false,"
                  "'generated':{'as':'(\\'a\\' || \\'b\\')','type':'stored'}},"
                  "'v':{'name':'v','type':'text collate nocase','primaryKey':false,'notNull':true,'autoincrement':false,"
                  "'generated':{'as':'(1)','type':'virtual'}}},"
                  TABLE_TAIL "}",
                  "", "", "", ""));
  if (!s) goto done;
  DZ_CHECK_STR(s->id, "11111111-1111-4111-8111-111111111111");
  DZ_CHECK_STR(s->prev_id, "00000000-0000-0000-0000-000000000000");
  DZ_CHECK_INT(s->dialect, DZ_DIALECT_SQLITE);
  DZ_CHECK_INT(s->tables.len, 1);
  dz_table *t = s->tables.items[0];
  DZ_CHECK_STR(t->name, "users");
  DZ_CHECK(t->export_name == NULL);
  DZ_CHECK_INT(t->columns.len, 3);
  dz_column *id = t->columns.items[0], *full = t->columns.items[1], *v = t->columns.items[2];
  DZ_CHECK_STR(id->type, "integer");
  DZ_CHECK(id->primary_key && id->not_null && id->autoincrement);
  DZ_CHECK_INT(id->def.kind, DZ_DEFAULT_NONE);
  DZ_CHECK_INT(id->generated, DZ_GENERATED_NONE);
  DZ_CHECK(!full->primary_key && !full->not_null && !full->autoincrement);
  DZ_CHECK_INT(full->generated, DZ_GENERATED_STORED);
  DZ_CHECK_STR(full->generated_as, "(\"a\" || \"b\")");
  DZ_CHECK_STR(v->type, "text collate nocase");
  DZ_CHECK_INT(v->generated, DZ_GENERATED_VIRTUAL);
  DZ_CHECK_INT(id->span.file, DZ_NO_FILE);
done:
  dz_arena_free(a);
}

DZ_TEST(defaults_keep_their_json_type) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = read_ok(
      a, snapshot(a,
                  "'t':{'name':'t','columns':{"
                  COL("n", "integer") ",'default':42},"
                  COL("r", "real") ",'default':1.5},"
                  COL("big", "real") ",'default':1e+21},"
                  COL("tiny", "real") ",'default':1e-7},"
                  COL("neg", "real") ",'default':-0},"
                  COL("huge", "integer") ",'default':123456789012345678901234567890},"
                  COL("b", "integer") ",'default':true},"
                  COL("f", "integer") ",'default':false},"
                  COL("s", "text") ",'default':'^it^^s^'},"
                  COL("j", "text") ",'default':'^{\\'a\\':[1]}^'},"
                  COL("e", "integer") ",'default':'(unixepoch())'}},"
                  TABLE_TAIL "}",
                  "", "", "", ""));
  if (!s) goto done;
  dz_column **c = s->tables.items[0]->columns.items;
  DZ_CHECK_INT(c[0]->def.kind, DZ_DEFAULT_NUMBER);
  DZ_CHECK_STR(c[0]->def.text, "42");
  DZ_CHECK_STR(c[1]->def.text, "1.5");
  DZ_CHECK_STR(c[2]->def.text, "1e+21");
  DZ_CHECK_STR(c[3]->def.text, "1e-7");
  DZ_CHECK_STR(c[4]->def.text, "0"); /* JSON.stringify(-0) */
  DZ_CHECK_STR(c[5]->def.text, "1.2345678901234568e+29");
  DZ_CHECK_INT(c[6]->def.kind, DZ_DEFAULT_BOOL);
  DZ_CHECK_STR(c[6]->def.text, "true");
  DZ_CHECK_INT(c[7]->def.kind, DZ_DEFAULT_BOOL);
  DZ_CHECK_STR(c[7]->def.text, "false");
  DZ_CHECK_INT(c[8]->def.kind, DZ_DEFAULT_SQL);
  DZ_CHECK_STR(c[8]->def.text, "'it''s'");
  DZ_CHECK_STR(c[9]->def.text, "'{\"a\":[1]}'");
  DZ_CHECK_STR(c[10]->def.text, "(unixepoch())");
  const char *out = dz_snapshot_write(s, a);
  DZ_CHECK_CONTAINS(out, "\"default\": 42\n");
  DZ_CHECK_CONTAINS(out, "\"default\": 1e+21\n");
  DZ_CHECK_CONTAINS(out, "\"default\": 0\n");
  DZ_CHECK_CONTAINS(out, "\"default\": true\n");
  DZ_CHECK_CONTAINS(out, "\"default\": \"'it''s'\"\n");
  DZ_CHECK_CONTAINS(out, "\"default\": \"'{\\\"a\\\":[1]}'\"\n");
done:
  dz_arena_free(a);
}

DZ_TEST(indexes_with_unique_where_and_expression_parts) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = read_ok(
      a, snapshot(a,
                  users_table(a, "",
                              "'indexes':{"
                              "'plain':{'name':'plain','columns':['id'],'isUnique':false},"
                              "'uq':{'name':'uq','columns':['id'],'isUnique':true},"
                              "'part':{'name':'part','columns':['id'],'isUnique':false,'where':'\\'users\\'.\\'id\\' > 5'},"
                              "'expr':{'name':'expr','columns':['lower(\\'id\\')','id'],'isUnique':false}},"
                              "'foreignKeys':{},'compositePrimaryKeys':{}"),
                  "", "", "",
                  "'expr':{'columns':{'lower(\\'id\\')':{'isExpression':true}}}"));
  if (!s) goto done;
  dz_table *t = s->tables.items[0];
  DZ_CHECK_INT(t->indexes.len, 4);
  dz_index *plain = dz_table_find_index(t, "plain"), *uq = dz_table_find_index(t, "uq");
  dz_index *part = dz_table_find_index(t, "part"), *expr = dz_table_find_index(t, "expr");
  DZ_CHECK(plain && uq && part && expr);
  if (!plain || !uq || !part || !expr) goto done;
  DZ_CHECK(!plain->unique && uq->unique);
  DZ_CHECK(plain->where == NULL);
  DZ_CHECK_STR(part->where, "\"users\".\"id\" > 5");
  DZ_CHECK_INT(expr->columns.len, 2);
  DZ_CHECK_INT(expr->expression.len, 2);
  DZ_CHECK_STR(expr->columns.items[0], "lower(\"id\")");
  DZ_CHECK(expr->expression.items[0]);
  DZ_CHECK(!expr->expression.items[1]);
  DZ_CHECK_INT(plain->expression.len, 1);
  DZ_CHECK(!plain->expression.items[0]);
  /* written back: the expression part is recorded in internal.indexes again */
  DZ_CHECK_CONTAINS(dz_snapshot_write(s, a),
                    "\"internal\": {\n    \"indexes\": {\n      \"expr\": {\n        \"columns\": {\n"
                    "          \"lower(\\\"id\\\")\": {\n            \"isExpression\": true\n");
done:
  dz_arena_free(a);
}

DZ_TEST(foreign_keys_composite_keys_uniques_and_checks) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = read_ok(
      a, snapshot(a,
                  users_table(a, "",
                              "'indexes':{},'foreignKeys':{"
                              "'fk1':{'name':'fk1','tableFrom':'users','tableTo':'orgs','columnsFrom':['id','id'],"
                              "'columnsTo':['a','b'],'onDelete':'cascade','onUpdate':'set null'},"
                              "'fk2':{'name':'fk2','tableFrom':'users','tableTo':'orgs','columnsFrom':['id'],'columnsTo':['a']}},"
                              "'compositePrimaryKeys':{'users_id_id_pk':{'columns':['id','id'],'name':'users_id_id_pk'},"
                              "'nameless':{'columns':['id']}},"
                              "'uniqueConstraints':{'u1':{'name':'u1','columns':['id']}},"
                              "'checkConstraints':{'c1':{'name':'c1','value':'\\'users\\'.\\'id\\' > 0'}}"),
                  "", "", "", ""));
  if (!s) goto done;
  dz_table *t = s->tables.items[0];
  DZ_CHECK_INT(t->foreign_keys.len, 2);
  dz_foreign_key *fk = t->foreign_keys.items[0];
  DZ_CHECK_STR(fk->name, "fk1");
  DZ_CHECK_STR(fk->table_from, "users");
  DZ_CHECK_STR(fk->table_to, "orgs");
  DZ_CHECK_INT(fk->columns_from.len, 2);
  DZ_CHECK_STR(fk->columns_to.items[1], "b");
  DZ_CHECK_STR(fk->on_delete, "cascade");
  DZ_CHECK_STR(fk->on_update, "set null");
  DZ_CHECK(t->foreign_keys.items[1]->on_delete == NULL); /* optional in drizzle-kit's schema */
  DZ_CHECK_INT(t->primary_keys.len, 2);
  DZ_CHECK_STR(t->primary_keys.items[0]->name, "users_id_id_pk");
  DZ_CHECK_INT(t->primary_keys.items[0]->columns.len, 2);
  DZ_CHECK_STR(t->primary_keys.items[1]->name, "nameless"); /* an absent name is its key */
  DZ_CHECK_INT(t->uniques.len, 1);
  DZ_CHECK_STR(t->uniques.items[0]->columns.items[0], "id");
  DZ_CHECK_INT(t->checks.len, 1);
  DZ_CHECK_STR(t->checks.items[0]->value, "\"users\".\"id\" > 0");
  const char *out = dz_snapshot_write(s, a);
  DZ_CHECK_CONTAINS(out, "\"onDelete\": \"cascade\",\n          \"onUpdate\": \"set null\"\n");
  DZ_CHECK_CONTAINS(out, "\"columnsTo\": [\n            \"a\"\n          ]\n        }\n      },");
  DZ_CHECK_CONTAINS(out, "\"users_id_id_pk\": {\n          \"columns\": [\n");
  DZ_CHECK_CONTAINS(out, "\"u1\": {\n          \"name\": \"u1\",\n          \"columns\": [");
done:
  dz_arena_free(a);
}

DZ_TEST(optional_table_parts_default_to_empty) {
  dz_arena *a = dz_arena_new();
  /* drizzle-kit's schema lets uniqueConstraints, checkConstraints, views,
  ** internal and a column's autoincrement be absent */
  const char *text = json(a, "{'version':'6','dialect':'sqlite','id':'x','prevId':'y',"
                             "'tables':{'t':{'name':'t','columns':{'c':{'name':'c','type':'text',"
                             "'primaryKey':false,'notNull':false}},'indexes':{},'foreignKeys':{},"
                             "'compositePrimaryKeys':{}}},'enums':{},'_meta':{'tables':{},'columns':{}}}");
  dz_schema *s = read_ok(a, text);
  if (!s) goto done;
  DZ_CHECK_INT(s->views.len, 0);
  DZ_CHECK_INT(s->tables.items[0]->uniques.len, 0);
  DZ_CHECK(!s->tables.items[0]->columns.items[0]->autoincrement);
  const char *out = dz_snapshot_write(s, a);
  DZ_CHECK_CONTAINS(out, "\"autoincrement\": false\n");
  DZ_CHECK_CONTAINS(out, "\"uniqueConstraints\": {},\n      \"checkConstraints\": {}\n");
  DZ_CHECK_CONTAINS(out, "\"internal\": {\n    \"indexes\": {}\n  }\n}");
done:
  dz_arena_free(a);
}

DZ_TEST(views_with_columns_definition_and_existing) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = read_ok(
      a, snapshot(a, "",
                  "'v1':{'columns':{" COL("id", "integer") "}},'name':'v1','isExisting':false,"
                  "'definition':'select \\'id\\' from \\'users\\''},"
                  "'v2':{'columns':{},'name':'v2','isExisting':true}",
                  "", "", ""));
  if (!s) goto done;
  DZ_CHECK_INT(s->views.len, 2);
  dz_view *v1 = s->views.items[0], *v2 = s->views.items[1];
  DZ_CHECK_STR(v1->name, "v1");
  DZ_CHECK_INT(v1->columns.len, 1);
  DZ_CHECK_STR(v1->columns.items[0]->type, "integer");
  DZ_CHECK(!v1->is_existing);
  DZ_CHECK_STR(v1->definition, "select \"id\" from \"users\"");
  DZ_CHECK(v2->is_existing);
  DZ_CHECK(v2->definition == NULL);
  DZ_CHECK_CONTAINS(dz_snapshot_write(s, a),
                    "\"v2\": {\n      \"columns\": {},\n      \"name\": \"v2\",\n      \"isExisting\": true\n    }");
done:
  dz_arena_free(a);
}

DZ_TEST(renames_come_from_meta_in_order) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = read_ok(
      a, snapshot(a, "", "", "'\\'users\\'':'\\'people\\'','\\'a\\'':'\\'b\\''",
                  "'\\'people\\'.\\'name\\'':'\\'people\\'.\\'full_name\\''", ""));
  if (!s) goto done;
  DZ_CHECK_INT(s->renamed_tables.len, 2);
  DZ_CHECK_STR(s->renamed_tables.items[0].from, "\"users\"");
  DZ_CHECK_STR(s->renamed_tables.items[0].to, "\"people\"");
  DZ_CHECK_STR(s->renamed_tables.items[1].from, "\"a\"");
  DZ_CHECK_INT(s->renamed_columns.len, 1);
  DZ_CHECK_STR(s->renamed_columns.items[0].from, "\"people\".\"name\"");
  DZ_CHECK_STR(s->renamed_columns.items[0].to, "\"people\".\"full_name\"");
  DZ_CHECK_CONTAINS(dz_snapshot_write(s, a),
                    "\"_meta\": {\n    \"schemas\": {},\n    \"tables\": {\n"
                    "      \"\\\"users\\\"\": \"\\\"people\\\"\",\n      \"\\\"a\\\"\": \"\\\"b\\\"\"\n    },\n"
                    "    \"columns\": {\n      \"\\\"people\\\".\\\"name\\\"\": \"\\\"people\\\".\\\"full_name\\\"\"\n    }\n  }");
done:
  dz_arena_free(a);
}

/* ---- writing ------------------------------------------------------------ */

DZ_TEST(written_snapshot_reads_back_to_the_same_text) {
  dz_arena *a = dz_arena_new();
  const char *text = snapshot(
      a,
      "'users':{'name':'users','columns':{" COL("id", "integer") ",'default':1.5,"
      "'generated':{'as':'(1)','type':'virtual'}}},'indexes':{'e':{'name':'e','columns':['(1)'],"
      "'isUnique':true,'where':'x'}},'foreignKeys':{},'compositePrimaryKeys':{},'uniqueConstraints':{},"
      "'checkConstraints':{}}",
      "'v':{'columns':{},'name':'v','isExisting':false,'definition':'select 1'}", "'\\'a\\'':'\\'b\\''",
      "", "'e':{'columns':{'(1)':{'isExpression':true}}}");
  dz_schema *s = read_ok(a, text);
  if (!s) goto done;
  const char *once = dz_snapshot_write(s, a);
  dz_schema *again = read_ok(a, once);
  if (!again) goto done;
  DZ_CHECK_STR(dz_snapshot_write(again, a), once);
  /* JSON.stringify(x, null, 2): two-space indentation, "key": value, no final newline */
  DZ_CHECK(strncmp(once, "{\n  \"version\": \"6\",\n  \"dialect\": \"sqlite\",\n  \"id\": ", 48) == 0);
  DZ_CHECK(once[strlen(once) - 1] == '}');
  DZ_CHECK_CONTAINS(once, "\"enums\": {},\n");
  /* drizzle-kit's serializer puts generated before default */
  DZ_CHECK_CONTAINS(once, "\"autoincrement\": false,\n          \"generated\": {\n"
                          "            \"as\": \"(1)\",\n            \"type\": \"virtual\"\n          },\n"
                          "          \"default\": 1.5\n");
  DZ_CHECK_CONTAINS(once, "\"isUnique\": true,\n          \"where\": \"x\"\n");
done:
  dz_arena_free(a);
}

DZ_TEST(model_built_in_code_is_written_with_drizzle_kit_key_order) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_TURSO);
  s->id = "id-1";
  s->prev_id = DZ_ORIGIN_UUID;
  dz_table *t = dz_schema_add_table(s, "t");
  dz_column *c = dz_table_add_column(s, t, "n");
  c->type = "real";
  c->def = (dz_default){DZ_DEFAULT_NUMBER, "1.50"}; /* written as JavaScript prints the number */
  dz_table_add_column(s, t, "2")->type = "text";   /* array-index keys come first */
  const char *out = dz_snapshot_write(s, a);
  DZ_CHECK_CONTAINS(out, "\"dialect\": \"sqlite\""); /* turso projects too */
  DZ_CHECK_CONTAINS(out, "\"default\": 1.5\n");
  const char *two = strstr(out, "\"2\": {"), *n = strstr(out, "\"n\": {");
  DZ_CHECK(two && n && two < n);
  DZ_CHECK_CONTAINS(out, "\"name\": \"n\",\n          \"type\": \"real\",\n          \"primaryKey\": false,\n"
                         "          \"notNull\": false,\n          \"autoincrement\": false,\n");
  dz_arena_free(a);
}

DZ_TEST(hostile_names_round_trip) {
  dz_arena *a = dz_arena_new();
  const char *names[] = {"a\"b", "back`tick", "it's", "ünï 😀", "tab\tnl\ncr\rbs\\", "\x01\x1f\x7f",
                         "a.b", "0", "01", "\xe2\x80\xa8"};
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  s->id = "i";
  s->prev_id = "p";
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    dz_table *t = dz_schema_add_table(s, names[i]);
    dz_column *c = dz_table_add_column(s, t, names[i]);
    c->type = names[i];
    c->def = (dz_default){DZ_DEFAULT_SQL, names[i]};
    dz_index *ix = dz_table_add_index(s, t, names[i]);
    dz_strvec_push(s, &ix->columns, names[i]);
    dz_vec_push(a, &ix->expression, true);
  }
  const char *out = dz_snapshot_write(s, a);
  DZ_CHECK_CONTAINS(out, "\"a\\\"b\": {");
  DZ_CHECK_CONTAINS(out, "\"tab\\tnl\\ncr\\rbs\\\\\"");
  DZ_CHECK_CONTAINS(out, "\"\\u0001\\u001f\x7f\""); /* lower-case \u, DEL kept as is */
  DZ_CHECK_CONTAINS(out, "\"ünï 😀\"");              /* non-ASCII is not escaped */
  DZ_CHECK_CONTAINS(out, "\"\xe2\x80\xa8\"");        /* nor U+2028 */
  dz_schema *back = read_ok(a, out);
  if (!back) goto done;
  DZ_CHECK_INT(back->tables.len, sizeof names / sizeof names[0]);
  for (size_t i = 0; i < back->tables.len; i++) {
    dz_table *t = dz_schema_find_table(back, names[i]);
    DZ_CHECK(t != NULL);
    if (!t) continue;
    DZ_CHECK_STR(t->columns.items[0]->def.text, names[i]);
    DZ_CHECK(t->indexes.items[0]->expression.items[0]);
  }
  DZ_CHECK_STR(back->tables.items[0]->name, "0"); /* JavaScript's key order */
  DZ_CHECK_STR(dz_snapshot_write(back, a), out);
done:
  dz_arena_free(a);
}

DZ_TEST(invalid_utf8_in_the_model_is_written_as_replacement_characters) {
  dz_arena *a = dz_arena_new();
  dz_schema *s = dz_schema_new(a, DZ_DIALECT_SQLITE);
  s->id = s->prev_id = "x";
  dz_table_add_column(s, dz_schema_add_table(s, "bad\xff\xe2\x82!"), "c")->type = "\xed\xa0\x80";
  const char *out = dz_snapshot_write(s, a);
  DZ_CHECK_CONTAINS(out, "\"bad\xef\xbf\xbd\xef\xbf\xbd!\": {");
  DZ_CHECK_CONTAINS(out, "\"type\": \"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
  DZ_CHECK(read_ok(a, out) != NULL);
  dz_arena_free(a);
}

DZ_TEST(numbers_print_as_javascript_prints_them) {
  char buf[DZ_JS_NUMBER_MAX];
  DZ_CHECK_STR(dz_js_number(1.5, buf), "1.5");
  DZ_CHECK_STR(dz_js_number(42, buf), "42");
  DZ_CHECK_STR(dz_js_number(-0.0, buf), "0");
  DZ_CHECK_STR(dz_js_number(1e21, buf), "1e+21");
  DZ_CHECK_STR(dz_js_number(1e20, buf), "100000000000000000000");
  DZ_CHECK_STR(dz_js_number(1e-7, buf), "1e-7");
  DZ_CHECK_STR(dz_js_number(0.000001, buf), "0.000001");
  DZ_CHECK_STR(dz_js_number(0.1 + 0.2, buf), "0.30000000000000004");
  DZ_CHECK_STR(dz_js_number(-123.456e-10, buf), "-1.23456e-8");
  DZ_CHECK_STR(dz_js_number(5e-324, buf), "5e-324");
  DZ_CHECK_STR(dz_js_number(1.7976931348623157e308, buf), "1.7976931348623157e+308");
  DZ_CHECK_STR(dz_js_number(1.0 / 0.0, buf), "null");
  /* 2^-1017: next to a power of two the shortest digits are not the
  ** correctly rounded ones (%.16e gives ...2230444e-307) */
  DZ_CHECK_STR(dz_js_number(7.120236347223045e-307, buf), "7.120236347223045e-307");
  /* whole numbers on either side of 2^53, where the integer fast path stops */
  DZ_CHECK_STR(dz_js_number(-7, buf), "-7");
  DZ_CHECK_STR(dz_js_number(1e15, buf), "1000000000000000");
  DZ_CHECK_STR(dz_js_number(4503599627370497.0, buf), "4503599627370497");
  DZ_CHECK_STR(dz_js_number(9007199254740991.0, buf), "9007199254740991");
  DZ_CHECK_STR(dz_js_number(-9007199254740991.0, buf), "-9007199254740991");
  DZ_CHECK_STR(dz_js_number(9007199254740992.0, buf), "9007199254740992");
  DZ_CHECK_STR(dz_js_number(-9007199254740992.0, buf), "-9007199254740992");
  DZ_CHECK_STR(dz_js_number(9007199254740994.0, buf), "9007199254740994");
}

/* ---- errors ------------------------------------------------------------- */

DZ_TEST(invalid_json_names_the_file_line_and_column) {
  dz_arena *a = dz_arena_new();
  const char *msg = read_error(a, "{\n  \"version\": \"6\",\n  \"dialect\": }");
  DZ_CHECK_CONTAINS(msg, "meta/0001_snapshot.json:3:");
  DZ_CHECK_CONTAINS(msg, "invalid JSON");
  DZ_CHECK_CONTAINS(read_error(a, ""), "meta/0001_snapshot.json:1:0: invalid JSON");
  DZ_CHECK_CONTAINS(read_error(a, "{\"a\": \"\\u0000\"}"), "\\u0000 (NUL)");
  DZ_CHECK_CONTAINS(read_error(a, "{\"a\": \"\xff\"}"), "meta/0001_snapshot.json:1:");
  DZ_CHECK_CONTAINS(read_error(a, "{\"a\": \"\xff\"}"), "not valid UTF-8");
  DZ_CHECK_CONTAINS(read_error(a, "[]"), "the document must be an object, not an array");
  dz_arena_free(a);
}

DZ_TEST(other_versions_and_dialects_are_refused_with_a_way_out) {
  dz_arena *a = dz_arena_new();
  DZ_CHECK_CONTAINS(read_error(a, "{\"version\":\"5\",\"dialect\":\"sqlite\"}"), "drizzle-kit up");
  DZ_CHECK_CONTAINS(read_error(a, "{\"version\":\"7\",\"dialect\":\"sqlite\"}"),
                    "meta/0001_snapshot.json: version is \"7\"; drizzle-lsp reads SQLite snapshots of version \"6\"");
  DZ_CHECK_CONTAINS(read_error(a, "{\"version\":6,\"dialect\":\"sqlite\"}"),
                    "version must be a string, not a number");
  DZ_CHECK_CONTAINS(read_error(a, "{\"dialect\":\"sqlite\"}"), "version is missing");
  DZ_CHECK_CONTAINS(read_error(a, "{\"version\":\"7\",\"dialect\":\"postgresql\"}"), "version is \"7\"");
  DZ_CHECK_CONTAINS(read_error(a, "{\"version\":\"6\",\"dialect\":\"turso\"}"),
                    "dialect is \"turso\"; drizzle-lsp reads SQLite snapshots, whose dialect is \"sqlite\"");
  dz_arena_free(a);
}

DZ_TEST(mistyped_missing_and_unknown_fields_name_their_path) {
  dz_arena *a = dz_arena_new();
  struct {
    const char *tables, *want;
  } cases[] = {
      {"'users':{'name':'users','columns':{'id':{'name':'id','type':'integer','primaryKey':false,"
       "'notNull':'yes'}}," TABLE_TAIL "}",
       "meta/0001_snapshot.json: tables.users.columns.id.notNull must be a boolean, not a string"},
      {"'users':{'name':'users','columns':{'id':{'name':'id','primaryKey':false,'notNull':true}}," TABLE_TAIL "}",
       "tables.users.columns.id.type is missing"},
      {"'users':{'name':'users','columns':{" COL("id", "integer") ",'colour':1}}," TABLE_TAIL "}",
       "tables.users.columns.id has an unknown field \"colour\""},
      {"'users':{'name':'people','columns':{}," TABLE_TAIL "}",
       "tables.users has the name \"people\", which differs from its key"},
      {"'users':{'name':'users','columns':{" COL("id", "integer") ",'default':null}}," TABLE_TAIL "}",
       "tables.users.columns.id.default must be a string, number or boolean, not null"},
      {"'users':{'name':'users','columns':{" COL("id", "integer") ",'generated':{'as':'1','type':'always'}}},"
       TABLE_TAIL "}",
       "tables.users.columns.id.generated.type must be \"stored\" or \"virtual\", not \"always\""},
      {"'users':{'name':'users','columns':{},'indexes':{'i':{'name':'i','columns':['a',2],'isUnique':false}},"
       "'foreignKeys':{},'compositePrimaryKeys':{}}",
       "tables.users.indexes.i.columns[1] must be a string, not a number"},
      {"'users':{'name':'users','columns':{},'indexes':{},'foreignKeys':{'f':{'name':'f','tableFrom':'users',"
       "'columnsFrom':[],'columnsTo':[]}},'compositePrimaryKeys':{}}",
       "tables.users.foreignKeys.f.tableTo is missing"},
      {"'users':{'name':'users','columns':{},'indexes':{},'foreignKeys':{}}",
       "tables.users.compositePrimaryKeys is missing"},
      {"'a.b':{'name':'a.b','columns':[]," TABLE_TAIL "}",
       "tables[\"a.b\"].columns must be an object, not an array"},
      {"'users':{'name':'users','columns':{},'indexes':{},'foreignKeys':{},'compositePrimaryKeys':{},"
       "'checkConstraints':{'c':{'name':'c'}}}",
       "tables.users.checkConstraints.c.value is missing"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    DZ_CHECK_CONTAINS(read_error(a, snapshot(a, cases[i].tables, "", "", "", "")), cases[i].want);
  DZ_CHECK_CONTAINS(read_error(a, snapshot(a, "", "'v':{'columns':{},'name':'v'}", "", "", "")),
                    "views.v.isExisting is missing");
  DZ_CHECK_CONTAINS(read_error(a, snapshot(a, "", "", "'a':1", "", "")),
                    "_meta.tables.a must be a string, not a number");
  DZ_CHECK_CONTAINS(read_error(a, snapshot(a, "", "", "", "", "'e':{'columns':{'x':{'isExpression':1}}}")),
                    "internal.indexes.e.columns.x.isExpression must be a boolean, not a number");
  const char *extra = json(a, "{'version':'6','dialect':'sqlite','id':'x','prevId':'y','tables':{},"
                              "'enums':{},'_meta':{'tables':{},'columns':{}},'extra':1}");
  DZ_CHECK_CONTAINS(read_error(a, extra), "the document has an unknown field \"extra\"");
  const char *ctl = json(a, "{'version':'6','dialect':'sqlite','id':'x','prevId':'y','tables':{"
                            "'a\\n\\'':{'name':'b'}}}");
  DZ_CHECK_CONTAINS(read_error(a, ctl), "tables[\"a\\n\\\"\"] has the name \"b\", which differs");
  dz_arena_free(a);
}

/* ---- the journal -------------------------------------------------------- */

static const char *journal_error(dz_arena *a, const char *text) {
  dz_journal *j = NULL;
  dz_error err;
  dz_error_clear(&err);
  const char *t = json(a, text);
  if (dz_journal_read("meta/_journal.json", t, strlen(t), a, &j, &err) != DZ_ERR_SYNTAX)
    DZ_FAIL("expected a syntax error for %s", t);
  return dz_arena_strdup(a, err.message);
}

DZ_TEST(journal_reads_every_field_and_writes_it_back) {
  dz_arena *a = dz_arena_new();
  const char *text = json(a, "{'version':'7','dialect':'sqlite','entries':["
                             "{'idx':0,'version':'6','when':1700000000000,'tag':'0000_x','breakpoints':true},"
                             "{'idx':1,'version':'6','when':1700000000001,'tag':'0001_y','breakpoints':false}]}");
  dz_journal *j = NULL;
  dz_error err;
  dz_error_clear(&err);
  DZ_CHECK_INT(dz_journal_read("meta/_journal.json", text, strlen(text), a, &j, &err), DZ_OK);
  if (!j) {
    DZ_FAIL("%s", err.message);
    goto done;
  }
  DZ_CHECK_STR(j->version, "7");
  DZ_CHECK_STR(j->dialect, "sqlite");
  DZ_CHECK_INT(j->entries.len, 2);
  DZ_CHECK_INT(j->entries.items[0].idx, 0);
  DZ_CHECK_STR(j->entries.items[0].version, "6");
  DZ_CHECK_INT(j->entries.items[0].when, 1700000000000LL);
  DZ_CHECK_STR(j->entries.items[1].tag, "0001_y");
  DZ_CHECK(j->entries.items[0].breakpoints && !j->entries.items[1].breakpoints);
  DZ_CHECK_STR(dz_journal_write(j, a),
               "{\n  \"version\": \"7\",\n  \"dialect\": \"sqlite\",\n  \"entries\": [\n    {\n"
               "      \"idx\": 0,\n      \"version\": \"6\",\n      \"when\": 1700000000000,\n"
               "      \"tag\": \"0000_x\",\n      \"breakpoints\": true\n    },\n    {\n"
               "      \"idx\": 1,\n      \"version\": \"6\",\n      \"when\": 1700000000001,\n"
               "      \"tag\": \"0001_y\",\n      \"breakpoints\": false\n    }\n  ]\n}");
  dz_journal empty = {"7", "sqlite", {0}};
  DZ_CHECK_STR(dz_journal_write(&empty, a),
               "{\n  \"version\": \"7\",\n  \"dialect\": \"sqlite\",\n  \"entries\": []\n}");
done:
  dz_arena_free(a);
}

DZ_TEST(journal_errors_name_the_entry_and_field) {
  dz_arena *a = dz_arena_new();
#define ENTRY(fields) "{'version':'7','dialect':'sqlite','entries':[{" fields "}]}"
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':-1,'version':'6','when':1,'tag':'t','breakpoints':true")),
                    "meta/_journal.json: entries[0].idx must be a whole number from 0 to");
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':0,'version':'6','when':'1','tag':'t','breakpoints':true")),
                    "entries[0].when must be a number, not a string");
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':0.5,'version':'6','when':1,'tag':'t','breakpoints':true")),
                    "entries[0].idx must be a whole number");
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':0,'version':'6','when':1,'breakpoints':true")),
                    "entries[0].tag is missing");
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':0,'version':'6','when':1,'tag':'../x','breakpoints':true")),
                    "entries[0].tag must be a file name (without .sql), not \"../x\"");
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':0,'version':'6','when':1,'tag':'t','breakpoints':1")),
                    "entries[0].breakpoints must be a boolean, not a number");
  DZ_CHECK_CONTAINS(journal_error(a, ENTRY("'idx':0,'version':'6','when':1,'tag':'t','breakpoints':true,'x':1")),
                    "entries[0] has an unknown field \"x\"");
#undef ENTRY
  DZ_CHECK_CONTAINS(journal_error(a, "{'version':'7','dialect':'postgresql','entries':[]}"),
                    "dialect is \"postgresql\"");
  DZ_CHECK_CONTAINS(journal_error(a, "{'version':'7','dialect':'sqlite','entries':{}}"),
                    "entries must be an array, not an object");
  DZ_CHECK_CONTAINS(journal_error(a, "{'version':'7','dialect':'sqlite','entries':[1]}"),
                    "entries[0] must be an object, not a number");
  DZ_CHECK_CONTAINS(journal_error(a, "{'version':'7','dialect':'sqlite',"),
                    "meta/_journal.json:1:");
  dz_arena_free(a);
}

DZ_TEST(journal_accepts_turso_as_its_dialect) {
  dz_arena *a = dz_arena_new();
  const char *text = json(a, "{'version':'7','dialect':'turso','entries':[]}");
  dz_journal *j = NULL;
  DZ_CHECK_INT(dz_journal_read("j", text, strlen(text), a, &j, NULL), DZ_OK);
  if (j) DZ_CHECK_CONTAINS(dz_journal_write(j, a), "\"dialect\": \"turso\"");
  dz_arena_free(a);
}

/* ---- ids ---------------------------------------------------------------- */

DZ_TEST(new_ids_are_random_version_4_uuids) {
  dz_arena *a = dz_arena_new();
  const char *x = dz_snapshot_new_id(a), *y = dz_snapshot_new_id(a);
  DZ_CHECK(x && y);
  if (!x || !y) goto done;
  DZ_CHECK_INT(strlen(x), 36);
  for (int i = 0; i < 36; i++) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? x[i] != '-' : !(isdigit((unsigned char)x[i]) || (x[i] >= 'a' && x[i] <= 'f')))
      DZ_FAIL("character %d of %s", i, x);
  }
  DZ_CHECK(x[14] == '4');
  DZ_CHECK(strchr("89ab", x[19]) != NULL);
  DZ_CHECK(strcmp(x, y) != 0);
done:
  dz_arena_free(a);
}

DZ_TEST_MAIN
