/*
** main.c — the drizzle-lsp binary: the language server when called with no
** command (or --stdio), otherwise one of the CLI commands.
*/
#include "drizzle_lsp/cli.h"

#include <stdio.h>
#include <string.h>

typedef struct dz_command {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} dz_command;

static const dz_command commands[] = {
    {"check", dz_cli_check, "report pending schema changes and their risk"},
    {"generate", dz_cli_generate, "write the migration, snapshot, journal entry and rollback"},
    {"snapshot", dz_cli_snapshot, "print the current schema as a drizzle-kit snapshot"},
    {"verify", dz_cli_verify, "replay the migrations folder; prove snapshots and rollbacks"},
    {"rollback", dz_cli_rollback, "undo applied migrations on a database"},
};

static void print_usage(FILE *f) {
  fprintf(f,
          "usage: drizzle-lsp [--stdio]              language server on stdin/stdout\n"
          "       drizzle-lsp <command> [options]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(f,
          "\noptions:\n"
          "  --config F                 drizzle.config.ts (default: look in the current directory)\n"
          "  --db FILE                  development database: read only (check); rolled back (rollback)\n"
          "  --format text|json|sarif   report format (check)\n"
          "  --fail-on high|careful|never  exit 1 at or above this risk (check; default high)\n"
          "  --name NAME                migration name (generate)\n"
          "  --rename T.OLD=NEW         treat a dropped and an added column as a rename (generate)\n"
          "  --rename-table OLD=NEW     treat a dropped and a created table as a rename (generate)\n"
          "  --no-rename T.OLD=NEW      they are a drop and an add, not a rename (generate)\n"
          "  --no-rename-table OLD=NEW  they are a drop and a create, not a rename (generate)\n"
          "  --steps N | --to TAG       how far to roll back (rollback)\n"
          "\nexit codes: 0 ok, 1 findings, failed verification or a failed rollback (database unchanged),\n"
          "            2 usage, configuration or input error, or a rollback refused\n");
}

int main(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "--stdio") == 0) return dz_server_run(argc - 1, argv + 1);
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
    printf("drizzle-lsp %s\n", DZ_VERSION);
    return DZ_EXIT_OK;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    print_usage(stdout);
    return DZ_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 2, argv + 2);
  fprintf(stderr, "drizzle-lsp: unknown command '%s'\n\n", argv[1]);
  print_usage(stderr);
  return DZ_EXIT_ERROR;
}
