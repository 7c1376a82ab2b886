/*
** hover.c — Markdown for a Drizzle construct under the cursor: on a table
** its CREATE TABLE and the SQL its pending changes will run; on a column its
** definition and its pending statements; on an index or foreign key its SQL.
** Nothing (null) anywhere else, so the editor's TypeScript hover stays the
** only one on ordinary code.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <string.h>

static bool holds(dz_span sp, uint32_t fi, uint32_t offset) {
  return sp.file == fi && sp.end_byte > sp.start_byte && offset >= sp.start_byte &&
         offset < sp.end_byte;
}

const dz_table *dz_features_table_at(const dz_schema *schema, uint32_t fi, uint32_t offset) {
  for (size_t i = 0; i < schema->tables.len; i++) {
    const dz_table *t = schema->tables.items[i];
    if (holds(t->span, fi, offset) || holds(t->name_span, fi, offset)) return t;
  }
  return NULL;
}

/* The statement of plan that created what `match` says, or NULL. */
static const char *create_stmt(const dz_sql_plan *plan, const dz_table *t, const dz_index *ix) {
  for (size_t i = 0; plan && i < plan->forward.len; i++) {
    const dz_change *c = plan->forward.items[i].change;
    if (!c) continue;
    if (ix ? c->kind == DZ_CHANGE_INDEX_CREATE && c->new_index == ix
           : c->kind == DZ_CHANGE_TABLE_CREATE && c->new_table == t)
      return plan->forward.items[i].sql;
  }
  return NULL;
}

/* Statements of the pending plan from changes to t (column: only to it). */
static const char *pending_sql(const dz_ws_analysis *an, const dz_table *t, const dz_column *col,
                               dz_arena *a) {
  const char *out = "";
  for (size_t i = 0; an->pending && i < an->pending->forward.len; i++) {
    const dz_sql_stmt *st = &an->pending->forward.items[i];
    const dz_change *c = st->change;
    if (!c || c->new_table != t || (col && c->new_column != col)) continue;
    if (st->deviation) out = dz_arena_printf(a, "%s-- drizzle-lsp: %s\n", out, st->deviation);
    out = dz_arena_printf(a, "%s%s\n", out, st->sql);
  }
  return out;
}

const char *dz_features_table_pending_sql(const dz_ws_analysis *an, const dz_table *t,
                                          dz_arena *a) {
  return pending_sql(an, t, NULL, a);
}

/* The line of a CREATE TABLE that starts with needle (after whitespace). */
static const char *create_line(const char *create, const char *needle, size_t nth, dz_arena *a) {
  for (const char *p = create; p && *p;) {
    const char *end = strchr(p, '\n');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    const char *q = p;
    while (q < p + n && (*q == '\t' || *q == ' ')) q++;
    if ((size_t)(p + n - q) >= strlen(needle) && strncmp(q, needle, strlen(needle)) == 0 &&
        nth-- == 0) {
      while (n && (p[n - 1] == ',' || p[n - 1] == '\r')) n--;
      return dz_arena_strndup(a, q, (size_t)(p + n - q));
    }
    p = end ? end + 1 : NULL;
  }
  return NULL;
}

/* `name` quoted the way drizzle-kit's SQLite statements quote it. */
static const char *quoted(const char *name, dz_arena *a) {
  size_t n = strlen(name), o = 0;
  char *out = dz_arena_alloc(a, 2 * n + 3);
  out[o++] = '`';
  for (size_t i = 0; i < n; i++) {
    if (name[i] == '`') out[o++] = '`';
    out[o++] = name[i];
  }
  out[o++] = '`';
  return out;
}

static const char *sql_block(const char *title, const char *sql, dz_arena *a) {
  if (!sql || !*sql) return "";
  size_t n = strlen(sql);
  return dz_arena_printf(a, "%s\n```sql\n%s%s```\n", title, sql, sql[n - 1] == '\n' ? "" : "\n");
}

