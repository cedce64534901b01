import type { RuleMeta } from "@llmchart/schema";

/** What `llmchart upgrade` reports about the config it would edit (beside the upgrade that emits it). */
export const upgradeRules: readonly RuleMeta[] = [
  {
    id: "config/unwritable",
    description: "`llmchart upgrade` cannot bump images.server.tag in the config (images.server is not a block mapping it can edit).",
    defaultSeverity: "error",
    help: "upgrade edits the config's `images.server.tag` in place, keeping comments and layout. It leaves the config to you where that edit is not a plain replacement: `images` or `images.server` is an alias or not a mapping, the tag would have to be added to a flow mapping (`{ repository: … }`), or the tag is not a scalar it can replace. Bump the tag by hand, or write `images.server` as a block mapping with a `tag:` line.",
  },
];
