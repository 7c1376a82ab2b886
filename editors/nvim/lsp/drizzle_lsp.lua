-- lsp/drizzle_lsp.lua — the default configuration Neovim 0.11+ reads for
-- `vim.lsp.enable("drizzle_lsp")` when editors/nvim is on the runtimepath.
-- require("drizzle_lsp").setup{} layers user options on top of it.
return {
  cmd = { "drizzle-lsp", "--stdio" },
  filetypes = { "typescript", "javascript", "sql" }, -- sql: migration files, checked by replay
  root_markers = { "drizzle.config.ts", "drizzle.config.js", "drizzle.config.mjs", "drizzle.config.json" },
}
