/*
** cli_rollback.c — `drizzle-lsp rollback --db FILE [--steps N | --to TAG]
** [--config F]`: undo the newest applied migrations of a SQLite database by
** running each one's <tag>.down.sql, newest first, and deleting its row from
** drizzle-orm's migrations table, so that the migrator applies them again
** later. Everything happens in one transaction with foreign keys on, as the
** migrator runs migrations: all or nothing.
**
** It refuses (exit 2, database untouched) whatever it cannot undo honestly: a
** migration without a .down.sql (drizzle-kit writes none), a .sql file edited
** after it ran (its rollback may not match what the database got), applied
** rows the folder does not account for, an unknown --to tag, more steps than
** are applied. A down file that fails is exit 1, database unchanged, naming
** the migration and the statement.
*/
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "drizzle_lsp/applied.h"
#include "drizzle_lsp/cli.h"
#include "drizzle_lsp/introspect.h"
#include "drizzle_lsp/project.h"
#include "drizzle_lsp/schema_compare.h"
#include "drizzle_lsp/verify.h"

typedef struct rollback_ctx {
  const dz_cli_options *opts;
  dz_config *cfg;
  dz_migrations *ms;
  dz_applied *ap;
  sqlite3 *db;
  DZ_VEC(const dz_applied_row *) undo; /* newest first */
  dz_arena *a;
} rollback_ctx;

/* A refusal: the database has not been touched. */
static int refuse(const char *message) {
  fprintf(stderr, "drizzle-lsp rollback: %s; nothing was changed\n", message);
  return DZ_EXIT_ERROR;
}

static int fail(const char *message) {
  dz_error err;
  dz_error_set(&err, DZ_ERR_USAGE, "%s", message);
  return dz_cli_fail("rollback", &err);
}

