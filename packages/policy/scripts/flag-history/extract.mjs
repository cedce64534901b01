// extract: the source files of one llama.cpp version → the plain list of options that version
// declares (server and other tools), whatever the era's declaration form.

import { extractArgs } from "./extract-args.mjs";
import { extractChain } from "./extract-chain.mjs";
import { makeFacts } from "./facts.mjs";

/** The files a version's options and their defaults are read from, by era. */
export const SOURCE_PATHS = Object.freeze([
  "common/arg.cpp",
  "common/common.cpp",
  "common/common.h",
  "common/sampling.h",
  "examples/server/server.cpp",
]);

/**
 * Which files an era needs, given which exist: b3716 → arg.cpp; b3683–b3715 common.cpp's
 * parser init; b3087–b3682 common.cpp's `if (arg == …)` chain; before, the server's own chain.
 * @param {(path: string) => boolean} has
 * @param {(path: string) => string} read
 */
export function eraOf(has, read) {
  if (has("common/arg.cpp")) return "arg.cpp";
  if (has("common/common.cpp") && /\b(gpt|common)_params_parser_init\b/.test(read("common/common.cpp"))) return "common.cpp objects";
  if (has("examples/server/server.cpp") && /\bserver_params_parse\b/.test(read("examples/server/server.cpp"))) return "server.cpp chain";
  return "common.cpp chain";
}

/**
 * @param {Record<string, string | undefined>} files path → text (missing files undefined)
 * @returns {{ era: string, flags: import("./facts.mjs").FlagFacts[] }}
 */
export function extract(files) {
  const has = (p) => typeof files[p] === "string";
  const read = (p) => files[p] ?? "";
  const era = eraOf(has, read);
  const headers = [read("common/common.h"), read("common/sampling.h")];
  let flags;
  if (era === "arg.cpp") flags = extractArgs(read("common/arg.cpp"), headers);
  else if (era === "common.cpp objects") flags = extractArgs(read("common/common.cpp"), headers);
  else if (era === "server.cpp chain") {
    const server = read("examples/server/server.cpp");
    const own = extractChain({ parser: server, parserFn: "server_params_parse", usage: server, usageFn: "server_print_usage", headers: [...headers, server], server: true }) ?? [];
    const common = commonChain(files, headers, false);
    flags = [...own, ...common];
  } else flags = commonChain(files, headers, true);
  return { era, flags: normalizeVersion(flags ?? []) };
}

function commonChain(files, headers, server) {
  const common = files["common/common.cpp"] ?? "";
  return extractChain({
    parser: common, parserFn: "gpt_params_find_arg", usage: common, usageFn: "gpt_params_print_usage",
    envSource: server ? common : undefined, headers, server,
  }) ?? [];
}

/**
 * One entry per spelling: server options first (a server twin wins over another tool's), a later
 * declaration loses the spellings an earlier one took, and one left with none is dropped (its
 * tools join the entry that took its first spelling).
 * @param {import("./facts.mjs").FlagFacts[]} flags
 */
export function normalizeVersion(flags) {
  const ordered = [...flags.filter((f) => f.server), ...flags.filter((f) => !f.server)];
  const owner = new Map();
  const out = [];
  for (const f of ordered) {
    const names = f.names.filter((n) => !owner.has(n));
    const negatedNames = f.negatedNames.filter((n) => !owner.has(n));
    if (names.length === 0) {
      const first = owner.get(f.names[0]);
      if (first && !first.server && !f.server) first.tools = [...new Set([...first.tools, ...f.tools])].sort();
      continue;
    }
    const kept = makeFacts({ ...f, names, negatedNames });
    for (const n of [...names, ...negatedNames]) owner.set(n, kept);
    out.push(kept);
  }
  return out;
}

/** The key of an option across versions: its first long spelling, else its first spelling. */
export function keyOf(f) {
  return f.names.find((n) => n.startsWith("--")) ?? f.names[0];
}