static dz_hover *hover(dz_arena *a, const char *md, dz_span sp) {
  dz_hover *h = dz_arena_alloc(a, sizeof *h);
  h->markdown = md;
  h->start_byte = sp.start_byte;
  h->end_byte = sp.end_byte;
  return h;
}

static const char *pending_title(const char *what, const char *sql, dz_arena *a) {
  return *sql ? sql_block(dz_arena_printf(a, "**Pending** for %s (next migration):", what), sql, a)
              : "No pending changes.\n";
}

static dz_hover *column_hover(const dz_ws_analysis *an, const dz_table *t, const dz_column *c,
                              const char *create, dz_arena *a) {
  const char *def = create ? create_line(create, quoted(c->name, a), 0, a) : NULL;
  const char *md = dz_arena_printf(a, "**column** `%s`.`%s`\n\n%s\n%s", t->name, c->name,
                                   sql_block("Definition:", def, a),
                                   pending_title("this column", pending_sql(an, t, c, a), a));
  return hover(a, md, c->span);
}

static dz_hover *index_hover(const dz_sql_plan *all, const dz_index *ix, dz_arena *a) {
  const char *sql = create_stmt(all, NULL, ix);
  const char *md = dz_arena_printf(a, "**%sindex** `%s`\n\n%s", ix->unique ? "unique " : "",
                                   ix->name, sql_block("", sql, a));
  return hover(a, md, ix->span);
}

static dz_hover *fk_hover(const dz_foreign_key *fk, size_t nth, const char *create, dz_arena *a) {
  const char *line = create ? create_line(create, "FOREIGN KEY", nth, a) : NULL;
  const char *md = dz_arena_printf(a, "**foreign key** `%s`\n\n%s", fk->name,
                                   sql_block("In the table's CREATE TABLE:", line, a));
  return hover(a, md, fk->span);
}

/* all: the whole schema's CREATE statements (may be NULL: none shown). */
static dz_hover *table_hover(const dz_ws_analysis *an, const dz_sql_plan *all, const dz_table *t,
                             uint32_t fi, uint32_t offset, dz_arena *a) {
  const char *create = create_stmt(all, t, NULL);
  for (size_t i = 0; i < t->columns.len; i++)
    if (holds(t->columns.items[i]->span, fi, offset))
      return column_hover(an, t, t->columns.items[i], create, a);
  for (size_t i = 0; i < t->indexes.len; i++)
    if (holds(t->indexes.items[i]->span, fi, offset))
      return index_hover(all, t->indexes.items[i], a);
  for (size_t i = 0; i < t->foreign_keys.len; i++)
    if (holds(t->foreign_keys.items[i]->span, fi, offset))
      return fk_hover(t->foreign_keys.items[i], i, create, a);
  const char *md = dz_arena_printf(a, "**table** `%s`\n\n%s\n%s", t->name, sql_block("", create, a),
                                   pending_title("this table", pending_sql(an, t, NULL, a), a));
  return hover(a, md, t->name_span.end_byte ? t->name_span : t->span);
}

dz_result dz_features_hover_at(void *ud, dz_server *s, const dz_document *doc, uint32_t offset,
                               dz_arena *a, dz_hover **out, dz_error *err) {
  const dz_ws_analysis *an;
  dz_ws_project *p;
  *out = NULL;
  dz_result rc = dz_features_doc_analysis(ud, s, doc, &p, &an, err);
  if (rc != DZ_OK || !an) return rc;
  uint32_t fi = dz_features_file_index(an, doc->path);
  const dz_table *t = fi == DZ_NO_FILE ? NULL : dz_features_table_at(an->schema, fi, offset);
  if (!t) return DZ_OK;
  const dz_sql_plan *all = dz_ws_project_create_plan(p, err);
  if (!all) return err ? err->code : DZ_ERR_IO;
  *out = table_hover(an, all, t, fi, offset, a);
  return DZ_OK;
}
