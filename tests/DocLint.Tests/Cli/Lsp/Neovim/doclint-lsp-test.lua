-- A real editor as the client of `doclint lsp`: Neovim (0.7+) headless with its built-in LSP client.
-- Run by NeovimTests: nvim --headless -u NONE -i NONE -n -c "luafile doclint-lsp-test.lua"
-- Environment: DOCLINT_REPO (a copy of docs-fixtures/bf-dev with docs/operations/runbooks/portal.md added),
-- DOCLINT_CMD (the server command, arguments separated by tabs). Prints "ok: ..." per check; exits 0 when all pass.
local root = os.getenv("DOCLINT_REPO")
local cmd = vim.split(os.getenv("DOCLINT_CMD"), "\t", { plain = true })
vim.o.hidden = true

local function out(s) io.stdout:write(s .. "\n") end
local function fail(msg)
  io.stdout:write("FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end
local function check(cond, msg)
  if not cond then fail(msg) end
  out("ok: " .. msg)
end

-- How many times the server published diagnostics for each URI (then Neovim's own handler shows them).
local published = {}
local function on_publish(err, result, ctx, config)
  published[result.uri] = (published[result.uri] or 0) + 1
  return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

-- As README's Neovim snippet (vim.lsp.start_client, from 0.5), plus the counting handler.
local client_id = vim.lsp.start_client({
  name = "doclint",
  cmd = cmd,
  root_dir = root,
  flags = { debounce_text_changes = 50 },
  handlers = { ["textDocument/publishDiagnostics"] = on_publish },
})
check(client_id ~= nil, "started doclint lsp")

local function open(rel)
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. rel))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  return buf
end

local function wait(what, pred)
  if not vim.wait(60000, pred, 20) then fail("timed out waiting for " .. what) end
end

local function diags(buf) return vim.diagnostic.get(buf) end

-- 1. A drifted runbook: an obsolete action name typed into the buffer (not saved).
local runbook = open("docs/operations/runbooks/index.md")
local client = vim.lsp.get_client_by_id(client_id)
wait("the server to initialize", function() return client.initialized end)
local line = vim.api.nvim_buf_get_lines(runbook, 39, 40, false)[1]
local action = "bring-all-code-to-release-branch"
local col = line:find(action, 1, true) - 1
vim.api.nvim_buf_set_text(runbook, 39, col, 39, col + #action, { "cut-off" })
wait("the docs-action-name diagnostic", function() return #diags(runbook) > 0 end)
local d = diags(runbook)[1]
check(#diags(runbook) == 1 and d.code == "docs-action-name" and d.lnum == 39 and d.col == col and d.source == "doclint",
  "diagnostic docs-action-name on line 40: " .. d.message)

-- 2. Its quick fix, applied as the editor applies it.
local params = { textDocument = { uri = vim.uri_from_bufnr(runbook) },
  range = { start = { line = 39, character = 0 }, ["end"] = { line = 39, character = 0 } },
  context = { diagnostics = {} } }
local responses = vim.lsp.buf_request_sync(runbook, "textDocument/codeAction", params, 30000)
local fix
for _, r in pairs(responses or {}) do
  for _, a in ipairs(r.result or {}) do
    if a.kind == "quickfix" and a.title:sub(1, 4) == "Fix:" then fix = a end
  end
end
check(fix ~= nil, "a quick fix is offered: " .. (fix and fix.title or "none"))
vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
check(vim.api.nvim_buf_get_lines(runbook, 39, 40, false)[1] == line, "the fix restored the line: " .. line)
wait("the diagnostic to clear", function() return #diags(runbook) == 0 end)
check(#diags(runbook) == 0, "the diagnostic cleared")

-- 3. A project option dropped in an unsaved CI buffer: the open runbook invoking it gains a diagnostic.
local portal = open("docs/operations/runbooks/portal.md")
wait("the portal runbook to be judged", function() return (published[vim.uri_from_bufnr(portal)] or 0) > 0 end)
check(#diags(portal) == 0, "portal runbook is clean before the CI edit")
local ci = open(".gitlab-ci.yml")
local ci_lines = vim.api.nvim_buf_get_lines(ci, 0, -1, false)
local option
for i, l in ipairs(ci_lines) do
  if l == "        - bf-portal" then option = i; break end
end
check(option ~= nil, "found the bf-portal option in .gitlab-ci.yml line " .. tostring(option))
vim.api.nvim_buf_set_lines(ci, option - 1, option, false, {})
wait("the portal invocation diagnostic", function() return #diags(portal) > 0 end)
local p = diags(portal)[1]
check(p.lnum == 3 and p.message:find("bf-portal", 1, true) ~= nil, "portal runbook line 4: [" .. tostring(p.code) .. "] " .. p.message)

-- 4. Hover on the invocation shows the created job (the CI buffer restored first).
vim.api.nvim_buf_set_lines(ci, option - 1, option - 1, false, { "        - bf-portal" })
wait("the portal diagnostic to clear", function() return #diags(portal) == 0 end)
local hover = vim.lsp.buf_request_sync(portal, "textDocument/hover",
  { textDocument = { uri = vim.uri_from_bufnr(portal) }, position = { line = 3, character = 12 } }, 30000)
local text = ""
for _, r in pairs(hover or {}) do
  if r.result then text = r.result.contents.value end
end
check(text:find("release:single → betterfleet/bf-portal@release", 1, true) ~= nil, "hover shows the created job: " .. (text:match("\n%- (.-)\n") or text))

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
out("ALL PASSED")
vim.cmd("qa!")
