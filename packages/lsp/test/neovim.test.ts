import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { afterThisTest, cliBin, edited, makeProject } from "./client.js";

/** Lua string literal. */
const lua = (s: string) => JSON.stringify(s);

// Neovim 0.7 (Debian bookworm's) has no vim.lsp.start: start_client + buf_attach_client is the API there and later.
function script(root: string, file: string, out: string): string {
  return `
local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(${lua(file)}))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "llmchart",
    cmd = { ${lua(process.execPath)}, ${lua(cliBin)}, "lsp", "--stdio" },
    root_dir = ${lua(root)},
  })
  assert(id, "start_client failed")
  vim.lsp.buf_attach_client(buf, id)
  -- A bound, not a timing assertion: the test fails on the content written below.
  vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(items, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity, message = d.message, source = d.source, code = d.code or lsp.code })
  end
  vim.fn.writefile({ vim.fn.json_encode({ diagnostics = items }) }, ${lua(out)})
  vim.lsp.stop_client(id)
  vim.wait(10000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end)
if not ok then
  vim.fn.writefile({ vim.fn.json_encode({ error = tostring(err) }) }, ${lua(out)})
end
vim.cmd("qa!")
`;
}

it("headless Neovim starts the server on a values file and reads the diagnostics back with vim.diagnostic.get()", () => {
  const version = spawnSync("nvim", ["--version"], { encoding: "utf8" });
  expect(version.error, "Neovim is required for this test: apt-get install -y neovim").toBeUndefined();
  const text = edited('  - "-t"\n  - "6"', '  - "-t"\n  - "12"');
  const project = makeProject({ "infra/apps/llm/values/m.yaml": text });
  afterThisTest(project.cleanup);
  const out = join(project.root, "out.json");
  const t = join(project.root, "t.lua");
  writeFileSync(t, script(project.root, join(project.root, "infra/apps/llm/values/m.yaml"), out));
  const r = spawnSync("nvim", ["--headless", "-u", "NONE", "-c", `luafile ${t}`], { cwd: project.root, encoding: "utf8", timeout: 110_000 });
  expect(r.status, r.stderr).toBe(0);
  const result = JSON.parse(readFileSync(out, "utf8")) as { error?: string; diagnostics?: Record<string, unknown>[] };
  expect(result.error).toBeUndefined();
  const line = text.split("\n").indexOf('  - "12"');
  expect(result.diagnostics).toEqual([
    {
      lnum: line,
      col: 4,
      end_lnum: line,
      end_col: 8,
      severity: 1,
      source: "llmchart",
      code: "threads-exceed-cpu-limit",
      message: expect.stringMatching(/^-t 12 runs 12 threads but resources.limits.cpu is "6"/) as unknown,
    },
  ]);
});
