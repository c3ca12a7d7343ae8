-- Runs inside `nvim --headless --clean -u test/e2e/nvim/init.lua -c 'luafile check.lua' REPORT`
-- (see run.mjs): waits for the language server's diagnostics on the report, hovers a participant
-- ID, changes a setting the way a Neovim user would, and writes everything it saw as JSON to
-- $REPORT_LINT_NVIM_OUT. It asserts nothing itself: run.mjs compares the JSON with the CLI, so a
-- failure there shows both sides. Uses only APIs that Neovim 0.7 (Debian 12) already has.

local out_path = assert(os.getenv('REPORT_LINT_NVIM_OUT'), 'REPORT_LINT_NVIM_OUT is not set')
local hover_id = os.getenv('REPORT_LINT_NVIM_HOVER_ID') or ''
local wait_ms = tonumber(os.getenv('REPORT_LINT_NVIM_WAIT_MS') or '') or 60000

local v = vim.version()
local result = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch) }

local function clients_of(buf)
  if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = buf }) end -- 0.10+
  local list = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(list, client) end
  return list
end

local function diagnostics_of(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    })
  end
  table.sort(list, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(a.code) < tostring(b.code)
  end)
  return list
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

-- The first place the ID is cited in the prose (table rows start with '|').
local function citation_of(buf, id)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(id, 1, true)
    if col and not line:match('^%s*|') then return i - 1, col - 1, line end
  end
end

local function hover_text(response)
  local contents = response and response.result and response.result.contents
  if type(contents) == 'string' then return contents end
  if type(contents) ~= 'table' then return nil end
  if contents.value then return contents.value end
  local parts = {}
  for _, part in ipairs(contents) do table.insert(parts, type(part) == 'string' and part or part.value) end
  return table.concat(parts, '\n')
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  result.file = vim.api.nvim_buf_get_name(buf)
  result.filetype = vim.bo[buf].filetype

  result.diagnosticsArrived = vim.wait(wait_ms, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.diagnostics = diagnostics_of(buf)

  local clients = clients_of(buf)
  result.clients = {}
  for _, client in ipairs(clients) do
    table.insert(result.clients, { name = client.name, root_dir = client.config.root_dir })
  end
  local client = clients[1]
  if not client then return end

  if hover_id ~= '' then
    local row, col, line = citation_of(buf, hover_id)
    result.hover = { id = hover_id, line = row }
    if row then
      -- Hover on the middle of the ID; the server counts UTF-16 code units, Neovim bytes.
      local _, character = vim.str_utfindex(line, col + math.floor(#hover_id / 2))
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        position = { line = row, character = character },
      }
      local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, wait_ms)
      result.hover.text = hover_text(responses and responses[client.id])
    end
  end

  -- Turn a rule off as a Neovim user would: change the client's settings and tell the server.
  -- Neovim answers the server's workspace/configuration request from client.config.settings.
  client.config.settings.reportLint.rules = { ['link-placeholder'] = 'off' }
  client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  result.afterSettingArrived = vim.wait(wait_ms, function()
    return #vim.diagnostic.get(buf) > 0 and not has_code(buf, 'link-placeholder')
  end, 50)
  result.afterSetting = diagnostics_of(buf)
end

local ok, err = pcall(run)
if not ok then result.error = tostring(err) end
local file = assert(io.open(out_path, 'w'))
file:write(vim.json.encode(result))
file:close()
vim.cmd('qall!')
