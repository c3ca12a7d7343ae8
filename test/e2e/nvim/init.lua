-- The Neovim snippet of docs/editors.md ("Other editors"), as test/e2e/nvim/run.mjs runs it. The only
-- difference is `cmd`: the test starts bin/report-lint-server.js of this checkout with node
-- (REPORT_LINT_SERVER_JS, set by run.mjs) instead of `npx`, so no npm lookup is involved.
-- run.mjs fails when the rest of this file no longer matches docs/editors.md.

local function report_lint_root(buf)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(buf), ':p:h')
  local config = vim.fn.findfile('.reportlintrc.json', dir .. ';')
  if config ~= '' then return vim.fn.fnamemodify(config, ':p:h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

local report_lint_clients = {} -- root → client id; only Neovim 0.7 needs this (vim.lsp.start reuses clients)

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    local config = {
      name = 'report-lint',
      cmd = { 'node', os.getenv('REPORT_LINT_SERVER_JS'), '--stdio' },
      root_dir = report_lint_root(args.buf),
      settings = { reportLint = { debounceMs = 150 } },
    }
    if vim.lsp.start then -- Neovim 0.8+
      vim.lsp.start(config)
    else
      local id = report_lint_clients[config.root_dir]
      if not (id and vim.lsp.get_client_by_id(id)) then
        id = vim.lsp.start_client(config)
        report_lint_clients[config.root_dir] = id
      end
      if id then vim.lsp.buf_attach_client(args.buf, id) end
    end
  end,
})
