-- Headless Neovim test of the crosscheck plugin against the real `crosscheck lsp`, through
-- Neovim's own LSP client. Run by run.sh:
--
--   nvim --headless --clean -c 'luafile editors/nvim/test/test.lua'
--
-- with CROSSCHECK_BIN (the binary), CROSSCHECK_CORPUS (a temporary copy of
-- editors/fixtures/corpus), CROSSCHECK_LONE (an empty temporary folder with no crosscheck.toml
-- or .git above it) and CROSSCHECK_PLUGIN (editors/nvim). Prints one line per check and
-- "N passed, M failed"; exits 1 when anything failed.

local bin = assert(os.getenv('CROSSCHECK_BIN'), 'CROSSCHECK_BIN is not set')
local root = assert(os.getenv('CROSSCHECK_CORPUS'), 'CROSSCHECK_CORPUS is not set')
local lone = assert(os.getenv('CROSSCHECK_LONE'), 'CROSSCHECK_LONE is not set')
local plugin = assert(os.getenv('CROSSCHECK_PLUGIN'), 'CROSSCHECK_PLUGIN is not set')
local TIMEOUT = 30000

vim.opt.runtimepath:prepend(plugin)
-- Everything between Neovim and the server goes to the LSP log, which run.sh shows on failure.
vim.lsp.set_log_level('debug')
vim.o.swapfile = false
vim.o.shortmess = vim.o.shortmess .. 'A'

