import { buildOfImage, effectiveModel, type ServerBuild } from "@llmchart/policy";
import { parseSource, type SourceFile } from "@llmchart/schema";
import type { ProjectContext } from "./backend.js";

/**
 * The llama-server build a values file runs, found exactly as the rules find it (effectiveModel:
 * the file's image, else the chart's values.yaml, else the config's pin), so a hover or a
 * completion never disagrees with the diagnostics next to it.
 */
export function fileBuild(source: SourceFile, ctx: ProjectContext): ServerBuild {
  try {
    return effectiveModel(source, { config: ctx.config, ...(ctx.chartDefaults ? { chartDefaults: ctx.chartDefaults } : {}) }).build;
  } catch {
    // A document too broken to merge: the project's pinned image.
    return buildOfImage({}, ctx.config.images.server);
  }
}

/** fileBuild of a buffer that is being typed (completion): parsed as far as it parses. */
export function textBuild(text: string, ctx: ProjectContext): ServerBuild {
  return fileBuild(parseSource("values.yaml", text), ctx);
}

/** `server-b4719`, or what the build is judged as when the image names none or one beyond the data. */
export function runsLine(build: ServerBuild): string {
  const named = build.requested !== undefined ? `server-b${build.requested}` : undefined;
  switch (build.status) {
    case "exact":
      return `This file runs \`${named ?? `b${build.number}`}\`.`;
    case "newer-than-data":
      return `This file runs \`${named}\`, newer than the flag data: judged as ${build.label}.`;
    case "older-than-data":
      return `This file runs \`${named}\`, older than the flag data: flags are not judged (${build.label}).`;
    default:
      return `This file's image names no build (${build.status === "floating" ? "a floating tag" : "a digest"}): judged as ${build.label}.`;
  }
}
