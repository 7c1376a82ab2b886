/*
** applied_findings.c — the problems of a database's applied migrations
** (applied.h) as findings, so that `check --db` and the editor report them
** with rule ids, risks and places like any pending change. They point at
** the migration's .sql file, which is what the user must look at, not at
** the schema.
*/
#include "rules_build.h"

#include <string.h>

#include "drizzle_lsp/applied.h"

/* The first line of the migration's file (the whole file when it has one). */
static dz_location sql_location(const dz_migration *m) {
  dz_location l = {m->sql_path, dz_span_none()};
  const char *nl = m->sql ? memchr(m->sql, '\n', m->sql_len) : NULL;
  uint32_t end = (uint32_t)(nl ? (size_t)(nl - m->sql) : m->sql_len);
  if (end && m->sql[end - 1] == '\r') end--;
  l.span.end_byte = end;
  l.span.end.column = end;
  return l;
}

static dz_location journal_location(const dz_migrations *ms, dz_arena *a) {
  dz_location l = {dz_arena_printf(a, "%s/meta/_journal.json", ms->dir), dz_span_none()};
  return l;
}

static const char *rule_of(dz_applied_kind k) {
  switch (k) {
    case DZ_APPLIED_SKIPPED: return "migration-skipped";
    case DZ_APPLIED_EDITED: return "migration-edited";
    case DZ_APPLIED_UNKNOWN: return "migration-not-in-folder";
    case DZ_APPLIED_TWICE: return "migration-applied-twice";
  }
  return "migration-skipped";
}

/* What to do, where the problem's own message does not say it already. */
static const char *hint_of(const dz_applied *ap, const dz_applied_problem *p, dz_arena *a) {
  switch (p->kind) {
    case DZ_APPLIED_SKIPPED:
      return dz_arena_printf(a,
                             "Rolling back needs a .down.sql for each (drizzle-kit writes none), or "
                             "rebuild a development database from the folder; where neither is an "
                             "option (a shared or production database), take %s out of the journal "
                             "and generate its change again as a new migration, whose \"when\" is "
                             "after %lld",
                             p->migration->entry->tag, (long long)ap->newest->when);
    case DZ_APPLIED_UNKNOWN:
      return "Check out the branch that has its files, or roll it back there (drizzle-lsp rollback) "
             "before switching; until then the database has changes this folder does not describe";
    case DZ_APPLIED_TWICE: {
      char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE rowid = %lld", ap->table,
                                  (long long)p->row->rowid);
      const char *hint = dz_arena_printf(
          a, "Make sure the database has its changes once, then remove the extra row: %s",
          sql ? sql : "(out of memory)");
      sqlite3_free(sql);
      return hint;
    }
    case DZ_APPLIED_EDITED: break;
  }
  return NULL;
}

void dz_applied_findings(const dz_applied *ap, const dz_migrations *ms, dz_arena *a,
                         dz_findings *out) {
  for (size_t i = 0; i < ap->problems.len; i++) {
    const dz_applied_problem *p = &ap->problems.items[i];
    dz_risk risk = dz_rule_lookup(rule_of(p->kind))->risk;
    dz_location loc = p->migration ? sql_location(p->migration) : journal_location(ms, a);
    dz_finding *f = dz_finding_push(out, a, rule_of(p->kind), risk, NULL, NULL, loc, "%s", p->message);
    f->migration = p->migration ? p->migration->entry->tag : NULL;
    f->hint = hint_of(ap, p, a);
  }
}
