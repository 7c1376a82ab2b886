-- drizzle_lsp — Neovim set-up for the drizzle-lsp language server.
--
--   require("drizzle_lsp").setup({ cmd = { "/path/to/drizzle-lsp", "--stdio" } })
--
-- Works on Neovim 0.7 (vim.lsp.start_client + an autocommand that attaches
-- buffers), 0.8-0.10 (vim.lsp.start) and 0.11+ (vim.lsp.config/enable, with
-- lsp/drizzle_lsp.lua on the runtimepath). The server runs only for buffers
-- inside a project that has a drizzle.config.* file, whose directory is the
-- root.
local M = {}

-- The defaults live in lsp/drizzle_lsp.lua (what 0.11's vim.lsp.enable
-- reads), two directories up from this file.
local here = debug.getinfo(1, "S").source:sub(2)
local base = dofile(vim.fn.fnamemodify(here, ":p:h:h:h") .. "/lsp/drizzle_lsp.lua")
M.defaults = {
  name = "drizzle_lsp",
  cmd = base.cmd,
  filetypes = base.filetypes,
  root_patterns = base.root_markers,
}

local uv = vim.loop or vim.uv

local function is_file(path)
  local st = uv.fs_stat(path)
  return st ~= nil and st.type == "file"
end

local function parent(dir)
  local up = vim.fn.fnamemodify(dir, ":h")
  if up == dir then return nil end
  return up
end

-- The nearest directory at or above `path` holding one of `patterns`, or nil.
-- (vim.fs.find is 0.8+; this works on 0.7 too.)
function M.find_root(path, patterns)
  patterns = patterns or M.defaults.root_patterns
  if path == nil or path == "" then return nil end
  local dir = vim.fn.isdirectory(path) == 1 and path or vim.fn.fnamemodify(path, ":p:h")
  while dir do
    for _, name in ipairs(patterns) do
      if is_file(dir .. "/" .. name) then return dir end
    end
    dir = parent(dir)
  end
  return nil
end

-- The user's options over the defaults: name, cmd, filetypes,
-- root_patterns, and on_attach / capabilities / settings passed through.
function M.config(opts)
  return vim.tbl_deep_extend("force", M.defaults, opts or {})
end

local function buffer_root(bufnr, conf)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" or vim.bo[bufnr].buftype ~= "" then return nil end
  return M.find_root(name, conf.root_patterns)
end

local function client_config(conf, root)
  return {
    name = conf.name,
    cmd = conf.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    on_attach = conf.on_attach,
    capabilities = conf.capabilities,
    settings = conf.settings,
  }
end

-- 0.7: one client per root, started on first use and attached by hand.
local clients_by_root = {}
local function attach_07(bufnr, conf)
  local root = buffer_root(bufnr, conf)
  if not root then return end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(client_config(conf, root))
    if not id then
      vim.notify("drizzle-lsp: could not start " .. table.concat(conf.cmd, " "), vim.log.levels.ERROR)
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

-- 0.8-0.10: vim.lsp.start reuses a client with the same name and root.
local function attach_08(bufnr, conf)
  local root = buffer_root(bufnr, conf)
  if root then vim.lsp.start(client_config(conf, root), { bufnr = bufnr }) end
end

local function autocmd_setup(conf, attach)
  local group = vim.api.nvim_create_augroup("drizzle_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = conf.filetypes,
    callback = function(args) attach(args.buf, conf) end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(conf.filetypes, vim.bo[bufnr].filetype) then
      attach(bufnr, conf)
    end
  end
end

-- 0.11+: the native configuration (see lsp/drizzle_lsp.lua for the defaults).
local function enable_011(conf)
  vim.lsp.config(conf.name, {
    cmd = conf.cmd,
    filetypes = conf.filetypes,
    root_markers = conf.root_patterns,
    on_attach = conf.on_attach,
    capabilities = conf.capabilities,
    settings = conf.settings,
  })
  vim.lsp.enable(conf.name)
end

-- Which mechanism this Neovim offers: "enable" (0.11+), "start" (0.8-0.10),
-- "start_client" (0.7).
function M.mechanism()
  if vim.lsp.enable and vim.lsp.config then return "enable" end
  if vim.lsp.start then return "start" end
  return "start_client"
end

function M.setup(opts)
  local conf = M.config(opts)
  local how = M.mechanism()
  if how == "enable" then
    enable_011(conf)
  elseif how == "start" then
    autocmd_setup(conf, attach_08)
  else
    autocmd_setup(conf, attach_07)
  end
  return how
end

return M
