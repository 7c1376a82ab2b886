/*
** rules_finding.c — building findings (the parts of rules.h every rule and
** impact share): risk names, locations from spans, related places, fixes and
** figures.
*/
#include "rules_build.h"

#include <stdio.h>
#include <string.h>

const char *dz_risk_name(dz_risk r) {
  switch (r) {
    case DZ_RISK_SAFE: return "safe";
    case DZ_RISK_CAREFUL: return "careful";
    case DZ_RISK_HIGH: return "high";
  }
  return "unknown";
}

bool dz_risk_parse(const char *name, dz_risk *out) {
  for (int r = DZ_RISK_SAFE; r <= DZ_RISK_HIGH; r++)
    if (name && strcmp(name, dz_risk_name((dz_risk)r)) == 0) {
      *out = (dz_risk)r;
      return true;
    }
  return false;
}

dz_risk dz_findings_max_risk(const dz_findings *f, bool *has_any) {
  dz_risk max = DZ_RISK_SAFE;
  for (size_t i = 0; f && i < f->items.len; i++)
    if (f->items.items[i]->risk > max) max = f->items.items[i]->risk;
  if (has_any) *has_any = f && f->items.len > 0;
  return max;
}

dz_location dz_location_of(const dz_schema *s, dz_span span) {
  dz_location l = {NULL, span};
  if (s && span.file != DZ_NO_FILE && span.file < s->files.len) l.file = s->files.items[span.file];
  return l;
}

dz_location dz_location_none(void) {
  dz_location l = {NULL, dz_span_none()};
  return l;
}

dz_location dz_table_location(const dz_schema *s, const dz_table *t) {
  if (!t) return dz_location_none();
  dz_location l = dz_location_of(s, t->name_span);
  return l.file ? l : dz_location_of(s, t->span);
}

static char *vformat(dz_arena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *s = dz_arena_alloc(a, n > 0 ? (size_t)n + 1 : 1);
  if (n > 0) vsnprintf(s, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return s;
}

dz_finding *dz_finding_push(dz_findings *list, dz_arena *a, const char *rule, dz_risk risk,
                            const char *table, const char *column, dz_location loc,
                            const char *fmt, ...) {
  dz_finding *f = dz_arena_alloc(a, sizeof *f);
  f->rule = rule;
  f->risk = risk;
  f->table = table;
  f->column = column;
  f->loc = loc;
  va_list ap;
  va_start(ap, fmt);
  f->message = vformat(a, fmt, ap);
  va_end(ap);
  dz_vec_push(a, &list->items, f);
  return f;
}

void dz_finding_add_related(dz_arena *a, dz_finding *f, dz_location loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  dz_related r = {loc, vformat(a, fmt, ap)};
  va_end(ap);
  dz_vec_push(a, &f->related, r);
}

dz_fix *dz_finding_add_fix(dz_arena *a, dz_finding *f, dz_fix_kind kind, dz_location loc,
                           const char *fmt, ...) {
  dz_fix fix;
  memset(&fix, 0, sizeof fix);
  fix.kind = kind;
  fix.loc = loc;
  fix.table = f->table;
  fix.column = f->column;
  va_list ap;
  va_start(ap, fmt);
  fix.title = vformat(a, fmt, ap);
  va_end(ap);
  dz_vec_push(a, &f->fixes, fix);
  return &f->fixes.items[f->fixes.len - 1];
}

void dz_finding_add_figure(dz_arena *a, dz_finding *f, const char *key, int64_t value,
                           const char *text) {
  dz_figure fig = {dz_arena_strdup(a, key), value, dz_arena_strdup(a, text)};
  dz_vec_push(a, &f->figures, fig);
}

char *dz_rules_join(dz_arena *a, const dz_strvec *v, const char *sep) {
  size_t n = 1, sl = strlen(sep);
  for (size_t i = 0; i < v->len; i++) n += strlen(v->items[i]) + sl;
  char *out = dz_arena_alloc(a, n), *o = out;
  for (size_t i = 0; i < v->len; i++) {
    if (i) o = stpcpy(o, sep);
    o = stpcpy(o, v->items[i]);
  }
  *o = 0;
  return out;
}

dz_severity dz_risk_severity(dz_risk r) {
  return r == DZ_RISK_HIGH ? DZ_SEV_ERROR : r == DZ_RISK_CAREFUL ? DZ_SEV_WARNING : DZ_SEV_INFO;
}

void dz_findings_to_diags(const dz_findings *f, dz_arena *a, dz_diag_list *out) {
  for (size_t i = 0; f && i < f->items.len; i++) {
    const dz_finding *x = f->items.items[i];
    if (!x->loc.file) continue;
    if (x->hint)
      dz_diag_add(a, out, dz_risk_severity(x->risk), x->rule, x->loc.span, "%s. %s.", x->message,
                  x->hint);
    else
      dz_diag_add(a, out, dz_risk_severity(x->risk), x->rule, x->loc.span, "%s", x->message);
  }
}
