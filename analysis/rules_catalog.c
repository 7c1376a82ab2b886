/*
** rules_catalog.c — every rule id with its risk and a one-line summary
** (rules.h). SARIF lists rules from here; the tests hold each id to one
** risk and to a section in docs/rules.md.
*/
#include "drizzle_lsp/rules.h"

#include <string.h>

static const dz_rule_info catalog[] = {
    {"table-created", DZ_RISK_SAFE, "A new table"},
    {"index-on-new-table", DZ_RISK_SAFE, "An index on a table created in the same migration"},
    {"column-added-nullable", DZ_RISK_SAFE, "A new nullable column on an existing table"},
    {"column-not-null-dropped", DZ_RISK_SAFE, "A column becomes nullable"},
    {"column-default-changed", DZ_RISK_SAFE, "A column's default changes"},
    {"index-dropped", DZ_RISK_SAFE, "A non-unique index is dropped"},
    {"check-dropped", DZ_RISK_SAFE, "A check constraint is dropped"},
    {"view-created", DZ_RISK_SAFE, "A new view"},
    {"column-added-not-null-default", DZ_RISK_CAREFUL, "A NOT NULL column with a default is added"},
    {"column-type-compatible", DZ_RISK_CAREFUL,
     "A column's type changes in a way SQLite keeps values"},
    {"column-autoincrement-changed", DZ_RISK_CAREFUL, "A column gains or loses AUTOINCREMENT"},
    {"column-generated-changed", DZ_RISK_CAREFUL,
     "A generated column's expression or kind changes"},
    {"index-created", DZ_RISK_CAREFUL, "A new index on an existing table"},
    {"unique-created", DZ_RISK_CAREFUL, "A new unique index or constraint (fails on duplicates)"},
    {"unique-dropped", DZ_RISK_CAREFUL, "A unique index or constraint is dropped"},
    {"foreign-key-created", DZ_RISK_CAREFUL, "A new foreign key (fails on orphans)"},
    {"foreign-key-dropped", DZ_RISK_CAREFUL, "A foreign key is dropped"},
    {"check-created", DZ_RISK_CAREFUL, "A new check constraint (fails on violating rows)"},
    {"check-changed", DZ_RISK_CAREFUL, "A check constraint changes"},
    {"view-changed", DZ_RISK_CAREFUL, "A view is redefined"},
    {"table-rebuild", DZ_RISK_CAREFUL, "The migration rebuilds a table"},
    {"migration-edited", DZ_RISK_CAREFUL,
     "A migration's .sql file changed after the database applied it"},
    {"migration-not-in-folder", DZ_RISK_CAREFUL,
     "The database applied a migration the journal does not have"},
    {"migration-applied-twice", DZ_RISK_CAREFUL,
     "The database records a migration as applied twice"},
    {"table-dropped", DZ_RISK_HIGH, "A table is dropped"},
    {"column-dropped", DZ_RISK_HIGH, "A column is dropped"},
    {"view-dropped", DZ_RISK_HIGH, "A view is dropped"},
    {"table-renamed", DZ_RISK_HIGH, "A table is renamed"},
    {"column-renamed", DZ_RISK_HIGH, "A column is renamed"},
    {"rename-candidate", DZ_RISK_HIGH, "A drop and an add that may be a rename"},
    {"primary-key-changed", DZ_RISK_HIGH, "A primary key changes"},
    {"foreign-key-changed", DZ_RISK_HIGH, "A foreign key changes"},
    {"column-type-incompatible", DZ_RISK_HIGH,
     "A column's type changes in a way that alters values"},
    {"column-added-not-null-no-default", DZ_RISK_HIGH,
     "A NOT NULL column without a default is added to an existing table"},
    {"column-added-non-constant-default", DZ_RISK_HIGH,
     "A column with a non-constant default is added to an existing table"},
    {"column-set-not-null", DZ_RISK_HIGH, "An existing column becomes NOT NULL"},
    {"stored-generated-column", DZ_RISK_HIGH, "A STORED generated column on an existing table"},
    {"table-rebuild-referenced", DZ_RISK_HIGH,
     "A rebuild of a table other tables reference, inside the migrator's transaction"},
    {"migration-skipped", DZ_RISK_HIGH,
     "A migration older than the newest applied one, which drizzle-orm's migrator never applies"},
};

const dz_rule_info *dz_rules_catalog(size_t *n) {
  *n = sizeof catalog / sizeof *catalog;
  return catalog;
}

const dz_rule_info *dz_rule_lookup(const char *id) {
  for (size_t i = 0; id && i < sizeof catalog / sizeof *catalog; i++)
    if (strcmp(catalog[i].id, id) == 0) return &catalog[i];
  return NULL;
}