local function say(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

-- Every vim.notify (the plugin's messages, and the server's window/showMessage) is kept.
local notes = {}
vim.notify = function(msg, level)
  notes[#notes + 1] = { msg = tostring(msg), level = level }
end

local passed, failed = 0, 0
local function check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    say('ok   ' .. name)
  else
    failed = failed + 1
    say('FAIL ' .. name .. '\n     ' .. tostring(err):gsub('\n', '\n     '))
  end
end

local function eq(got, want, what)
  if not vim.deep_equal(got, want) then
    error(('%s:\n  want %s\n  got  %s'):format(what or 'value', vim.inspect(want), vim.inspect(got)), 2)
  end
end

local function truthy(v, what)
  if not v then
    error(what or 'expected a true value', 2)
  end
  return v
end

local function wait(what, cond, ms)
  if not vim.wait(ms or TIMEOUT, cond, 20) then
    error('timed out waiting for ' .. what, 2)
  end
end

-- Clients whose server has finished its start-up: initialized, its file watcher registered and
-- its indexing progress ended. Stopping a client before that hits a server bug: a server that
-- gets shutdown and exit while its own requests from `initialized` (client/registerCapability,
-- window/workDoneProgress/create) are unanswered never exits (Neovim then has to kill it).
local progress_done = {}
vim.api.nvim_create_autocmd('LspProgress', {
  callback = function(ev)
    if ev.data.params.value.kind == 'end' then
      progress_done[ev.data.client_id] = true
    end
  end,
})
local function settled(c)
  return c.initialized and progress_done[c.id] and c.dynamic_capabilities:get('workspace/didChangeWatchedFiles') ~= nil
end
local function wait_settled()
  if not vim.wait(TIMEOUT, function()
    return vim.iter(vim.lsp.get_clients({ name = 'crosscheck', _uninitialized = true })):all(settled)
  end, 20) then
    error('timed out waiting for every client to finish starting', 2)
  end
end

local function client_of(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'crosscheck' })[1]
end

--- Diagnostics of a buffer as {code, lnum, col, end_lnum, end_col}, sorted.
local function diags(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[#out + 1] = { d.code, d.lnum, d.col, d.end_lnum, d.end_col }
  end
  table.sort(out, function(a, b)
    return a[2] < b[2] or (a[2] == b[2] and a[3] < b[3])
  end)
  return out
end

local function wait_diags(buf, want, what)
  local ok = vim.wait(TIMEOUT, function()
    return vim.deep_equal(diags(buf), want)
  end, 20)
  if not ok then
    error(('timed out waiting for %s:\n  want %s\n  got  %s'):format(what, vim.inspect(want), vim.inspect(diags(buf))), 2)
  end
end

--- One request through Neovim's client; the result of the crosscheck client.
local function request(buf, method, params)
  local results, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  truthy(results, method .. ' failed: ' .. tostring(err))
  local client = client_of(buf)
  local r = results[client.id]
  truthy(r, method .. ': no answer from crosscheck')
  if r.err then
    error(method .. ' returned an error: ' .. vim.inspect(r.err), 2)
  end
  return r.result
end

local function at(buf, line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
end

local function text_at(buf, d)
  return table.concat(vim.api.nvim_buf_get_text(buf, d.lnum, d.col, d.end_lnum, d.end_col, {}), '\n')
end

local ferry_path = root .. '/ferry.md'
local pier_path = root .. '/pier.md'
local ferry_uri = vim.uri_from_fname(ferry_path)
local pier_uri = vim.uri_from_fname(pier_path)
local buf

-- The conflicting figure "320 passengers" (line 3), and "$2.7 million" after two em dashes
-- (line 5): UTF-8 columns, as Neovim negotiates utf-8. 48 characters precede it, 52 bytes.
local CONFLICT = { 'conflicting-figure', 2, 35, 2, 49 }
local UNSOURCED = { 'unsourced-figure', 4, 52, 4, 64 }

check('a missing executable is reported clearly and starts nothing', function()
  require('crosscheck').setup({ cmd = { '/nonexistent/crosscheck', 'lsp' } })
  local msg = notes[#notes] and notes[#notes].msg or ''
  truthy(msg:find('/nonexistent/crosscheck', 1, true) and msg:find('not an executable', 1, true), 'message was: ' .. msg)
  eq(notes[#notes].level, vim.log.levels.ERROR, 'level')
  eq(vim.lsp.is_enabled and vim.lsp.is_enabled('crosscheck'), false, 'enabled')
end)

check('setup enables the server with the settings and watched-file registration', function()
  notes = {}
  require('crosscheck').setup({
    cmd = { bin, 'lsp' },
    -- pollIntervalMs 0: the server never polls, so files changed on disk reach it only
    -- through Neovim's watcher. Unsourced figures become errors (crosscheck.toml says nothing).
    settings = { pollIntervalMs = 0, severity = { ['unsourced-figure'] = 'error' } },
  })
  truthy(vim.lsp.is_enabled('crosscheck'), 'vim.lsp.enable was not called')
  eq(vim.fn.exists(':CrosscheckRestart'), 2, ':CrosscheckRestart')
  eq(vim.fn.exists(':CrosscheckFigures'), 2, ':CrosscheckFigures')
  eq(vim.fn.exists(':CrosscheckClaims'), 2, ':CrosscheckClaims')
end)

check('opening a Markdown file attaches it, rooted at crosscheck.toml, in utf-8', function()
  vim.cmd.edit(vim.fn.fnameescape(ferry_path))
  buf = vim.api.nvim_get_current_buf()
  eq(vim.bo[buf].filetype, 'markdown', 'filetype')
  wait('the client to attach', function()
    local c = client_of(buf)
    return c and c.initialized
  end)
  local c = client_of(buf)
  eq(c.config.root_dir, root, 'root_dir')
  eq(c.offset_encoding, 'utf-8', 'position encoding')
  eq(c.server_info and c.server_info.name, 'crosscheck', 'server name')
  eq(c.config.capabilities.workspace.didChangeWatchedFiles.dynamicRegistration, true, 'dynamic watch offered')
end)

check('diagnostics: codes and exact ranges, across both documents', function()
  wait_diags(buf, { CONFLICT, UNSOURCED }, 'the unsourced and the conflicting figure')
  local ds = vim.diagnostic.get(buf)
  table.sort(ds, function(a, b)
    return a.lnum < b.lnum
  end)
  eq(text_at(buf, ds[1]), '320 passengers', 'conflict text')
  eq(text_at(buf, ds[2]), '$2.7 million', 'unsourced text')
  eq(ds[1].source, 'crosscheck', 'source')
  eq(ds[1].severity, vim.diagnostic.severity.WARN, 'conflict severity (the default)')
  eq(ds[2].severity, vim.diagnostic.severity.ERROR, 'unsourced severity (from the settings)')
  truthy(ds[2].message:find('^%$2%.7 million has no source'), 'message: ' .. ds[2].message)
  -- The server names the other document relative to the workspace folder; the related
  -- location carries its full URI.
  truthy(ds[1].message:find('410 passengers in pier.md:3', 1, true), 'message: ' .. ds[1].message)
  local related = ds[1].user_data.lsp.relatedInformation[1]
  eq(related.location.uri, pier_uri, 'related uri')
  eq(related.location.range.start, { line = 2, character = 35 }, 'related start')
end)

check('the server registered its file watcher with Neovim', function()
  local c = client_of(buf)
  wait('the registration', function()
    return c.dynamic_capabilities:get('workspace/didChangeWatchedFiles') ~= nil
  end)
end)

check('definition: Okafor goes to Ines Okafor (vim.lsp.buf_request_sync and vim.lsp.buf.definition)', function()
  local r = request(buf, 'textDocument/definition', at(buf, 6, 2))
  if vim.islist(r) then
    r = r[1]
  end
  eq(r.uri, ferry_uri, 'uri')
  eq(r.range, { start = { line = 2, character = 82 }, ['end'] = { line = 2, character = 93 } }, 'range')
  -- The same through the user-facing function: the cursor jumps there.
  vim.api.nvim_win_set_cursor(0, { 7, 2 })
  vim.lsp.buf.definition()
  wait('the cursor to jump', function()
    return vim.deep_equal(vim.api.nvim_win_get_cursor(0), { 3, 82 })
  end)
end)

check('references: every mention of Ines Okafor in the corpus', function()
  local p = at(buf, 6, 2)
  p.context = { includeDeclaration = true }
  local r = request(buf, 'textDocument/references', p)
  local got = {}
  for _, l in ipairs(r) do
    got[#got + 1] = ('%s:%d:%d-%d'):format(vim.fs.basename(vim.uri_to_fname(l.uri)), l.range.start.line, l.range.start.character, l.range['end'].character)
  end
  table.sort(got)
  eq(got, { 'ferry.md:2:82-93', 'ferry.md:6:0-6', 'pier.md:4:0-11' }, 'references')
  p.context = { includeDeclaration = false }
  eq(#request(buf, 'textDocument/references', p), 2, 'references without the declaration')
end)

check('hover: a name and a figure', function()
  local h = request(buf, 'textDocument/hover', at(buf, 6, 2))
  local v = h.contents.value
  truthy(v:find('**Ines Okafor** · person', 1, true) and v:find('3 mentions in 2 documents', 1, true), 'hover: ' .. v)
  local f = request(buf, 'textDocument/hover', at(buf, 4, 56)).contents.value
  truthy(f:find('2,700,000 USD', 1, true) and f:find('not sourced', 1, true), 'hover: ' .. f)
  local c = request(buf, 'textDocument/hover', at(buf, 2, 40)).contents.value
  truthy(c:find('410 passengers', 1, true), 'hover lists the conflicting figure: ' .. c)
end)

check('rename: Okafor becomes Adeyemi across the corpus, applied by Neovim', function()
  local prep = request(buf, 'textDocument/prepareRename', at(buf, 6, 2))
  eq(prep.placeholder, 'Okafor', 'placeholder')
  local p = at(buf, 6, 2)
  p.newName = 'Ines Adeyemi'
  local edit = request(buf, 'textDocument/rename', p)
  local by_file = {}
  for uri, edits in pairs(edit.changes or {}) do
    local texts = {}
    for _, e in ipairs(edits) do
      texts[#texts + 1] = ('%d:%d %s'):format(e.range.start.line, e.range.start.character, e.newText)
    end
    table.sort(texts)
    by_file[vim.fs.basename(vim.uri_to_fname(uri))] = texts
  end
  for _, dc in ipairs(edit.documentChanges or {}) do
    local texts = {}
    for _, e in ipairs(dc.edits) do
      texts[#texts + 1] = ('%d:%d %s'):format(e.range.start.line, e.range.start.character, e.newText)
    end
    table.sort(texts)
    by_file[vim.fs.basename(vim.uri_to_fname(dc.textDocument.uri))] = texts
  end
  eq(by_file, { ['ferry.md'] = { '2:82 Ines Adeyemi', '6:0 Adeyemi' }, ['pier.md'] = { '4:0 Ines Adeyemi' } }, 'edits')
  vim.lsp.util.apply_workspace_edit(edit, client_of(buf).offset_encoding)
  eq(vim.api.nvim_buf_get_lines(buf, 6, 7, false)[1], 'Adeyemi wants a second boat before the winter timetable.', 'line 7')
  -- Neovim sent the edit to the server: the new name resolves.
  wait('the server to know Adeyemi', function()
    local ok, r = pcall(request, buf, 'textDocument/definition', at(buf, 6, 2))
    if ok and vim.islist(r) then
      r = r[1]
    end
    return ok and r and r.range and r.range.start.line == 2 and r.range['end'].character == 94
  end)
  vim.cmd('silent! wall')
end)

check('edits through nvim_buf_set_text update the diagnostics', function()
  -- Attribute the refit's cost: the unsourced figure goes.
  local line = vim.api.nvim_buf_get_lines(buf, 4, 5, false)[1]
  local dot = #line - 1
  vim.api.nvim_buf_set_text(buf, 4, dot, 4, dot, { ', the port authority said' })
  wait_diags(buf, { CONFLICT }, 'the unsourced figure to go')
  -- 320 → 410 agrees with pier.md: the conflict goes too.
  vim.api.nvim_buf_set_text(buf, 2, 35, 2, 38, { '410' })
  wait_diags(buf, {}, 'no diagnostics')
  -- A new unsourced figure after a curly quote, on a new last line.
  local last = vim.api.nvim_buf_line_count(buf)
  local end_col = #vim.api.nvim_buf_get_lines(buf, last - 1, last, false)[1]
  vim.api.nvim_buf_set_text(buf, last - 1, end_col, last - 1, end_col, { '', '', '“New” gangways cost $450,000.' })
  -- “ and ” are three bytes each: the figure starts at byte 24.
  wait_diags(buf, { { 'unsourced-figure', last + 1, 24, last + 1, 32 } }, 'the new unsourced figure')
  -- Undo it all but the 410: the new figure goes again.
  vim.api.nvim_buf_set_lines(buf, last, last + 2, false, {})
  wait_diags(buf, {}, 'no diagnostics after deleting the line')
end)

check('a file created on disk reaches the server through Neovim\'s watcher', function()
  local f = assert(io.open(root .. '/late.md', 'w'))
  f:write('The Larkspur Ferry Company carries 900 passengers on each crossing, the port authority said.\n')
  f:close()
  local ok, err = pcall(function()
    -- 410 in the open buffer now conflicts with 900 in the new file.
    wait_diags(buf, { { 'conflicting-figure', 2, 35, 2, 49 } }, 'a conflict with late.md')
    truthy(vim.diagnostic.get(buf)[1].message:find('late.md', 1, true), 'message names late.md')
  end)
  os.remove(root .. '/late.md')
  if not ok then
    error(err, 0)
  end
  wait_diags(buf, {}, 'the conflict to go with the file')
end)

check(':CrosscheckFigures lists the corpus\'s figures in the quickfix list', function()
  local items
  require('crosscheck').figures(function(i)
    items = i
  end)
  wait('crosscheck figures', function()
    return items ~= nil
  end)
  local qf = vim.fn.getqflist()
  eq(#qf, 3, 'figures on disk (the buffer was saved with the rename only)')
  local texts = vim.tbl_map(function(i)
    return i.text
  end, qf)
  truthy(vim.tbl_contains(texts, '$2.7 million (UNSOURCED) · USD'), vim.inspect(texts))
  eq(vim.api.nvim_buf_get_name(qf[1].bufnr), ferry_path, 'first file')
  eq({ qf[1].lnum, qf[1].col }, { 3, 36 }, 'first position')
  vim.cmd('cclose')
end)

check(':CrosscheckClaims shows the claims in a scratch buffer', function()
  local sb
  require('crosscheck').claims(function(b)
    sb = b
  end)
  wait('crosscheck claims', function()
    return sb ~= nil
  end)
  local text = table.concat(vim.api.nvim_buf_get_lines(sb, 0, -1, false), '\n')
  truthy(text:find('Larkspur Ferry Company, traffic, passengers [conflict]', 1, true), text)
  eq(vim.bo[sb].buftype, 'nofile', 'scratch')
  vim.cmd('close')
end)

check('a text file outside any project runs in single-file mode', function()
  local path = lone .. '/memo.txt'
  local f = assert(io.open(path, 'w'))
  f:write('The kiosk cost $5 million.\n')
  f:close()
  vim.cmd.edit(vim.fn.fnameescape(path))
  local b = vim.api.nvim_get_current_buf()
  eq(vim.bo[b].filetype, 'text', 'filetype')
  wait_diags(b, { { 'unsourced-figure', 0, 15, 0, 25 } }, 'the memo\'s unsourced figure')
  local c = client_of(b)
  eq(c.config.root_dir, nil, 'no root')
  truthy(c.id ~= client_of(buf).id, 'a client of its own')
  vim.cmd.buffer(buf)
end)

check(':checkhealth crosscheck reports the server and the attached buffer', function()
  vim.cmd('silent checkhealth crosscheck')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  truthy(text:find('OK crosscheck %d+%.%d+'), 'the server found: ' .. text)
  truthy(text:find('client %d+: root ' .. vim.pesc(root) .. ', positions in utf%-8, 2 buffers: '), 'the corpus client: ' .. text)
  truthy(text:find('root (none: single-file mode)', 1, true), 'the single-file client: ' .. text)
  truthy(not text:find('WARNING') and not text:find('ERROR'), 'no warnings: ' .. text)
  vim.cmd('bwipeout!')
end)

check(':CrosscheckRestart starts new servers and re-attaches the buffers', function()
  local old = vim.tbl_map(function(c)
    return c.id
  end, vim.lsp.get_clients({ name = 'crosscheck' }))
  eq(#old, 2, 'clients before (the corpus and the lone file)')
  wait_settled()
  local t0 = vim.uv.hrtime()
  vim.cmd('CrosscheckRestart')
  -- Well under the 3 s after which the plugin kills a server that does not exit.
  truthy((vim.uv.hrtime() - t0) / 1e6 < 2500, 'the old servers exited by themselves')
  -- The old clients are gone when the command returns; new ones start for both buffers.
  for _, id in ipairs(old) do
    eq(vim.lsp.get_client_by_id(id), nil, 'old client ' .. id)
  end
  wait('two new initialized clients', function()
    local cs = vim.lsp.get_clients({ name = 'crosscheck', _uninitialized = true })
    return #cs == 2 and vim.iter(cs):all(function(c)
      return c.initialized and not vim.tbl_contains(old, c.id)
    end)
  end)
  truthy(vim.iter(notes):any(function(n)
    -- ferry.md, pier.md (loaded by the rename) and memo.txt.
    return n.msg == 'crosscheck: restarted (3 buffers attached)'
  end), 'the restart message: ' .. vim.inspect(notes))
  vim.api.nvim_buf_set_text(buf, 2, 35, 2, 38, { '320' })
  wait_diags(buf, { CONFLICT }, 'diagnostics from the new server')
end)

check('the Neovim 0.10 path (vim.lsp.start from FileType) attaches and diagnoses', function()
  wait_settled()
  vim.lsp.enable('crosscheck', false)
  -- Clients still initializing are not in get_clients() by default, and enable(false) leaves them.
  for _, c in ipairs(vim.lsp.get_clients({ name = 'crosscheck', _uninitialized = true })) do
    c:stop()
  end
  local ok = vim.wait(TIMEOUT, function()
    return #vim.lsp.get_clients({ name = 'crosscheck', _uninitialized = true }) == 0
  end, 20)
  truthy(ok, 'the clients did not stop: ' .. vim.inspect(vim.tbl_map(function(c)
    return { id = c.id, initialized = c.initialized, stopping = c._is_stopping, closing = c.rpc.is_closing(), root = c.config.root_dir }
  end, vim.lsp.get_clients({ _uninitialized = true }))))
  require('crosscheck').setup({ cmd = { bin, 'lsp' }, _start_per_buffer = true })
  -- Buffers open at setup() are attached at once.
  wait('ferry.md to attach', function()
    local c = client_of(buf)
    return c and c.initialized
  end)
  eq(client_of(buf).config.root_dir, root, 'root_dir')
  -- The buffer as the earlier checks left it: $2.7 million attributed, 320 passengers again.
  wait_diags(buf, { CONFLICT }, 'diagnostics from the new client')
  -- A buffer opened later is attached by the FileType autocommand, to the same client.
  local path = root .. '/harbour.md'
  local f = assert(io.open(path, 'w'))
  f:write('The harbour wall cost $8 million.\n')
  f:close()
  vim.cmd.edit(vim.fn.fnameescape(path))
  local b = vim.api.nvim_get_current_buf()
  wait_diags(b, { { 'unsourced-figure', 0, 22, 0, 32 } }, 'harbour.md diagnostics')
  eq(client_of(b).id, client_of(buf).id, 'one client per root')
  vim.cmd.buffer(buf)
end)

check('no warnings from the server about settings', function()
  for _, n in ipairs(notes) do
    if (n.level or 0) >= vim.log.levels.WARN then
      error('unexpected message: ' .. n.msg)
    end
  end
end)

pcall(wait_settled)
for _, c in ipairs(vim.lsp.get_clients({ _uninitialized = true })) do
  c:stop()
end
vim.wait(5000, function()
  return #vim.lsp.get_clients({ _uninitialized = true }) == 0
end, 20)

say(('%d passed, %d failed'):format(passed, failed))
vim.cmd((failed == 0 and 'qall!' or 'cquit! 1'))
