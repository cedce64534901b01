import { defineRule } from "../define-rule.js";
import { buildName, nameText, quotedName, str } from "../rule-utils.js";

/** Where llama.cpp publishes its images since the project moved to the ggml-org organisation. */
export const OFFICIAL_REPOSITORY = "ghcr.io/ggml-org/llama.cpp";
/** The registry of the images before the move: its tags are gone ("tag not found"). */
const PRE_MOVE_REPOSITORY = "ghcr.io/ggerganov/llama.cpp";

const GPU_BACKENDS = ["cuda", "rocm", "musa", "intel", "vulkan"] as const;

/** A tag of the official images: `<kind>[-<backend>][-b<build> | -<branch>-<hash7>]`. */
export interface LlamaCppTag {
  kind: "server" | "full" | "light";
  /** GPU backend, undefined for the CPU image. */
  backend?: string;
  /** `-b<build>` on master builds; undefined for the moving tag and branch builds. */
  build?: number;
  /** Whatever follows kind and backend that is not a build (a branch build). */
  postfix?: string;
}

const TAG = new RegExp(`^(server|full|light)(?:-(${GPU_BACKENDS.join("|")})[0-9.]*)?(?:-b([0-9]+)|-(.+))?$`);

/** Parses a tag of the official images; undefined for tags they do not publish. */
export function parseLlamaCppTag(tag: string): LlamaCppTag | undefined {
  const m = TAG.exec(tag);
  if (!m) return undefined;
  return {
    kind: m[1] as LlamaCppTag["kind"],
    ...(m[2] ? { backend: m[2] } : {}),
    ...(m[3] ? { build: Number(m[3]) } : {}),
    ...(m[4] ? { postfix: m[4] } : {}),
  };
}

/**
 * An image reference split as the chart joins it (`repository[:tag][@digest]`); a repository
 * may carry its own tag or digest, which then wins over the separate keys.
 */
export function splitReference(repository: string, tag: string | undefined, digest: string | undefined): { repository: string; tag?: string; digest?: string } {
  let repo = repository.trim();
  let d = digest;
  const at = repo.indexOf("@");
  if (at >= 0) {
    d = repo.slice(at + 1);
    repo = repo.slice(0, at);
  }
  let t = tag;
  const colon = repo.lastIndexOf(":");
  if (colon > repo.lastIndexOf("/")) {
    t = repo.slice(colon + 1);
    repo = repo.slice(0, colon);
  }
  let tagOnly = t;
  const tagAt = t?.indexOf("@") ?? -1;
  if (t && tagAt >= 0) {
    d = t.slice(tagAt + 1);
    tagOnly = t.slice(0, tagAt);
  }
  return { repository: repo.toLowerCase(), ...(tagOnly ? { tag: tagOnly } : {}), ...(d ? { digest: d } : {}) };
}

export default defineRule({
  id: "image-reference",
  description: "The server image can serve on a CPU node: an official llama.cpp server image (not light, not full, no GPU backend), from ghcr.io/ggml-org.",
  severity: "error",
  help: `Use ${OFFICIAL_REPOSITORY} with a CPU server tag (server-b<build>).`,
  // {{tag}} is quoted (quotedName); {{pinnedBy}} notes a digest that pins the image (or is empty).
  messages: {
    preMoveRepository: `image.repository ${PRE_MOVE_REPOSITORY} is the registry from before llama.cpp moved to the ggml-org organisation: its tags are no longer found, so pulls fail with ImagePullBackOff — use ${OFFICIAL_REPOSITORY}`,
    unofficialRepository: `image.repository {{repository}} is not the official ${OFFICIAL_REPOSITORY}: llmchart cannot tell whether the image holds llama-server, needs a GPU runtime or which llama.cpp build it runs, so the image kind and GPU backend checks are skipped and the flag rules assume {{build}}`,
    lightImage: "image tag {{tag}} is a light image: it holds only llama-cli, no llama-server, so the pod cannot serve{{pinnedBy}} — use a server tag such as {{suggestion}}",
    fullImage:
      "image tag {{tag}} is a full image: its entrypoint /app/tools.sh treats the server arguments this chart passes as an unknown command (the chart sets no container command){{pinnedBy}} — use {{suggestion}}",
    gpuBuild: "image tag {{tag}} is the {{backend}} (GPU) build: on this CPU chart it either fails to start without the GPU runtime or runs on the CPU after pulling several GB{{pinnedBy}} — use {{suggestion}}",
  },
  check(ctx) {
    const repository = str(ctx.get("image.repository"));
    if (!repository) return;
    const ref = splitReference(repository, str(ctx.get("image.tag")), str(ctx.get("image.digest")));
    const tagPath = repository.includes(":") || repository.includes("@") ? "image.repository" : "image.tag";
    const official = ref.repository === OFFICIAL_REPOSITORY;
    if (ref.repository === PRE_MOVE_REPOSITORY) {
      ctx.report({
        messageId: "preMoveRepository",
        path: "image.repository",
        severity: "warning",
      });
    } else if (!official) {
      ctx.report({
        messageId: "unofficialRepository",
        data: { repository: nameText(ref.repository), build: buildName(ctx.build) },
        path: "image.repository",
        severity: "warning",
      });
      return;
    }
    if (!ref.tag) return; // a bare digest: nothing tells what it holds; image-tag-floating covers a missing pin
    const tag = parseLlamaCppTag(ref.tag);
    if (!tag) return;
    const pinnedBy = ref.digest ? ` (the digest pins the image; the tag says it is ${ref.tag})` : "";
    const quoted = quotedName(ref.tag);
    if (tag.kind === "light") {
      ctx.report({
        messageId: "lightImage",
        data: { tag: quoted, pinnedBy, suggestion: nameText(ref.tag.replace(/^light/, "server")) },
        path: tagPath,
      });
    } else if (tag.kind === "full") {
      ctx.report({
        messageId: "fullImage",
        data: { tag: quoted, pinnedBy, suggestion: nameText(ref.tag.replace(/^full/, "server")) },
        path: tagPath,
      });
    }
    if (tag.backend) {
      ctx.report({
        messageId: "gpuBuild",
        data: { tag: quoted, backend: tag.backend, pinnedBy, suggestion: nameText(ref.tag.replace(new RegExp(`-${tag.backend}[0-9.]*`), "")) },
        path: tagPath,
        severity: "warning",
      });
    }
  },
});
