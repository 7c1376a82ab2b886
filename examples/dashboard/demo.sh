#!/usr/bin/env bash
# The main job on the dashboard example, as `make demo` shows it: the pending
# schema changes, their risk, the real figures from a development database
# and the SQL a migration would run. Works on a scratch copy under build/demo
# so the example itself is never touched.
set -euo pipefail
bin=$(realpath "${1:-build/drizzle-lsp}")
here=$(cd "$(dirname "$0")" && pwd)
demo=$(realpath -m "${2:-build/demo}")

rm -rf "$demo" && mkdir -p "$demo"
cp -r "$here/packages/db/." "$demo/"
cd "$demo"

# A development database at the committed migrations, applied by drizzle-orm's
# own migrator (so check can tell what it applied), with a few rows, so that
# check can count what the pending change would touch (it only reads it).
node -e '
  const req = require("node:module").createRequire(process.argv[1]);
  const Database = req("better-sqlite3");
  const db = new Database("dev.db");
  req("drizzle-orm/better-sqlite3/migrator").migrate(req("drizzle-orm/better-sqlite3").drizzle(db),
    { migrationsFolder: "drizzle" });
  db.close();' "$here/../../package.json"
sqlite3 dev.db < seed.sql

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
step "drizzle-lsp verify        # the committed migrations replay to their snapshots"
"$bin" verify
step "drizzle-lsp check --db dev.db   # pending changes, risk, figures, SQL"
"$bin" check --db dev.db --fail-on never
