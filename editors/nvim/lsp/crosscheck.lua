-- The default configuration of the crosscheck language server for Neovim 0.11+.
--
-- Neovim merges every `lsp/<name>.lua` on the runtimepath into `vim.lsp.config[name]`, so with
-- this plugin on the runtimepath `vim.lsp.enable('crosscheck')` works on its own.
-- `require('crosscheck').setup()` does that and more (a check that the executable exists,
-- settings, commands). See editors/nvim/README.md.
return require('crosscheck').default_config()
