#!/usr/bin/env node
// The only place that touches process exit state: the CLI core returns a code.
// The CLI runs from its bundle (scripts/bundle.mjs): a small entry, each command a chunk of its own.
import module from "node:module";

let code;
// A reader that stops early (`llmchart lint | head`) is not a failure to report with a stack
// trace: stop quietly, with the result when there is one, else as a process killed by SIGPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code !== "EPIPE") throw err;
    process.exit(code ?? 141);
  });
}

// Node 22.1+ keeps compiled code on disk between runs; on Node 20 this is simply absent.
module.enableCompileCache?.();
const { main } = await import("../dist/bundle/main.js");
code = await main(process.argv.slice(2));
// Exit once everything written has reached stdout and stderr (a pipe takes it asynchronously:
// exiting before would cut a long report at 64 KiB). Letting the event loop run dry instead
// costs 5–15 ms of nothing but closing file handles and waiting for V8's background compiler.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write("", resolve))));
// Node 22.10+: write the compile cache now, not at an exit that process.exit() may cut short.
module.flushCompileCache?.();
process.exit(code);
