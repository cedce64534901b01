// vitest globalSetup: precompile the templates first, so a test run after editing a template
// never exercises a stale build of it.
import { execFileSync } from "node:child_process";
import { join } from "node:path";

export default function setup(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, "..", "scripts", "precompile-templates.mjs")], { stdio: "pipe" });
}
