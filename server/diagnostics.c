/*
** diagnostics.c — what a schema file shows: each pending change with its
** risk (rules.h findings; severity per risk from the user's settings, the
** rule id as code linking to its section of docs/rules.md, the other places
** involved as related information), extraction's and the schema check's
** problems, and a migrations folder that cannot be read.
*/
#include "drizzle_lsp/drizzle_features.h"

#include <ctype.h>
#include <string.h>

static dz_lsp_diagnostic *push(dz_arena *a, dz_lsp_diagnostic_list *out, dz_severity sev,
                               const char *code, uint32_t start, uint32_t end, const char *msg) {
  dz_lsp_diagnostic d = {0};
  d.diag.severity = sev;
  d.diag.code = code;
  d.diag.message = msg;
  d.diag.span.start_byte = start;
  d.diag.span.end_byte = end;
  dz_vec_push(a, out, d);
  return &out->items[out->len - 1];
}

/* "message" plus the hint and the statements it will run. */
static const char *finding_message(const dz_finding *f, dz_arena *a) {
  const char *msg = f->message;
  if (f->hint) msg = dz_arena_printf(a, "%s\n%s", msg, f->hint);
  for (size_t i = 0; i < f->figures.len; i++)
    msg = dz_arena_printf(a, "%s\n%s", msg, f->figures.items[i].text);
  return msg;
}

#define MAX_USES_SHOWN 20

/* "legacy_layout" -> "legacyLayout": the key a column written without a
** name (or with casing) most likely had. In a. */
static const char *camel_key(const char *name, dz_arena *a) {
  char *out = dz_arena_strdup(a, name), *o = out;
  for (const char *p = name; *p; p++) {
    if (*p == '_' && p[1] && o != out) *o++ = (char)toupper((unsigned char)*++p);
    else *o++ = *p;
  }
  *o = '\0';
  return out;
}

/* A dropped column's readers in application code, as related places. */
static void add_readers(dz_features_state *st, dz_server *s, const dz_ws_project *p,
                        const dz_finding *f, dz_arena *a, dz_lsp_diagnostic *d) {
  const dz_column *c = f->change ? f->change->old_column : NULL;
  if (!c || f->change->kind != DZ_CHANGE_COLUMN_DROP) return;
  const char *words[] = {camel_key(c->name, a), c->name};
  for (size_t w = 0; w < 2; w++) {
    if (w && strcmp(words[0], words[1]) == 0) break;
    const dz_lsp_location_list *uses =
        dz_app_uses(st->uses, s, st->ws, dz_ws_project_config(p)->dir, words[w]);
    for (size_t i = 0; i < uses->len && d->related.len < MAX_USES_SHOWN; i++) {
      dz_lsp_related r = {uses->items[i].path, uses->items[i].start_byte, uses->items[i].end_byte,
                          dz_arena_printf(a, "reads %s.%s, which this migration drops", f->table,
                                          c->name)};
      dz_vec_push(a, &d->related, r);
    }
  }
}

static void add_finding(dz_features_state *st, dz_server *s, const dz_ws_project *p,
                        const dz_finding *f, dz_arena *a, dz_lsp_diagnostic_list *out) {
  dz_lsp_diagnostic *d = push(a, out, s->settings.risk_severity[f->risk], f->rule,
                              f->loc.span.start_byte, f->loc.span.end_byte, finding_message(f, a));
  if (st->rules_doc) d->href = dz_arena_printf(a, "%s#%s", st->rules_doc, f->rule);
  if (!f->loc.file) d->diag.span.start_byte = d->diag.span.end_byte = 0;
  for (size_t i = 0; i < f->related.len; i++) {
    const dz_related *r = &f->related.items[i];
    if (!r->loc.file) continue;
    dz_lsp_related rel = {r->loc.file, r->loc.span.start_byte, r->loc.span.end_byte, r->message};
    dz_vec_push(a, &d->related, rel);
  }
  add_readers(st, s, p, f, a, d);
}

uint32_t dz_features_file_index(const dz_ws_analysis *an, const char *path) {
  for (size_t i = 0; an->schema && i < an->schema->files.len; i++)
    if (strcmp(an->schema->files.items[i], path) == 0) return (uint32_t)i;
  return DZ_NO_FILE;
}

void dz_diagnostics_for_schema_file(dz_features_state *st, dz_server *s,
                                    const dz_ws_project *p, const dz_ws_analysis *an,
                                    const char *config_path,
                                    const char *path, dz_arena *a, dz_lsp_diagnostic_list *out) {
  uint32_t fi = dz_features_file_index(an, path);
  bool is_config = strcmp(config_path, path) == 0;
  for (size_t i = 0; i < an->diags.len; i++) {
    const dz_diag *d = &an->diags.items[i];
    if (d->span.file == fi) {
      dz_lsp_diagnostic *ld =
          push(a, out, d->severity, d->code, d->span.start_byte, d->span.end_byte, d->message);
      if (st->rules_doc) ld->href = dz_arena_printf(a, "%s#%s", st->rules_doc, d->code);
    }
    else if (is_config && strcmp(d->code, "tsconfig-unusable") == 0) /* editors do not open JSON with us */
      push(a, out, d->severity, d->code, 0, 0,
           dz_arena_printf(a, "%s:%u:%u: %s", an->schema->files.items[d->span.file],
                           d->span.start.row + 1, d->span.start.column + 1, d->message));
  }
  if (an->error) {
    push(a, out, DZ_SEV_WARNING, "migrations-folder", 0, 0,
         dz_arena_printf(a, "pending changes cannot be shown: %s", an->error));
    return;
  }
  /* Findings with no place in the schema (a dropped table) go at the top
  ** of the first schema file and of the config. */
  bool home = (an->schema->files.len && strcmp(an->schema->files.items[0], path) == 0) || is_config;
  for (size_t i = 0; an->findings && i < an->findings->items.len; i++) {
    const dz_finding *f = an->findings->items.items[i];
    if (f->loc.file ? strcmp(f->loc.file, path) == 0 : home) add_finding(st, s, p, f, a, out);
  }
}
