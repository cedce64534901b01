import { locate, type SourceFile } from "@llmchart/schema";
import { isScalar, type Node } from "yaml";
import { replaceScalar, setMapScalar, type TextEdit } from "./edits.js";

/** What a values file itself says about its server image. */
export interface ValuesPin {
  /** `values`: the file pins a tag; `digest`: a digest pins the image; `none`: the chart's (config's) pin decides. */
  where: "values" | "digest" | "none";
  /** The tag the file pins, when it pins one. */
  tag?: string;
  /** The node that holds it (`image.tag`, or `image.repository` when the repository carries the tag). */
  node?: Node;
}

function text(node: Node | undefined): string | undefined {
  return isScalar(node) && typeof node.value === "string" && node.value.trim() !== "" ? node.value.trim() : undefined;
}

/** The tag inside a repository reference (`ghcr.io/ggml-org/llama.cpp:server-b4719`), if any. */
function repositoryTag(repository: string): string | undefined {
  const ref = repository.split("@")[0]!;
  const colon = ref.lastIndexOf(":");
  return colon > ref.lastIndexOf("/") ? ref.slice(colon + 1) : undefined;
}

/**
 * How a values file pins its server image, read from the file alone (not the chart defaults):
 * a digest (in `image.digest` or the repository) pins it whatever the tag says; otherwise a tag
 * in `image.repository` beats `image.tag`, as the chart joins them; an empty value is unset.
 */
export function valuesPin(source: SourceFile): ValuesPin {
  const repoNode = locate(source.doc, ["image", "repository"]).node;
  const repository = text(repoNode);
  const digest = text(locate(source.doc, ["image", "digest"]).node) ?? (repository?.includes("@") ? repository.slice(repository.indexOf("@") + 1) : undefined);
  const inRepository = repository ? repositoryTag(repository) : undefined;
  const tagNode = locate(source.doc, ["image", "tag"]).node;
  const tag = inRepository ?? text(tagNode);
  const node = inRepository ? repoNode : tagNode;
  if (digest) return { where: "digest", ...(tag ? { tag } : {}), ...(node ? { node } : {}) };
  if (tag) return { where: "values", tag, ...(node ? { node } : {}) };
  return { where: "none" };
}

/**
 * The edit that makes the file pin `tag`: the tag it pins replaced in place (inside the
 * repository reference when it is written there), or an `image.tag` added. Undefined when the
 * image is not written as a block mapping the edit can follow.
 */
export function pinTagEdit(source: SourceFile, pin: ValuesPin, tag: string): TextEdit | undefined {
  if (pin.where !== "none" && pin.node && isScalar(pin.node) && typeof pin.node.value === "string" && pin.tag) {
    const value = pin.node.value;
    const at = value.lastIndexOf(pin.tag);
    return replaceScalar(pin.node, at >= 0 ? value.slice(0, at) + tag + value.slice(at + pin.tag.length) : tag);
  }
  return setMapScalar(source, ["image", "tag"], tag);
}
