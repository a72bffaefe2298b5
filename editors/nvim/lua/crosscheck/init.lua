-- crosscheck for Neovim: attaches Markdown and text buffers to `crosscheck lsp`, and adds
-- commands to restart the server and to list the corpus's figures and claims.
--
--   require('crosscheck').setup({ cmd = { 'crosscheck', 'lsp' }, settings = { ... } })
--
-- Neovim 0.11+ uses vim.lsp.config/vim.lsp.enable; 0.10 falls back to vim.lsp.start from a
-- FileType autocommand (best effort). See editors/nvim/README.md.

local M = {}

M.name = 'crosscheck'

--- Options of setup() and their defaults.
local defaults = {
  -- The server command. Its first element must be executable; the CLI commands
  -- (:CrosscheckFigures, :CrosscheckClaims) run the same command without its final 'lsp'.
  cmd = { 'crosscheck', 'lsp' },
  filetypes = { 'markdown', 'text' },
  -- The nearest crosscheck.toml wins over the nearest .git; with neither the server runs in
  -- single-file mode (the file alone, its crosscheck.toml found by walking up from it).
  root_markers = { 'crosscheck.toml', '.git' },
  -- Editor settings, laid over crosscheck.toml: the file's keys (exclude, include, extensions,
  -- max-file-size, attribution = { phrases, verbs }, severity = { [check] = level }) and the
  -- server's own `diagnostics` ('open' | 'corpus') and `poll-interval-ms`.
  settings = {},
  -- Let Neovim watch the workspace for the server (dynamic registration of
  -- workspace/didChangeWatchedFiles, off by default on Linux in Neovim). false: the server
  -- polls the workspace itself every `poll-interval-ms`.
  watch_files = true,
  -- Create the :Crosscheck* user commands.
  commands = true,
  -- Passed through to the client.
  on_attach = nil,
  capabilities = nil,
}

local opts = vim.deepcopy(defaults)

local function has_011()
  return vim.fn.has('nvim-0.11') == 1
end

local function notify(msg, level)
  vim.notify('crosscheck: ' .. msg, level or vim.log.levels.INFO)
end

--- Lua's empty table is sent as a JSON array; the server wants objects for the settings, the
--- severity table and the attribution table.
local function json_settings(s)
  s = vim.deepcopy(s or {})
  local function obj(t)
    if type(t) == 'table' and next(t) == nil then
      return vim.empty_dict()
    end
    return t
  end
  s.severity = s.severity and obj(s.severity)
  s.attribution = s.attribution and obj(s.attribution)
  return obj(s)
end

local function capabilities()
  local caps = vim.lsp.protocol.make_client_capabilities()
  if opts.watch_files then
    caps = vim.tbl_deep_extend('force', caps, {
      workspace = { didChangeWatchedFiles = { dynamicRegistration = true, relativePatternSupport = true } },
    })
  end
  return vim.tbl_deep_extend('force', caps, opts.capabilities or {})
end

--- The client configuration for the current options (also what lsp/crosscheck.lua returns).
function M.default_config()
  local settings = json_settings(opts.settings)
  return {
    name = M.name,
    cmd = opts.cmd,
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    capabilities = capabilities(),
    init_options = { crosscheck = settings },
    settings = { crosscheck = settings },
    on_attach = opts.on_attach,
  }
end

--- Whether the server's executable can be run; says why not, once, when it cannot.
local warned = false
local function executable()
  local exe = opts.cmd[1]
  if type(exe) == 'string' and vim.fn.executable(exe) == 1 then
    return true
  end
  if not warned then
    warned = true
    notify(
      ('cannot start the language server: %q is not an executable file or on PATH. '
        .. 'Install crosscheck (`cargo install --path .` in its repository) or pass its path: '
        .. "require('crosscheck').setup({ cmd = { '/path/to/crosscheck', 'lsp' } })"):format(tostring(exe)),
      vim.log.levels.ERROR
    )
  end
  return false
end

--- The folder a buffer's corpus is rooted at, or nil for single-file mode.
function M.root(bufnr)
  bufnr = bufnr or 0
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return nil
  end
  for _, marker in ipairs(opts.root_markers) do
    local found = vim.fs.find(marker, { upward = true, path = vim.fs.dirname(name), limit = 1 })[1]
    if found then
      return vim.fs.dirname(found)
    end
  end
  return nil
