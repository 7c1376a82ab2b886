/*
** journal.c — <out>/meta/_journal.json (snapshot.h): read with every field
** checked, written as drizzle-kit's writeResult does,
** JSON.stringify(journal, null, 2) with keys version, dialect, entries and
** per entry idx, version, when, tag, breakpoints.
**
** drizzle-kit writes "dialect": "sqlite" for turso projects too (it prepares
** the folder with "sqlite" for both); "turso" is accepted on reading since
** the field is the user's to keep.
*/
#include "drizzle_lsp/json.h"
#include "drizzle_lsp/snapshot.h"

#include <string.h>

/* JavaScript's Number.MAX_SAFE_INTEGER: beyond it `when` would not survive
** drizzle-kit's JSON.parse. */
#define DZ_MAX_SAFE_INTEGER 9007199254740991LL

static dz_result read_entry(const dz_jreader *r, const dz_jpath *at, const json_t *v,
                            dz_journal_entry *e) {
  static const char *const keys[] = {"idx", "version", "when", "tag", "breakpoints", NULL};
  int64_t idx = 0;
  dz_result rc;
  if ((rc = dz_jr_expect_object(r, at, v, keys)) != DZ_OK ||
      (rc = dz_jr_integer(r, at, v, "idx", 0, INT32_MAX, &idx)) != DZ_OK ||
      (rc = dz_jr_string(r, at, v, "version", true, &e->version)) != DZ_OK ||
      (rc = dz_jr_integer(r, at, v, "when", 0, DZ_MAX_SAFE_INTEGER, &e->when)) != DZ_OK ||
      (rc = dz_jr_string(r, at, v, "tag", true, &e->tag)) != DZ_OK ||
      (rc = dz_jr_bool(r, at, v, "breakpoints", true, &e->breakpoints)) != DZ_OK)
    return rc;
  e->idx = (int)idx;
  if (!e->tag[0] || strchr(e->tag, '/') || strchr(e->tag, '\\')) {
    dz_jpath tag_at = {at, "tag", 0};
    return dz_jr_fail(r, &tag_at, "must be a file name (without .sql), not %s",
                      dz_json_quote(e->tag, r->arena));
  }
  return DZ_OK;
}

static dz_result read_journal(const dz_jreader *r, const json_t *doc, void *into) {
  dz_journal *j = into;
  static const char *const keys[] = {"version", "dialect", "entries", NULL};
  const json_t *entries;
  dz_jpath dialect_at = {NULL, "dialect", 0}, entries_at = {NULL, "entries", 0};
  dz_result rc;
  if ((rc = dz_jr_expect_object(r, NULL, doc, keys)) != DZ_OK ||
      (rc = dz_jr_string(r, NULL, doc, "version", true, &j->version)) != DZ_OK ||
      (rc = dz_jr_string(r, NULL, doc, "dialect", true, &j->dialect)) != DZ_OK ||
      (rc = dz_jr_array(r, NULL, doc, "entries", &entries)) != DZ_OK)
    return rc;
  if (strcmp(j->dialect, "sqlite") != 0 && strcmp(j->dialect, "turso") != 0)
    return dz_jr_fail(r, &dialect_at, "is %s; drizzle-lsp handles SQLite and Turso "
                      "migrations folders (\"sqlite\")", dz_json_quote(j->dialect, r->arena));
  for (size_t i = 0; i < json_array_size(entries); i++) {
    dz_journal_entry e;
    memset(&e, 0, sizeof e);
    dz_jpath item = {&entries_at, NULL, i};
    if ((rc = read_entry(r, &item, json_array_get(entries, i), &e)) != DZ_OK) return rc;
    dz_vec_push(r->arena, &j->entries, e);
  }
  return DZ_OK;
}

dz_result dz_journal_read(const char *path, const char *text, size_t len, dz_arena *a,
                          dz_journal **out, dz_error *err) {
  dz_journal *j = dz_arena_alloc(a, sizeof *j);
  dz_result rc = dz_jr_document(path, text, len, a, read_journal, j, err);
  *out = rc == DZ_OK ? j : NULL;
  return rc;
}

static json_t *entry_json(const dz_journal_entry *e) {
  json_t *o = json_object();
  dz_json_put(o, "idx", json_integer(e->idx));
  dz_json_put(o, "version", json_string_nocheck(e->version ? e->version : "6"));
  dz_json_put(o, "when", json_integer(e->when));
  dz_json_put(o, "tag", json_string_nocheck(e->tag ? e->tag : ""));
  dz_json_put(o, "breakpoints", json_boolean(e->breakpoints));
  return o;
}

char *dz_journal_write(const dz_journal *j, dz_arena *a) {
  json_t *doc = json_object(), *entries = json_array();
  dz_json_put(doc, "version", json_string_nocheck(j->version ? j->version : "7"));
  dz_json_put(doc, "dialect", json_string_nocheck(j->dialect ? j->dialect : "sqlite"));
  for (size_t i = 0; i < j->entries.len; i++)
    dz_json_append(entries, entry_json(&j->entries.items[i]));
  dz_json_put(doc, "entries", entries);
  char *text = dz_json_stringify(doc, a);
  json_decref(doc);
  return text;
}
