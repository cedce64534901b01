// Walks llama.cpp's history: every version of the option sources from the first build on,
// extracted once per distinct set of the files its era reads.

import { buildNumbers, checkAgainstTags, touchingCommits, blobsAt, BlobReader, GitError } from "./git.mjs";
import { extract, eraOf, SOURCE_PATHS } from "./extract.mjs";

/** Fewer server options than this in one version means the reader lost track of the source. */
const MIN_SERVER_OPTIONS = 40;

/** The files each era reads (beyond the ones needed to tell the era). */
const ERA_FILES = {
  "arg.cpp": ["common/arg.cpp", "common/common.h", "common/sampling.h"],
  "common.cpp objects": ["common/common.cpp", "common/common.h", "common/sampling.h"],
  "common.cpp chain": ["common/common.cpp", "common/common.h", "common/sampling.h"],
  "server.cpp chain": ["examples/server/server.cpp", "common/common.cpp", "common/common.h", "common/sampling.h"],
};

/**
 * @typedef {{ build: number, commit: string, era: string, flags: import("./facts.mjs").FlagFacts[] }} Version
 * @param {{ gitDir: string, rev: string, from: number, onVersion?: (v: Version) => void }} opts
 * @returns {Promise<{ versions: Version[], sourceCommit: string, sourceBuild: number, tagsChecked: number, commitAt: (build: number) => string }>}
 */
export async function readHistory({ gitDir, rev, from, onVersion }) {
  const { commits, builds, byCommit } = buildNumbers(gitDir, rev);
  const tagsChecked = checkAgainstTags(gitDir, byCommit);
  const sourceCommit = commits[commits.length - 1];
  const sourceBuild = builds[builds.length - 1];
  const startIndex = builds.findIndex((b) => b >= from);
  if (startIndex < 0 || builds[startIndex] !== from) throw new GitError(`build ${from} is not on the first-parent chain of ${rev} (b${builds[0]}…b${sourceBuild})`);
  const start = commits[startIndex];
  const state = blobsAt(gitDir, start, SOURCE_PATHS);
  const steps = [{ commit: start, changes: new Map() }, ...touchingCommits(gitDir, start, sourceCommit, SOURCE_PATHS)];
  const reader = new BlobReader(gitDir);
  const texts = new Map();
  const load = async (path) => {
    const sha = state.get(path);
    if (!sha) return undefined;
    if (!texts.has(sha)) texts.set(sha, await reader.read(sha));
    return texts.get(sha);
  };
  const versions = [];
  let lastKey = "";
  try {
    for (const step of steps) {
      for (const [p, sha] of step.changes) state.set(p, sha);
      const build = byCommit.get(step.commit);
      // the era decides which files matter; arg.cpp's presence decides it without reading anything
      const files = {};
      const probe = state.get("common/arg.cpp") ? [] : ["common/common.cpp", "examples/server/server.cpp"];
      for (const p of probe) files[p] = await load(p);
      const era = eraOf((p) => Boolean(state.get(p)), (p) => files[p] ?? "");
      const key = [era, ...ERA_FILES[era].map((p) => state.get(p) ?? "-")].join(" ");
      // keep only the texts still current, so memory stays at one version's files
      const live = new Set(state.values());
      for (const sha of texts.keys()) if (!live.has(sha)) texts.delete(sha);
      if (key === lastKey) continue;
      lastKey = key;
      for (const p of ERA_FILES[era]) files[p] = await load(p);
      const { flags } = extract(files);
      // a declaration form this reader does not know would read as "every option removed"
      const serverCount = flags.filter((f) => f.server).length;
      if (serverCount < MIN_SERVER_OPTIONS) {
        throw new GitError(`b${build} (${step.commit.slice(0, 8)}, ${era}): only ${serverCount} server options read; has the way llama.cpp declares them changed?`);
      }
      const v = { build, commit: step.commit, era, flags };
      versions.push(v);
      onVersion?.(v);
    }
  } finally {
    reader.close();
  }
  const commitAt = (build) => commits[builds.findIndex((b) => b === build)];
  return { versions, sourceCommit, sourceBuild, tagsChecked, commitAt };
}