end

--- Start (or reuse) a client for one buffer, without vim.lsp.enable: Neovim 0.10, and restarts.
local function start_buffer(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or vim.bo[bufnr].buftype ~= '' then
    return
  end
  if not vim.tbl_contains(opts.filetypes, vim.bo[bufnr].filetype) or not executable() then
    return
  end
  local config = M.default_config()
  config.root_markers = nil
  config.filetypes = nil
  config.root_dir = M.root(bufnr)
  return vim.lsp.start(config, { bufnr = bufnr })
end

--- Every crosscheck client, including those still initializing (which get_clients leaves out
--- by default: a restart right after a start must stop them too).
local function clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = M.name, _uninitialized = true })
  end
  return vim.lsp.get_active_clients({ name = M.name })
end

-- Client methods take `self` from 0.11 on; on 0.10 they are closures.
local function stop(client, force)
  if has_011() then
    client:stop(force)
  else
    client.stop(force)
  end
end

--- Stop every crosscheck client and start new ones for the buffers they served.
function M.restart()
  local buffers = {}
  local old = clients()
  for _, client in ipairs(old) do
    for bufnr in pairs(client.attached_buffers) do
      buffers[#buffers + 1] = bufnr
    end
    stop(client, false)
  end
  if #old == 0 then
    -- Nothing running: start for every matching buffer that is loaded.
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) then
        buffers[#buffers + 1] = bufnr
      end
    end
  end
  -- Wait for the old servers to exit (they get shutdown, then exit; forced after 3 s).
  local gone = vim.wait(3000, function()
    return vim.iter(old):all(function(c)
      return vim.lsp.get_client_by_id(c.id) == nil
    end)
  end, 20)
  if not gone then
    for _, c in ipairs(old) do
      stop(c, true)
    end
  end
  warned = false
  local started = 0
  for _, bufnr in ipairs(buffers) do
    if start_buffer(bufnr) then
      started = started + 1
    end
  end
  notify(('restarted (%d buffer%s attached)'):format(started, started == 1 and '' or 's'))
end

--- The CLI command: the server command without its final 'lsp'.
local function cli(args)
  local cmd = vim.deepcopy(opts.cmd)
  if cmd[#cmd] == 'lsp' then
    cmd[#cmd] = nil
  end
  vim.list_extend(cmd, args)
  return cmd
end

--- The corpus folder for CLI commands: the current buffer's root, else its folder, else cwd.
local function corpus_root()
  local root = M.root(0)
  if root then
    return root
  end
  local name = vim.api.nvim_buf_get_name(0)
  if name ~= '' then
    return vim.fs.dirname(name)
  end
  return vim.fn.getcwd()
end

--- Run a crosscheck CLI command in `root`; `done(stdout)` on success, a message otherwise.
local function run(args, root, done)
  if not executable() then
    return
  end
  local cmd = cli(args)
  vim.system(cmd, { cwd = root, text = true }, function(r)
    vim.schedule(function()
      -- `check` exits 1 on findings; figures and claims exit 0 unless something went wrong.
      if r.code ~= 0 then
        notify(('`%s` failed (exit %d): %s'):format(table.concat(cmd, ' '), r.code, vim.trim(r.stderr or '')), vim.log.levels.ERROR)
        return
      end
      done(r.stdout or '')
    end)
  end)
end

--- Put `text` into a scratch buffer named `name` in a new window.
local function scratch(name, text)
  local existing = vim.fn.bufnr(name)
  local bufnr = existing ~= -1 and existing or vim.api.nvim_create_buf(true, true)
  if existing == -1 then
    vim.api.nvim_buf_set_name(bufnr, name)
  end
  vim.bo[bufnr].buftype = 'nofile'
  vim.bo[bufnr].bufhidden = 'hide'
  vim.bo[bufnr].swapfile = false
  vim.bo[bufnr].modifiable = true
  vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, vim.split(vim.trim(text), '\n', { plain = true }))
  vim.bo[bufnr].modifiable = false
  if vim.fn.bufwinnr(bufnr) == -1 then
    vim.cmd('botright split')
    vim.api.nvim_win_set_buf(0, bufnr)
  end
  return bufnr
end

local function absolute(root, path)
  if path:sub(1, 1) == '/' then
    return path
  end
  return root .. '/' .. path
end

--- Every figure of the corpus in the quickfix list (each with its value and whether it is
--- sourced). `on_done(items)` is called once the list is set (for tests).
function M.figures(on_done)
  local root = corpus_root()
  run({ 'figures', '--format', 'json', root }, root, function(out)
    local ok, data = pcall(vim.json.decode, out)
    if not ok or type(data) ~= 'table' or type(data.figures) ~= 'table' then
      notify('could not read `crosscheck figures --format json` output', vim.log.levels.ERROR)
      return
    end
    local items = {}
    for _, f in ipairs(data.figures) do
      local status = f.kind ~= 'money' and f.kind or (f.sourced and 'sourced' or 'UNSOURCED')
      local claim = (f.claim ~= nil and f.claim ~= vim.NIL) and (' · claim ' .. tostring(f.claim)) or ''
      items[#items + 1] = {
        filename = absolute(root, f.path),
        lnum = f.line,
        col = f.column,
        end_lnum = f.end_line,
        end_col = f.end_column,
        text = ('%s (%s) · %s%s'):format(f.text, status, tostring(f.unit), claim),
        type = (f.kind == 'money' and not f.sourced) and 'W' or 'I',
      }
    end
    vim.fn.setqflist({}, ' ', { title = 'crosscheck figures: ' .. root, items = items })
    vim.cmd('botright copen')
    notify(('%d figure%s in %s'):format(#items, #items == 1 and '' or 's', root))
    if on_done then
      on_done(items)
    end
  end)
end

--- Every claim stated by two or more figures, with verdicts, in a scratch buffer.
function M.claims(on_done)
  local root = corpus_root()
  run({ 'claims', '--format', 'text', root }, root, function(out)
    if vim.trim(out) == '' then
      out = 'No claim is stated by two or more figures in ' .. root
    end
    local bufnr = scratch('crosscheck://claims', out)
    if on_done then
      on_done(bufnr)
    end
  end)
end

local function create_commands()
  vim.api.nvim_create_user_command('CrosscheckRestart', function()
    M.restart()
  end, { desc = 'Restart the crosscheck language server' })
  vim.api.nvim_create_user_command('CrosscheckFigures', function()
    M.figures()
  end, { desc = 'crosscheck: every figure of the corpus in the quickfix list' })
  vim.api.nvim_create_user_command('CrosscheckClaims', function()
    M.claims()
  end, { desc = 'crosscheck: the claims of the corpus in a scratch buffer' })
end

local enabled_autocmd = nil

--- Configure and enable the server. Call once; calling again replaces the options.
function M.setup(user)
  user = user or {}
  for _, k in ipairs({ 'cmd', 'settings', 'filetypes', 'root_markers' }) do
    if user[k] ~= nil and type(user[k]) ~= 'table' then
      error(('crosscheck.setup: `%s` must be a table, not %s'):format(k, type(user[k])), 2)
    end
  end
  opts = vim.tbl_deep_extend('force', vim.deepcopy(defaults), user)
  -- Lists replace, never merge element-wise.
  for _, k in ipairs({ 'cmd', 'filetypes', 'root_markers' }) do
    if user[k] then
      opts[k] = user[k]
    end
  end
  if user.settings then
    opts.settings = user.settings
  end
  warned = false
  if opts.commands then
    create_commands()
  end
  if not executable() then
    return
  end
  -- `_start_per_buffer` (for tests): take the 0.10 path on 0.11 too.
  if has_011() and not opts._start_per_buffer then
    vim.lsp.config(M.name, M.default_config())
    vim.lsp.enable(M.name)
  else
    if enabled_autocmd then
      pcall(vim.api.nvim_del_autocmd, enabled_autocmd)
    end
    enabled_autocmd = vim.api.nvim_create_autocmd('FileType', {
      group = vim.api.nvim_create_augroup('crosscheck', { clear = true }),
      pattern = opts.filetypes,
      callback = function(ev)
        start_buffer(ev.buf)
      end,
    })
    -- Buffers already open when setup() runs.
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) then
        start_buffer(bufnr)
      end
    end
  end
end

--- The options in force (for tests and :lua =require('crosscheck').options()).
function M.options()
  return vim.deepcopy(opts)
end

return M
