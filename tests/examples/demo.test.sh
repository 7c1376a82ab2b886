#!/usr/bin/env bash
# demo.test.sh — `make demo` as a user sees it: examples/dashboard/demo.sh
# replays the committed migrations (verify), then `check --db` on a
# development database that drizzle-orm's migrator brought to the last
# migration shows every pending change with its risk, figures and SQL, and
# the dry run. The example folder itself is left untouched.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/script_test.sh"
T=$(scratch_dir examples_demo)
EX="$DZ_SOURCE_DIR/examples/dashboard"

has() { # has "what" text expected
  if [[ "$2" == *"$3"* ]]; then ok "$1"; else fail "$1" "expected to find: $3"; fi
}

before=$(cd "$EX" && find . -type f -exec sha256sum {} + | sort)
out=$(bash "$EX/demo.sh" "$DZ_BIN" "$T/demo" 2>&1)
code=$?
if [ "$code" -eq 0 ]; then ok "demo exits 0"; else fail "demo exits 0" "exit $code"; fi

has "verify replays both migrations" "$out" "2 migrations in $T/demo/drizzle: 2 ok, 0 failed"
has "the drop is high risk, with its figures" "$out" "HIGH     column-dropped"
has "figures come from the database" "$out" "non-null values deleted: 2"
has "NOT NULL without default is high risk" "$out" "HIGH     column-added-not-null-no-default"
has "its quick fixes" "$out" "fix: Keep teams.billing_email nullable"
has "the new index is careful" "$out" "CAREFUL  index-created"
has "the nullable column is safe" "$out" "safe     column-added-nullable"
has "each change shows its SQL" "$out" 'sql: ALTER TABLE `teams` ADD `billing_email` text NOT NULL;'
has "the migrator applied the folder" "$out" '"__drizzle_migrations" has 2 rows for the folder'"'"'s 2; none pending'
has "the dry run fails where production would" "$out" "dry run on a copy: FAILED at statement 1 of 4"
has "the summary" "$out" "summary: 2 high, 1 careful, 1 safe"

after=$(cd "$EX" && find . -type f -exec sha256sum {} + | sort)
if [ "$before" == "$after" ]; then ok "the example folder is unchanged"; else fail "the example folder is unchanged"; fi

[ "$failed" -eq 0 ] || printf '%s\n' "$out" | tail -40 >&2
finish
