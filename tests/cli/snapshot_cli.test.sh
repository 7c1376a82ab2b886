#!/usr/bin/env bash
# snapshot_cli.test.sh — `drizzle-lsp snapshot`: exit codes and messages for
# usage and config errors, and on a real project a snapshot that is valid
# JSON, chains to the last migration's id, and matches what drizzle-kit
# generate writes for the same schema (ids aside).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib/script_test.sh"
T=$(scratch_dir snapshot_cli)
KIT="$DZ_SOURCE_DIR/node_modules/.bin/drizzle-kit"

check() { # check "what" command...
  local what="$1"; shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}

# run DIR ARGS...: sets $code, $out (stdout file) and $err (stderr text)
run() {
  local dir="$1"; shift
  out="$T/out.json"
  (cd "$dir" && "$DZ_BIN" snapshot "$@" >"$out" 2>"$T/err.txt")
  code=$?
  err=$(cat "$T/err.txt")
}

has() { [[ "$1" == *"$2"* ]] || { echo "  expected to find: $2" >&2; echo "  in: $1" >&2; return 1; }; }

# ---- usage and config errors: exit 2 and a message that names the problem
mkdir -p "$T/empty"
run "$T/empty"
check "no config in the directory exits 2" test "$code" = 2
check "no config names drizzle.config.ts" has "$err" "drizzle.config.ts"
check "no config names the directory" has "$err" "$T/empty"

run "$T/empty" --config "missing.config.ts"
check "a missing --config exits 2" test "$code" = 2
check "a missing --config names it" has "$err" "missing.config.ts"

run "$T/empty" --bogus 1
check "an unknown option exits 2" test "$code" = 2
check "an unknown option is named" has "$err" "--bogus"

run "$T/empty" stray
check "a stray argument exits 2" test "$code" = 2
check "a stray argument is named" has "$err" "stray"

run "$T/empty" --config
check "--config without a value exits 2" test "$code" = 2
check "--config without a value says so" has "$err" "needs a value"

printf 'export default { dialect: "mysql", schema: "./s.ts" };\n' >"$T/empty/bad.config.ts"
run "$T/empty" --config bad.config.ts
check "an unsupported dialect exits 2" test "$code" = 2
check "an unsupported dialect names the config" has "$err" "bad.config.ts"

# ---- a real project
P="$T/project"
mkdir -p "$P"
ln -s "$DZ_SOURCE_DIR/node_modules" "$P/node_modules"
cat >"$P/drizzle.config.ts" <<'TS'
import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "sqlite", schema: "./src/schema.ts", out: "./migrations" });
TS
mkdir -p "$P/src"
cat >"$P/src/schema.ts" <<'TS'
import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().default("it's"),
  age: integer("age").default(42),
}, (t) => [index("users_name_idx").on(t.name)]);

export const posts = sqliteTable("posts", {
  id: integer("id").primaryKey(),
  authorId: integer("author_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  title: text("title"),
});
TS
json_field() { # json_field FILE EXPR: print a field of a JSON file (and fail on invalid JSON)
  node -e 'const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(eval(process.argv[2]))' "$1" "$2"
}
uuid_v4='^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

run "$P"
check "a project with no migrations exits 0" test "$code" = 0
check "the output is valid JSON of version 6" test "$(json_field "$out" v.version)" = 6
check "the first snapshot's prevId is the origin id" \
  test "$(json_field "$out" v.prevId)" = "00000000-0000-0000-0000-000000000000"
check "the id is a random v4 UUID" grep -Eq "$uuid_v4" <<<"$(json_field "$out" v.id)"
check "the snapshot text ends the output with one newline" test "$(tail -c 2 "$out" | od -An -c | tr -d ' ')" = '}\n'
check "the schema's tables are in it" test "$(json_field "$out" 'Object.keys(v.tables).join(",")')" = "posts,users"
first_id=$(json_field "$out" v.id)
run "$P"
check "each run has a fresh id" test "$(json_field "$out" v.id)" != "$first_id"

# After drizzle-kit generate: prevId is that snapshot's id, and the content
# is what drizzle-kit wrote for the same schema.
(cd "$P" && "$KIT" generate >"$T/kit.txt" 2>&1)
kit_snapshot="$P/migrations/meta/0000_snapshot.json"
check "drizzle-kit generate wrote its snapshot" test -f "$kit_snapshot"
run "$P" --config ./drizzle.config.ts
check "with a migration the command exits 0" test "$code" = 0
check "prevId is the id of the journal's last snapshot" \
  test "$(json_field "$out" v.prevId)" = "$(json_field "$kit_snapshot" v.id)"
same_content() {
  node -e '
    const fs = require("fs");
    const [ours, kit] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
    for (const s of [ours, kit]) { delete s.id; delete s.prevId; }
    const a = JSON.stringify(ours, null, 2), b = JSON.stringify(kit, null, 2);
    if (a !== b) { console.error("ours:\n" + a + "\ndrizzle-kit:\n" + b); process.exit(1); }' "$1" "$2"
}
check "the snapshot equals drizzle-kit's, ids aside" same_content "$out" "$kit_snapshot"

# A journal entry whose snapshot is gone, or a corrupt journal: exit 2 naming it.
mv "$kit_snapshot" "$T/kept.json"
run "$P"
check "a journal entry without its snapshot exits 2" test "$code" = 2
check "... and names the missing snapshot" has "$err" "0000_snapshot.json"
mv "$T/kept.json" "$kit_snapshot"
printf '{"version": "7", "dialect": "sqlite", "entries": [{"idx": "0"}]}' >"$P/migrations/meta/_journal.json"
run "$P"
check "a corrupt journal exits 2" test "$code" = 2
check "... and says which field" has "$err" "_journal.json: entries[0].idx must be a number, not a string"

# ---- warnings that lose nothing: a file saved in Latin-1 (read as Node reads
# it) and a tsconfig whose "extends" is not installed. Both are named, and the
# snapshot is still complete: exit 0, and equal to drizzle-kit's.
L="$T/latin1"
mkdir -p "$L/src"
ln -s "$DZ_SOURCE_DIR/node_modules" "$L/node_modules"
cp "$P/drizzle.config.ts" "$L/"
printf '{ "extends": "@acme/tsconfig/base.json", "compilerOptions": { "strict": true } }\n' >"$L/tsconfig.json"
printf 'import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";\nexport const caf = sqliteTable("caf\xe9", { id: integer("id").primaryKey(), note: text("n\xf4te") });\n' >"$L/src/schema.ts"
run "$L"
check "invalid UTF-8 and an unusable tsconfig still exit 0" test "$code" = 0
check "the invalid UTF-8 is named with its place" has "$err" "src/schema.ts:2:"
check "... and what it becomes" has "$err" "invalid UTF-8 (byte 0xE9)"
check "the unusable tsconfig is named" has "$err" "tsconfig.json"
(cd "$L" && "$KIT" generate >"$T/kit-latin1.txt" 2>&1)
check "drizzle-kit generate read the Latin-1 file" test -f "$L/migrations/meta/0000_snapshot.json"
run "$L"
check "the Latin-1 snapshot equals drizzle-kit's, ids aside" same_content "$out" "$L/migrations/meta/0000_snapshot.json"

finish
