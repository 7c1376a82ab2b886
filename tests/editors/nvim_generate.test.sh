#!/usr/bin/env bash
# nvim_generate.test.sh — the product in Neovim (editors/nvim, headless): open the
# dashboard example's schema, wait for the pending-change diagnostics, run the
# "Generate migration" code action through Neovim's own code-action flow, write
# the buffers, and check that the files on disk satisfy the real drizzle-kit.
set -uo pipefail
: "${DZ_BIN:?run through ctest}" "${DZ_BUILD_DIR:?run through ctest}" "${DZ_SOURCE_DIR:?run through ctest}"
. "$(dirname "${BASH_SOURCE[0]}")/../lib/script_test.sh"
TMP=$(scratch_dir editors-nvim-generate)
need_command nvim neovim_installed "make deps installs it"
PKG="$TMP/db"
cp -r "$DZ_SOURCE_DIR/examples/dashboard/packages/db" "$PKG"
rm -rf "$PKG/node_modules" "$PKG"/*.db
ln -s "$DZ_SOURCE_DIR/node_modules" "$PKG/node_modules"

DZ_NVIM_PROJECT="$PKG" DZ_NVIM_RESULTS="$TMP/results.txt" \
HOME="$TMP" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache" \
  timeout 120 nvim --headless -u NONE -i NONE -n --cmd "set rtp^=$DZ_SOURCE_DIR/editors/nvim" \
  -c "luafile $DZ_SOURCE_DIR/tests/editors/nvim_generate.lua" > "$TMP/nvim.log" 2>&1
take_results nvim_ran "$TMP/results.txt" "$TMP/nvim.log" $?

kit() { (cd "$PKG" && NO_COLOR=1 DATABASE_URL= node node_modules/drizzle-kit/bin.cjs "$@" < /dev/null 2>&1); }
sql=$(ls "$PKG"/drizzle/0002_*.sql 2>/dev/null | grep -v '\.down\.sql$' | head -1)
if [ -n "$sql" ] && [ -f "$PKG/drizzle/meta/0002_snapshot.json" ]; then
  ok migration_files_on_disk
else
  fail migration_files_on_disk "$(ls "$PKG/drizzle" "$PKG/drizzle/meta")"
fi
if out=$(kit check) && grep -q "Everything's fine" <<< "$out"; then
  ok drizzle_kit_check_passes
else
  fail drizzle_kit_check_passes "$out"
fi
if out=$(kit generate) && grep -q "No schema changes" <<< "$out"; then
  ok drizzle_kit_generate_finds_nothing
else
  fail drizzle_kit_generate_finds_nothing "$out"
fi
finish