/* The database must exist: rolling back never creates one. */
static int open_db(rollback_ctx *c) {
  if (sqlite3_open_v2(c->opts->db, &c->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    return fail(dz_arena_printf(c->a, "%s: cannot open the database (%s)", c->opts->db,
                                c->db ? sqlite3_errmsg(c->db) : "out of memory"));
  sqlite3_busy_timeout(c->db, 5000);
  /* The migrator's drivers enforce foreign keys; the rollback runs the same way. */
  sqlite3_exec(c->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return DZ_EXIT_OK;
}

/* Rows the folder cannot explain make "the last N" meaningless. */
static int check_rows(const rollback_ctx *c) {
  for (size_t i = 0; i < c->ap->problems.len; i++) {
    const dz_applied_problem *p = &c->ap->problems.items[i];
    if (p->kind == DZ_APPLIED_UNKNOWN || p->kind == DZ_APPLIED_TWICE)
      return refuse(dz_arena_printf(c->a, "%s: %s", c->opts->db, p->message));
  }
  return DZ_EXIT_OK;
}

static const dz_migration *find_tag(const dz_migrations *ms, const char *tag) {
  for (size_t i = 0; i < ms->items.len; i++)
    if (strcmp(ms->items.items[i].entry->tag, tag) == 0) return &ms->items.items[i];
  return NULL;
}

static const char *tag_list(const dz_migrations *ms, dz_arena *a) {
  const char *s = "";
  for (size_t i = 0; i < ms->items.len; i++) s = dz_arena_printf(a, "%s%s%s", s, i ? ", " : "", ms->items.items[i].entry->tag);
  return ms->items.len ? s : "none";
}

/* The rows --to TAG undoes: every one applied after TAG's. */
static int select_to(rollback_ctx *c) {
  const dz_migration *m = find_tag(c->ms, c->opts->to);
  if (!m)
    return refuse(dz_arena_printf(c->a, "--to %s: no migration has that tag in %s/meta/_journal.json (tags: %s)",
                                  c->opts->to, c->ms->dir, tag_list(c->ms, c->a)));
  const dz_applied_row *r = c->ap->row_of[m - c->ms->items.items];
  if (!r)
    return refuse(dz_arena_printf(c->a, "--to %s: %s is not applied to %s, so there is nothing to roll back to",
                                  c->opts->to, m->entry->tag, c->opts->db));
  for (size_t i = c->ap->rows.len; i-- > 0;)
    if (c->ap->rows.items[i].when > r->when) dz_vec_push(c->a, &c->undo, &c->ap->rows.items[i]);
  return DZ_EXIT_OK;
}

static int select_steps(rollback_ctx *c) {
  size_t steps = c->opts->steps ? (size_t)c->opts->steps : 1, n = c->ap->rows.len;
  if (steps > n)
    return refuse(dz_arena_printf(c->a, "--steps %zu: %s has only %zu migration%s applied", steps, c->opts->db, n,
                                  n == 1 ? "" : "s"));
  for (size_t i = 0; i < steps; i++) dz_vec_push(c->a, &c->undo, &c->ap->rows.items[n - 1 - i]);
  return DZ_EXIT_OK;
}

/* Each migration to undo has a rollback, written for the SQL that ran. */
static int check_undoable(rollback_ctx *c) {
  for (size_t i = 0; i < c->undo.len; i++) {
    const dz_migration *m = c->undo.items[i]->migration;
    if (!m->down_sql)
      return refuse(dz_arena_printf(c->a,
                                    "%s has no %s.down.sql to undo it (drizzle-kit wrote it, and drizzle-kit "
                                    "writes no rollbacks); write one by hand, or roll back fewer steps",
                                    m->entry->tag, m->entry->tag));
    for (size_t k = 0; k < c->ap->problems.len; k++)
      if (c->ap->problems.items[k].kind == DZ_APPLIED_EDITED && c->ap->problems.items[k].migration == m)
        return refuse(dz_arena_printf(c->a,
                                      "%s; its rollback matches the file as it is now, not the SQL the database "
                                      "ran, so it is not run",
                                      c->ap->problems.items[k].message));
  }
  return DZ_EXIT_OK;
}

/* The .down.sql's leading comment: what the rollback cannot bring back and
** what it discards. sqlgen's first line ("restores the schema...") says
** nothing here, and a "-- drizzle-lsp: " line belongs to the first statement. */
static void print_header_comment(const char *text) {
  static const char generic[] = "-- drizzle-lsp rollback:", statement[] = "-- drizzle-lsp: ";
  for (const char *p = text; strncmp(p, "--", 2) == 0 && strncmp(p, "-->", 3) != 0;) {
    size_t n = strcspn(p, "\n");
    if (strncmp(p, statement, sizeof statement - 1) == 0) break;
    const char *line = p + 2 + (p[2] == ' ');
    if (strncmp(p, generic, sizeof generic - 1) != 0) printf("      %.*s\n", (int)(n - (size_t)(line - p)), line);
    p += n + (p[n] == '\n');
  }
}

static void print_plan(const rollback_ctx *c) {
  printf("Rolling back %zu migration%s of %s, newest first:\n", c->undo.len, c->undo.len == 1 ? "" : "s", c->opts->db);
  for (size_t i = 0; i < c->undo.len; i++) {
    const dz_migration *m = c->undo.items[i]->migration;
    printf("  %s (%s)\n", m->entry->tag, strrchr(m->down_path, '/') + 1);
    print_header_comment(m->down_sql);
  }
  for (size_t i = 0; i < c->ap->problems.len; i++)
    printf("note: %s\n", c->ap->problems.items[i].message);
}

static dz_result delete_row(rollback_ctx *c, const dz_applied_row *r, const char **failure) {
  char *sql = sqlite3_mprintf("DELETE FROM \"%w\" WHERE rowid = %lld", c->ap->table, (long long)r->rowid);
  int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
  sqlite3_free(sql);
  if (rc == SQLITE_OK) return DZ_OK;
  *failure = dz_arena_printf(c->a, "deleting its row from \"%s\": %s", c->ap->table, sqlite3_errmsg(c->db));
  return DZ_ERR_VERIFY;
}

/* A COMMIT that fails on deferred foreign keys (a down file that set
** PRAGMA defer_foreign_keys) leaves the transaction open: say which rows
** point nowhere while they can still be seen. */
static const char *broken_reference(rollback_ctx *c) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_get_autocommit(c->db) || sqlite3_prepare_v2(c->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
    return "";
  const char *what = "";
  size_t n = 0;
  while (sqlite3_step(st) == SQLITE_ROW)
    if (n++ == 0)
      what = dz_arena_printf(c->a, "%s (rowid %lld) references no row of %s", sqlite3_column_text(st, 0),
                             (long long)sqlite3_column_int64(st, 1), sqlite3_column_text(st, 2));
  sqlite3_finalize(st);
  return n ? dz_arena_printf(c->a, ": the down files leave %zu row%s whose foreign key points nowhere, the first in %s",
                             n, n == 1 ? "" : "s", what)
           : "";
}

/* Every down file and row deletion, then COMMIT; on any failure ROLLBACK
** and a message naming the migration and the statement. */
static const char *undo_all(rollback_ctx *c) {
  const char *failure = NULL;
  if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return dz_arena_printf(c->a, "cannot begin a transaction on %s: %s", c->opts->db, sqlite3_errmsg(c->db));
  for (size_t i = 0; i < c->undo.len && !failure; i++) {
    const dz_migration *m = c->undo.items[i]->migration;
    const char *why = NULL;
    if (dz_verify_run(c->db, m->down_sql, c->ms->dialect, c->a, &why) != DZ_OK ||
        delete_row(c, c->undo.items[i], &why) != DZ_OK)
      failure = dz_arena_printf(c->a, "%s failed: %s", strrchr(m->down_path, '/') + 1, why);
  }
  if (!failure && sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
    const char *why = dz_arena_strdup(c->a, sqlite3_errmsg(c->db));
    failure = dz_arena_printf(c->a, "COMMIT failed: %s%s", why, broken_reference(c));
  }
  if (failure && !sqlite3_get_autocommit(c->db)) sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
  return failure;
}

/* After the rollback the database should hold the schema of the newest
** migration still applied; a difference (the database had drifted, or an
** entry was skipped) is worth a warning, not a failure: the rollback ran.
** When that migration's snapshot file is missing there is nothing to compare
** with, and that is said. */
static void compare_with_snapshot(rollback_ctx *c) {
  const dz_migration *last = NULL;
  int64_t oldest_undone = c->undo.items[c->undo.len - 1]->when;
  for (size_t i = 0; i < c->ms->items.len; i++)
    if (c->ap->row_of[i] && c->ap->row_of[i]->when < oldest_undone) last = &c->ms->items.items[i];
  const dz_schema *want = last ? last->snapshot : dz_schema_new(c->a, DZ_DIALECT_SQLITE);
  const char *want_name = last ? strrchr(last->snapshot_path, '/') + 1 : "an empty database";
  if (!want) {
    printf("The schema was not compared: %s, the snapshot of %s, is missing.\n", want_name, last->entry->tag);
    return;
  }
  dz_schema *got = NULL;
  dz_error err;
  dz_strvec lines = {0};
  if (dz_introspect_sqlite(c->db, c->ap->table, c->a, &got, &err) != DZ_OK) {
    printf("warning: cannot read the schema back to compare it with %s: %s\n", want_name, err.message);
    return;
  }
  size_t n = dz_schema_compare(got, "the database", want, want_name, c->a, &lines);
  if (n == 0) {
    printf("The schema now equals %s.\n", want_name);
    return;
  }
  printf("warning: the schema now differs from %s in %zu place%s:\n", want_name, n, n == 1 ? "" : "s");
  for (size_t i = 0; i < lines.len; i++) printf("  %s\n", lines.items[i]);
}

static int load(rollback_ctx *c) {
  dz_error err;
  char cwd[4096];
  if (!c->opts->db) return fail("--db FILE is required: the SQLite database to roll back");
  if (!getcwd(cwd, sizeof cwd)) return fail("cannot tell the current directory");
  /* Only the config and the folder: the schema files play no part. */
  if (dz_config_load(c->opts->config, cwd, c->a, &c->cfg, &err) != DZ_OK ||
      dz_migrations_load(dz_config_out_dir(c->cfg, c->a), c->cfg->dialect, c->a, &c->ms, &err) != DZ_OK)
    return dz_cli_fail("rollback", &err);
  int code = open_db(c);
  if (code != DZ_EXIT_OK) return code;
  if (dz_applied_read(c->db, c->cfg->migrations_table, c->ms, c->a, &c->ap, &err) != DZ_OK) {
    dz_error_set(&err, err.code, "%s: %s", c->opts->db, dz_arena_strdup(c->a, err.message));
    return dz_cli_fail("rollback", &err);
  }
  return DZ_EXIT_OK;
}

static int rollback(rollback_ctx *c) {
  int code = load(c);
  if (code == DZ_EXIT_OK) code = check_rows(c);
  if (code == DZ_EXIT_OK) code = c->opts->to ? select_to(c) : select_steps(c);
  if (code == DZ_EXIT_OK) code = check_undoable(c);
  if (code != DZ_EXIT_OK) return code;
  if (c->undo.len == 0) {
    printf("Nothing to roll back: %s is the newest migration applied to %s\n", c->opts->to, c->opts->db);
    return DZ_EXIT_OK;
  }
  print_plan(c);
  const char *failure = undo_all(c);
  if (failure) {
    fprintf(stderr, "drizzle-lsp rollback: %s; the database is unchanged\n", failure);
    return DZ_EXIT_FAIL;
  }
  size_t left = c->ap->rows.len - c->undo.len;
  printf("Rolled back %zu migration%s; %zu remain%s applied in \"%s\".\n", c->undo.len, c->undo.len == 1 ? "" : "s",
         left, left == 1 ? "s" : "", c->ap->table);
  compare_with_snapshot(c);
  return DZ_EXIT_OK;
}

int dz_cli_rollback(int argc, char **argv) {
  dz_arena *a = dz_arena_new();
  dz_cli_options opts;
  dz_error err;
  rollback_ctx c;
  memset(&c, 0, sizeof c);
  c.opts = &opts;
  c.a = a;
  int code = dz_cli_parse(argc, argv, "config,db,steps,to", a, &opts, &err) == DZ_OK ? rollback(&c)
                                                                                      : dz_cli_fail("rollback", &err);
  sqlite3_close(c.db);
  dz_arena_free(a);
  return code;
}
