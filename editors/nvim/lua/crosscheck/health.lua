-- :checkhealth crosscheck — is the server there, which Neovim, what the current buffer gets.
local M = {}

function M.check()
  local h = vim.health
  local cc = require('crosscheck')
  local opts = cc.options()

  h.start('crosscheck: Neovim')
  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    h.ok('Neovim ' .. version .. ' (vim.lsp.config / vim.lsp.enable)')
  elseif vim.fn.has('nvim-0.10') == 1 then
    h.warn('Neovim ' .. version .. ': supported on a best-effort basis (vim.lsp.start); 0.11+ is tested')
  else
    h.error('Neovim ' .. version .. ' is too old: crosscheck needs 0.10 or newer')
  end

  h.start('crosscheck: server')
  local exe = opts.cmd[1]
  if vim.fn.executable(exe) == 1 then
    local path = vim.fn.exepath(exe)
    local out = vim.fn.system({ path, '--version' })
    h.ok(('%s (%s)'):format(vim.trim(out), path))
  else
    h.error(('%q is not executable or not on PATH'):format(tostring(exe)), {
      'Install it: `cargo install --path .` in the crosscheck repository',
      "Or give its path: require('crosscheck').setup({ cmd = { '/path/to/crosscheck', 'lsp' } })",
    })
  end
  h.info('command: ' .. table.concat(opts.cmd, ' '))
  h.info('filetypes: ' .. table.concat(opts.filetypes, ', '))
  h.info('watch files through Neovim: ' .. tostring(opts.watch_files))

  h.start('crosscheck: clients')
  local clients = vim.lsp.get_clients({ name = cc.name })
  if #clients == 0 then
    h.info('no crosscheck client is running (open a Markdown or text file)')
  end
  for _, c in ipairs(clients) do
    local bufs = vim.tbl_map(function(b)
      return vim.fn.fnamemodify(vim.api.nvim_buf_get_name(b), ':~:.')
    end, vim.tbl_keys(c.attached_buffers))
    table.sort(bufs)
    h.ok(('client %d: root %s, positions in %s, %d buffer%s: %s'):format(
      c.id,
      c.config.root_dir or '(none: single-file mode)',
      c.offset_encoding,
      #bufs,
      #bufs == 1 and '' or 's',
      table.concat(bufs, ', ')
    ))
  end
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].buftype == '' and vim.tbl_contains(opts.filetypes, vim.bo[b].filetype) then
      if #vim.lsp.get_clients({ bufnr = b, name = cc.name }) == 0 then
        h.warn(('%s (%s) is not attached'):format(vim.api.nvim_buf_get_name(b), vim.bo[b].filetype), {
          ':CrosscheckRestart',
          'See the LSP log: :lua vim.cmd.edit(vim.lsp.get_log_path())',
        })
      end
    end
  end
end

return M
