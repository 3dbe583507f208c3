-- Neovim 0.7+ as a real LSP client of boardpaper-language-server.
--
--   BOARDPAPER_SERVER=dist/server.js BOARDPAPER_FILE=paper.md \
--     nvim --headless --clean -i NONE -u NONE -c 'luafile test/neovim/diagnostics.lua'
--
-- Opens the paper, starts the server with the 0.7 API (vim.lsp.start_client),
-- waits until diagnostics arrive, asks for a hover, and prints one line of JSON:
-- {"diagnostics":[{"code":…,"source":…,"severity":…,"lnum":…}],"hover":"…"}
-- then quits (exit status 0; 1 on a timeout, with what went wrong in "error").

local server = os.getenv('BOARDPAPER_SERVER') or 'dist/server.js'
local file = os.getenv('BOARDPAPER_FILE')
local root = os.getenv('BOARDPAPER_ROOT') or vim.fn.fnamemodify(file or '.', ':p:h')
local timeout = tonumber(os.getenv('BOARDPAPER_TIMEOUT') or '10000')

local function finish(result, status)
  io.stdout:write(vim.fn.json_encode(result) .. '\n')
  io.stdout:flush()
  vim.cmd((status == 0) and 'qall!' or 'cquit! ' .. status)
end

if not file then
  finish({ error = 'set BOARDPAPER_FILE' }, 1)
  return
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown'

local client_id = vim.lsp.start_client({
  name = 'boardpaper',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'papers' } },
  settings = { boardPaper = {} },
})
if not client_id then
  finish({ error = 'the server did not start' }, 1)
  return
end
vim.lsp.buf_attach_client(bufnr, client_id)

local ok = vim.wait(timeout, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 50)

local out = { diagnostics = {} }
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(out.diagnostics, { code = d.code, source = d.source, severity = d.severity, lnum = d.lnum, col = d.col, message = d.message })
end
if not ok then
  out.error = 'no diagnostics within ' .. timeout .. ' ms'
end

-- A hover on the strategic objectives line, to see a request round trip.
local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
for i, l in ipairs(lines) do
  local s = l:find('SO1')
  if s then
    local res = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = i - 1, character = s },
    }, timeout)
    for _, r in pairs(res or {}) do
      if r.result and r.result.contents then
        out.hover = r.result.contents.value or r.result.contents
      end
    end
    break
  end
end

vim.lsp.stop_client(client_id)
finish(out, ok and 0 or 1)
