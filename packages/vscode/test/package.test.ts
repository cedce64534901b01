import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** File names in a zip's central directory (entries are stored with their names in clear). */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.indexOf("PK\x01\x02"); i >= 0; i = zip.indexOf("PK\x01\x02", i + 4)) {
    const nameLength = zip.readUInt16LE(i + 28);
    names.push(zip.subarray(i + 46, i + 46 + nameLength).toString("utf8"));
  }
  return names.sort();
}

it("vsce packages the built extension into a .vsix holding the bundle its manifest names", () => {
  const out = mkdtempSync(join(tmpdir(), "llmchart-vsix-"));
  tmp.push(out);
  const vsix = join(out, "llmchart.vsix");
  const r = spawnSync(join(pkgDir, "node_modules", ".bin", "vsce"), ["package", "--no-dependencies", "--allow-missing-repository", "--skip-license", "--out", vsix], {
    cwd: pkgDir,
    encoding: "utf8",
  });
  expect(r.status, r.stderr + r.stdout).toBe(0);
  const zip = readFileSync(vsix);
  expect(zip.subarray(0, 4).toString("latin1")).toBe("PK\x03\x04");
  expect(zipEntries(zip)).toEqual(["[Content_Types].xml", "extension.vsixmanifest", "extension/dist/extension.cjs", "extension/package.json", "extension/readme.md"]);
  const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { main: string; engines: { vscode: string } };
  expect(`extension/${manifest.main.replace(/^\.\//, "")}`).toBe("extension/dist/extension.cjs");
  // The bundle carries the language client and leaves `vscode` to the editor.
  const bundle = readFileSync(join(pkgDir, "dist", "extension.cjs"), "utf8");
  expect(bundle).toContain('require("vscode")');
  expect(bundle).not.toMatch(/require\("vscode-languageclient/);
});
