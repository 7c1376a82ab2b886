-- nvim_generate.lua — run by nvim_generate.test.sh inside headless Neovim:
-- diagnostics appear for the pending change, the "Generate migration" code
-- action runs through vim.lsp.buf.code_action (the choice made through
-- vim.ui.select, as a user would), buffers are written and diagnostics clear.
-- Writes "ok NAME" / "FAIL NAME: why" lines to $DZ_NVIM_RESULTS.
local results = {}
local function check(name, cond, why)
  table.insert(results, (cond and "ok   " or "FAIL ") .. name .. (cond and "" or (": " .. tostring(why))))
end
local function finish()
  local f = io.open(os.getenv("DZ_NVIM_RESULTS"), "w")
  f:write(table.concat(results, "\n") .. "\n")
  f:close()
  vim.cmd("qall!")
end

local project = os.getenv("DZ_NVIM_PROJECT")
vim.cmd("filetype on")
require("drizzle_lsp").setup({ cmd = { os.getenv("DZ_BIN"), "--stdio" } })

vim.cmd("edit " .. project .. "/src/schema/users.ts")
local buf = vim.api.nvim_get_current_buf()
local function has(pattern)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.message:find(pattern) then return d end
  end
  return nil
end

local got = vim.wait(20000, function() return has("last_seen_at") ~= nil end, 50)
check("pending_change_diagnostic_appears", got, vim.inspect(vim.diagnostic.get(buf)))
if not got then return finish() end
local d = has("last_seen_at")
check("diagnostic_is_the_safe_rule_at_information", d.code == "column-added-nullable" and d.severity == vim.diagnostic.severity.INFO,
      vim.inspect(d))

-- The code-action menu answered by picking "Generate migration".
local picked
vim.ui.select = function(items, opts, on_choice)
  for i, item in ipairs(items) do
    local action = item[2] or item.action or item
    if type(action) == "table" and action.title and action.title:find("^Generate migration") then
      picked = action.title
      return on_choice(item, i)
    end
  end
  on_choice(nil, nil)
end
vim.api.nvim_win_set_cursor(0, { 1, 0 })
vim.lsp.buf.code_action()
vim.wait(10000, function() return picked ~= nil end, 50)
check("generate_migration_offered", picked ~= nil, "no Generate migration action")
-- Let the edit land (and the command after it run), then write every buffer.
vim.wait(3000, function() return vim.fn.glob(project .. "/drizzle/meta/0002_snapshot.json") ~= "" end, 50)
vim.wait(500)
vim.cmd("silent! wall")
-- Neovim 0.7 does not watch files for the server: it notices the written
-- journal itself (libuv fs events) and refreshes.
local cleared = vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 50)
check("diagnostics_clear_after_generate", cleared, vim.inspect(vim.diagnostic.get(buf)))
finish()
