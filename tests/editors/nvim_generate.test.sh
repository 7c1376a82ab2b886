#!/usr/bin/env bash
# nvim_generate.test.sh — the product in Neovim (editors/nvim, headless): open the
# dashboard example's schema, wait for the pending-change diagnostics, run the
# "Generate migration" code action through Neovim's own code-action flow, write
# the buffers, and check that the files on disk satisfy the real drizzle-kit.
set -uo pipefail
: "${DZ_BIN:?run through ctest}" "${DZ_BUILD_DIR:?run through ctest}" "${DZ_SOURCE_DIR:?run through ctest}"
TMP="$DZ_BUILD_DIR/tmp/editors-nvim-generate"
rm -rf "$TMP" && mkdir -p "$TMP"
if ! command -v nvim > /dev/null; then
  echo "FAIL neovim_installed: nvim is not on PATH (make deps installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
PKG="$TMP/db"
cp -r "$DZ_SOURCE_DIR/examples/dashboard/packages/db" "$PKG"
rm -rf "$PKG/node_modules" "$PKG"/*.db
ln -s "$DZ_SOURCE_DIR/node_modules" "$PKG/node_modules"

DZ_NVIM_PROJECT="$PKG" DZ_NVIM_RESULTS="$TMP/results.txt" \
HOME="$TMP" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache" \
  timeout 120 nvim --headless -u NONE -i NONE -n --cmd "set rtp^=$DZ_SOURCE_DIR/editors/nvim" \
  -c "luafile $DZ_SOURCE_DIR/tests/editors/nvim_generate.lua" > "$TMP/nvim.log" 2>&1
code=$?
if [ ! -s "$TMP/results.txt" ]; then
  echo "FAIL nvim_ran: exit $code, no results"; cat "$TMP/nvim.log"
  echo "0 passed, 1 failed"
  exit 1
fi
cat "$TMP/results.txt"
passed=$(grep -c '^ok ' "$TMP/results.txt")
failed=$(grep -c '^FAIL ' "$TMP/results.txt")

kit() { (cd "$PKG" && NO_COLOR=1 DATABASE_URL= node node_modules/drizzle-kit/bin.cjs "$@" < /dev/null 2>&1); }
sql=$(ls "$PKG"/drizzle/0002_*.sql 2>/dev/null | grep -v '\.down\.sql$' | head -1)
if [ -n "$sql" ] && [ -f "$PKG/drizzle/meta/0002_snapshot.json" ]; then
  echo "ok   migration_files_on_disk"; passed=$((passed + 1))
else
  echo "FAIL migration_files_on_disk: $(ls "$PKG/drizzle" "$PKG/drizzle/meta")"; failed=$((failed + 1))
fi
if out=$(kit check) && grep -q "Everything's fine" <<< "$out"; then
  echo "ok   drizzle_kit_check_passes"; passed=$((passed + 1))
else
  echo "FAIL drizzle_kit_check_passes: $out"; failed=$((failed + 1))
fi
if out=$(kit generate) && grep -q "No schema changes" <<< "$out"; then
  echo "ok   drizzle_kit_generate_finds_nothing"; passed=$((passed + 1))
else
  echo "FAIL drizzle_kit_generate_finds_nothing: $out"; failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
