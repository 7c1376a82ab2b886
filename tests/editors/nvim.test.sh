#!/usr/bin/env bash
# nvim.test.sh — editors/nvim in a real headless Neovim against the server:
# the plugin picks the mechanism of the installed version, finds the root by
# drizzle.config.*, attaches, syncs edits incrementally, takes diagnostics for
# a schema file it has not loaded, and stops cleanly.
set -uo pipefail
: "${DZ_BIN:?run through ctest}" "${DZ_BUILD_DIR:?run through ctest}" "${DZ_SOURCE_DIR:?run through ctest}"
. "$(dirname "${BASH_SOURCE[0]}")/../lib/script_test.sh"
TMP=$(scratch_dir editors-nvim) && mkdir -p "$TMP/app/db" "$TMP/outside"
need_command nvim neovim_installed "make deps installs it"
cat > "$TMP/app/drizzle.config.ts" <<'TS'
import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "sqlite", schema: ["./db/schema.ts", "./db/audit.ts"], out: "./drizzle" });
TS
cp "$DZ_SOURCE_DIR/tests/lsp/fixtures/schema.ts" "$TMP/app/db/schema.ts"
# A schema file the test never opens: its pending table arrives as
# diagnostics for a buffer Neovim has not loaded.
cat > "$TMP/app/db/audit.ts" <<'TS'
import { sqliteTable, integer, text } from "drizzle-orm/sqlite-core";
export const audit = sqliteTable("audit", { id: integer("id").primaryKey(), what: text("what") });
TS
echo 'export const x = 1;' > "$TMP/outside/other.ts"

# The mechanism the plugin must choose on this Neovim.
expect=$(nvim --headless -u NONE -c 'lua io.stdout:write((vim.lsp.enable and vim.lsp.config) and "enable" or (vim.lsp.start and "start" or "start_client"))' -c 'qall!' 2>/dev/null)

DZ_NVIM_PROJECT="$TMP/app" DZ_NVIM_CLOSED="$TMP/app/db/audit.ts" DZ_NVIM_OUTSIDE="$TMP/outside/other.ts" DZ_NVIM_RESULTS="$TMP/results.txt" \
DZ_NVIM_EXPECT="$expect" HOME="$TMP" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache" \
  timeout 120 nvim --headless -u NONE -i NONE --cmd "set rtp^=$DZ_SOURCE_DIR/editors/nvim" \
  -c "luafile $DZ_SOURCE_DIR/tests/editors/nvim_client.lua" > "$TMP/nvim.log" 2>&1
take_results nvim_ran "$TMP/results.txt" "$TMP/nvim.log" $?
finish
