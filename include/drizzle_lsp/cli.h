/*
** cli.h — the command line: one entry point per command, each in its own
** server/cli_<command>.c, and the option parser they share.
**
** Each dz_cli_* function takes the arguments after the command name and
** returns the process exit code: DZ_EXIT_OK, DZ_EXIT_FAIL (findings at or
** above --fail-on, or a failed verification), DZ_EXIT_ERROR (usage,
** configuration or input error, with a message on stderr that says what and
** where). Output for the user goes to stdout; errors to stderr.
*/
#ifndef DZ_CLI_H
#define DZ_CLI_H

#include "drizzle_lsp/arena.h"
#include "drizzle_lsp/common.h"

enum { DZ_EXIT_OK = 0, DZ_EXIT_FAIL = 1, DZ_EXIT_ERROR = 2 };

typedef struct dz_cli_options {
  const char *config;        /* --config F */
  const char *db;            /* --db FILE */
  const char *format;        /* --format text|json|sarif (default "text") */
  const char *fail_on;       /* --fail-on high|careful|never (default "high") */
  const char *name;          /* --name NAME */
  DZ_VEC(const char *) renames;        /* --rename T.OLD=NEW, in order */
  DZ_VEC(const char *) table_renames;  /* --rename-table OLD=NEW, in order */
  DZ_VEC(const char *) not_renames;    /* --no-rename T.OLD=NEW: a drop and an add */
  DZ_VEC(const char *) table_not_renames; /* --no-rename-table OLD=NEW */
  int steps;                 /* --steps N (0: not given) */
  const char *to;            /* --to TAG */
} dz_cli_options;

/* Parse argv[0..argc) into opts (defaults filled in). `allowed` lists the
** option names this command takes, e.g. "config,db,format,fail-on"; any other
** option or a stray argument is a usage error naming it. Strings in opts point
** into argv or into a. */
dz_result dz_cli_parse(int argc, char **argv, const char *allowed, dz_arena *a,
                       dz_cli_options *opts, dz_error *err);

/* What most commands work on: the config, the schema the TypeScript files
** describe now (with extraction diagnostics), and the migrations folder. */
struct dz_config;
struct dz_schema;
struct dz_migrations;
typedef struct dz_cli_project {
  struct dz_config *config;
  struct dz_schema *schema;
  struct dz_migrations *migrations;
  size_t schema_problems;  /* diagnostics that mean what they name may be
                              missing from the schema (dz_diags_schema_problems) */
} dz_cli_project;

/* Load the project for `command` (used in messages) per opts->config (or
** the current directory), all in a: the config, then the migrations folder,
** then the schema. Extraction diagnostics are printed to stderr as
** "file:line:col: warning: message". Returns DZ_EXIT_OK, or DZ_EXIT_ERROR
** after printing the error. */
int dz_cli_open_project(const char *command, const dz_cli_options *opts, dz_arena *a,
                        dz_cli_project *out);

/* "drizzle-lsp <command>: <message>" on stderr; returns DZ_EXIT_ERROR. */
int dz_cli_fail(const char *command, const dz_error *err);

int dz_cli_snapshot(int argc, char **argv);
int dz_cli_check(int argc, char **argv);
int dz_cli_generate(int argc, char **argv);
int dz_cli_verify(int argc, char **argv);
int dz_cli_rollback(int argc, char **argv);

/* The language server on stdin/stdout (server/lsp_main.c). */
int dz_server_run(int argc, char **argv);

#define DZ_VERSION "0.1.0"

#endif /* DZ_CLI_H */
