-- nvim_client.lua — run by nvim.test.sh inside headless Neovim: set up
-- editors/nvim, open files, edit them, and check what the server holds.
-- Writes "ok NAME" / "FAIL NAME: why" lines to $DZ_NVIM_RESULTS.
local results = {}
local function check(name, cond, why)
  table.insert(results, (cond and "ok   " or "FAIL ") .. name .. (cond and "" or (": " .. tostring(why))))
end

local project = os.getenv("DZ_NVIM_PROJECT")
local bin = os.getenv("DZ_BIN")
vim.cmd("filetype on")
local dz = require("drizzle_lsp")
local how = dz.setup({ cmd = { bin, "--stdio" } })
check("mechanism_matches_the_neovim_version", how == os.getenv("DZ_NVIM_EXPECT"), how)

check("root_found_from_a_nested_file", dz.find_root(project .. "/db/schema.ts") == project,
      dz.find_root(project .. "/db/schema.ts"))
check("no_root_outside_a_project", dz.find_root("/") == nil, dz.find_root("/"))

-- Clients attached to a buffer (0.7's get_active_clients ignores filters).
local function clients(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = bufnr }) end
  return vim.tbl_values(vim.lsp.buf_get_clients(bufnr))
end

vim.cmd("edit " .. project .. "/db/schema.ts")
local buf = vim.api.nvim_get_current_buf()
local attached = vim.wait(15000, function()
  local c = clients(buf)[1]
  return c ~= nil and c.initialized
end, 50)
check("client_attaches_to_a_schema_file", attached, "no client after 15 s")
local client = clients(buf)[1]
if client then
  check("root_dir_is_the_config_directory", client.config.root_dir == project, client.config.root_dir)
  local caps = client.server_capabilities or {}
  check("server_capabilities_received", caps.textDocumentSync ~= nil, vim.inspect(caps))

  -- Edits through the buffer: Neovim sends incremental didChange with its
  -- own UTF-16 (or UTF-8) columns.
  vim.api.nvim_buf_set_lines(buf, 0, 0, false, { "// added by the test: é 😀" })
  vim.api.nvim_buf_set_text(buf, 5, 2, 5, 2, { "😀x" })
  local line = vim.api.nvim_buf_get_lines(buf, 30, 31, false)[1]
  vim.api.nvim_buf_set_text(buf, 30, #line, 30, #line, { " // end of line 中" })
  vim.api.nvim_buf_set_lines(buf, 10, 12, false, {})
  local expected = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
  local uri = vim.uri_from_bufnr(buf)
  local ok = vim.wait(5000, function()
    local res = client.request_sync("drizzle/documentState", { textDocument = { uri = uri } }, 2000, buf)
    return res and res.result and res.result.text == expected
  end, 100)
  local res = client.request_sync("drizzle/documentState", { textDocument = { uri = uri } }, 2000, buf)
  check("server_text_equals_the_buffer_after_edits", ok,
        res and res.result and ("server has:\n" .. tostring(res.result.text)) or vim.inspect(res))
  check("server_tree_is_a_program", res and res.result and res.result.tree and res.result.tree.type == "program",
        vim.inspect(res))
end

-- A schema file never opened: the server publishes its pending table
-- anyway; Neovim keeps the diagnostics on an unloaded buffer, without error,
-- and shows them when the file is opened.
local closed = os.getenv("DZ_NVIM_CLOSED")
if client then
  local cbuf = vim.uri_to_bufnr(vim.uri_from_fname(closed))
  local function audit_diags()
    return vim.tbl_filter(function(d) return d.code == "table-created" end, vim.diagnostic.get(cbuf))
  end
  local got = vim.wait(15000, function() return #audit_diags() > 0 end, 50)
  check("diagnostics_for_a_file_not_loaded", got and not vim.api.nvim_buf_is_loaded(cbuf),
        vim.inspect(vim.diagnostic.get()))
  vim.cmd("edit " .. closed)
  check("opening_it_keeps_them", vim.api.nvim_get_current_buf() == cbuf and
        vim.wait(5000, function() return #audit_diags() > 0 end, 50), vim.inspect(vim.diagnostic.get(cbuf)))
  check("no_error_message", vim.v.errmsg == "", vim.v.errmsg)
end

vim.cmd("edit " .. os.getenv("DZ_NVIM_OUTSIDE"))
local other = vim.api.nvim_get_current_buf()
vim.wait(500)
check("no_client_outside_a_project", #clients(other) == 0, #clients(other))

if client then
  client.stop()
  local stopped = vim.wait(10000, function() return client.is_stopped() end, 50)
  check("client_stops_the_server", stopped, "still running")
end

local f = io.open(os.getenv("DZ_NVIM_RESULTS"), "w")
f:write(table.concat(results, "\n") .. "\n")
f:close()
vim.cmd("qall!")
