import { Document, isMap, isSeq, type YAMLMap } from "yaml";

/** What a new model's values file needs; every number already decided by the caller. */
export interface ScaffoldInput {
  model: string;
  repoId: string;
  filename: string;
  /** CPU limit in whole cores; the server gets exactly this many threads (-t). */
  cpu: number;
  /** Memory limit and request, a Kubernetes quantity such as "6Gi" (requests = limits: Guaranteed QoS). */
  memory: string;
  ctx: number;
  /** Host-RAM prompt cache in MiB (`--cache-ram`); set explicitly because the server's default is 8 GiB. */
  cacheRamMiB: number;
  /** emptyDir size limit: the file plus its temporary copy while downloading. */
  sizeLimit?: string;
  sha256?: string;
  downloadUrl?: string;
  mountPath?: string;
  /** Path from the values folder to schemas/values.schema.json, for the editor modeline. */
  schemaPath: string;
  /** Lines of explanation placed at the top, e.g. how the memory was computed. */
  notes?: readonly string[];
}

/**
 * The values file of a new model, built as a YAML document (never by string templates) with the
 * yaml-language-server modeline on its first line. Args follow the seed's style:
 * `-m <mountPath>/<filename> -c <ctx> -t <cpu> --port 8080 --host 0.0.0.0`.
 */
export function scaffoldValues(input: ScaffoldInput): string {
  const mountPath = input.mountPath ?? "/models";
  const model: Record<string, unknown> = { enabled: true, repoId: input.repoId, filename: input.filename };
  if (input.downloadUrl) model.downloadUrl = input.downloadUrl;
  if (input.sha256) model.sha256 = input.sha256;
  const data: Record<string, unknown> = {
    replicaCount: 1,
    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    resources: {
      requests: { cpu: String(input.cpu), memory: input.memory },
      limits: { cpu: String(input.cpu), memory: input.memory },
    },
    model,
    ...(input.sizeLimit ? { volume: { models: { mountPath, sizeLimit: input.sizeLimit } } } : {}),
    extraArgs: [
      "-m", `${mountPath}/${input.filename}`,
      "-c", String(input.ctx),
      "-t", String(input.cpu),
      "--cache-ram", String(input.cacheRamMiB),
      "--port", "8080",
      "--host", "0.0.0.0",
    ],
  };
  const doc = new Document(data);
  doc.commentBefore = [` yaml-language-server: $schema=${input.schemaPath}`, ...(input.notes ?? []).map((n) => ` ${n}`)].join("\n");
  // Quote every string the way the seed files do, so "4" stays a string in every YAML reader.
  const quote = (node: unknown): void => {
    if (isMap(node)) for (const pair of node.items) quote(pair.value);
    else if (isSeq(node)) for (const item of node.items) quote(item);
    else if (node && typeof node === "object" && "value" in node && typeof node.value === "string") {
      (node as { type?: string }).type = "QUOTE_DOUBLE";
    }
  };
  quote(doc.contents);
  const ra = doc.getIn(["strategy", "rollingUpdate"], true) as YAMLMap | undefined;
  if (ra) ra.commentBefore = " single node without room for two copies: stop the old pod first";
  return doc.toString({ lineWidth: 0 });
}
