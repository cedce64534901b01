/* generated from schemas/values.schema.json by `pnpm --filter @llmchart/schema gen:types` — do not edit */

/**
 * A Kubernetes resource quantity: a plain number ("4", 4, "0.5"), millicores ("1500m"), binary suffixes ("8Gi", "512Mi") or decimal suffixes ("512M", "1G"), or an exponent ("1e3").
 */
export type Quantity = string | number;

/**
 * Values of one model served by llama.cpp's llama-server (chart infra/apps/llm/charts/llama-cpp). A values file is merged over the chart's values.yaml defaults the way Helm merges it: maps key by key, lists replaced whole, a key set to null removes the default.
 */
export interface LlamaCppChartValues {
  /**
   * Number of server pods. Each pod downloads and loads the model on its own.
   */
  replicaCount?: number;
  /**
   * Deployment update strategy. On a single dedicated node use maxUnavailable: 0, maxSurge: 1 (an extra pod while rolling, needs room for two models) or maxUnavailable: 1, maxSurge: 0 (sequential, brief downtime).
   */
  strategy?: {
    /**
     * RollingUpdate or Recreate.
     */
    type?: "RollingUpdate" | "Recreate";
    /**
     * Bounds of a rolling update.
     */
    rollingUpdate?: {
      /**
       * Pods that may be unavailable during the update (count or percentage).
       */
      maxUnavailable?: number | string;
      /**
       * Pods that may be created above replicaCount during the update (count or percentage).
       */
      maxSurge?: number | string;
    };
  };
  /**
   * Seconds a rollout may make no progress before it is marked failed. Model downloads are slow: keep it generous.
   */
  progressDeadlineSeconds?: number;
  /**
   * llama-server container image. Pin a build tag (server-bNNNN), never a floating tag.
   */
  image?: {
    /**
     * Image repository.
     */
    repository?: string;
    /**
     * Image tag; a pinned build such as server-b11429.
     */
    tag?: string;
    /**
     * Optional image digest (sha256:…); when set it pins the image regardless of the tag.
     */
    digest?: string;
    /**
     * Image pull policy.
     */
    pullPolicy?: "Always" | "IfNotPresent" | "Never";
  };
  /**
   * Secrets for pulling images from private registries.
   */
  imagePullSecrets?: {
    /**
     * Name of a docker-registry Secret in the release namespace.
     */
    name: string;
  }[];
  /**
   * Replaces the chart name (llama-cpp) in resource names.
   */
  nameOverride?: string;
  /**
   * Replaces the full resource name (<release>-llama-cpp).
   */
  fullnameOverride?: string;
  /**
   * The Service in front of the server.
   */
  service?: {
    /**
     * ClusterIP (in-cluster only, default), NodePort or LoadBalancer (set loadBalancerSourceRanges).
     */
    type?: "ClusterIP" | "NodePort" | "LoadBalancer";
    /**
     * Service port; the server listens on the same port (--port).
     */
    port?: number;
    annotations?: StringMap;
    /**
     * CIDRs allowed to reach a LoadBalancer Service.
     */
    loadBalancerSourceRanges?: string[];
    /**
     * Load-balancer implementation class.
     */
    loadBalancerClass?: string;
    /**
     * Cluster or Local (preserves client source IPs).
     */
    externalTrafficPolicy?: "Cluster" | "Local";
    /**
     * Fixed node port for NodePort/LoadBalancer services.
     */
    nodePort?: number;
  };
  podAnnotations?: StringMap1;
  podLabels?: StringMap2;
  nodeSelector?: StringMap3;
  /**
   * Taints the pod tolerates, e.g. llm-only=true:NoSchedule on a dedicated node.
   */
  tolerations?: Toleration[];
  /**
   * Kubernetes affinity (nodeAffinity, podAffinity, podAntiAffinity), passed through.
   */
  affinity?: {};
  /**
   * CPU and memory for the server container. Set limits.cpu to the thread count (-t) and limits.memory to model file + KV cache + prompt cache + headroom.
   */
  resources?: {
    requests?: ResourceList;
    limits?: ResourceList1;
  };
  /**
   * Extra environment variables for the server container (LLAMA_ARG_* configure the server; secrets via valueFrom).
   */
  extraEnv?: EnvVar[];
  /**
   * llama-server arguments, one token per item ("-c", "4096"). When -m, --host or --port are absent the chart adds them.
   */
  extraArgs?: (string | number | boolean)[];
  /**
   * Volumes of the pod.
   */
  volume?: {
    /**
     * The volume the model is downloaded into and read from.
     */
    models?: {
      /**
       * Where the volume is mounted in both containers; the model path is <mountPath>/<model.filename>.
       */
      mountPath?: string;
      /**
       * A Kubernetes resource quantity: a plain number ("4", 4, "0.5"), millicores ("1500m"), binary suffixes ("8Gi", "512Mi") or decimal suffixes ("512M", "1G"), or an exponent ("1e3").
       */
      sizeLimit?: string | number;
    };
  };
  /**
   * Optional Hugging Face token for private or rate-limited downloads, read from a Secret that is never in Git.
   */
  huggingFace?: {
    /**
     * Name of the Secret in the release namespace; empty disables the token.
     */
    secretName?: string;
    /**
     * Key of the token inside the Secret.
     */
    tokenKey?: string;
  };
  /**
   * The GGUF model file the initContainer downloads and the server loads.
   */
  model?: {
    /**
     * Download the model in the download-model initContainer.
     */
    enabled?: boolean;
    /**
     * Hugging Face repository (<org>/<repo>); the URL is https://huggingface.co/<repoId>/resolve/main/<filename>.
     */
    repoId?: string;
    /**
     * GGUF file name inside the repository, also its name in the models volume.
     */
    filename?: string;
    /**
     * Exact download URL; overrides repoId/filename (useful against 403/404 or LFS redirects). The file is still saved as <filename>.
     */
    downloadUrl?: string;
    /**
     * Expected SHA-256 of the GGUF file (64 lowercase hex); verified after download and used to skip re-downloads.
     */
    sha256?: string;
  };
  /**
   * The download-model initContainer.
   */
  initDownloader?: {
    /**
     * Downloader image (needs curl and a POSIX sh).
     */
    image?: {
      /**
       * Image repository.
       */
      repository?: string;
      /**
       * Image tag (pinned).
       */
      tag?: string;
      /**
       * Image pull policy.
       */
      pullPolicy?: "Always" | "IfNotPresent" | "Never";
    };
    /**
     * Resources of the download container.
     */
    resources?: {
      requests?: ResourceList2;
      limits?: ResourceList3;
    };
    /**
     * Download attempts before the initContainer fails.
     */
    retries?: number;
  };
}
/**
 * Annotations on the Service (e.g. cloud load-balancer settings).
 */
export interface StringMap {
  [k: string]: string | undefined;
}
/**
 * Annotations on the pod template. Bump a value (e.g. config/refresh) to make Argo CD roll the pods after a Secret changed.
 */
export interface StringMap1 {
  [k: string]: string | undefined;
}
/**
 * Extra labels on the pod template.
 */
export interface StringMap2 {
  [k: string]: string | undefined;
}
/**
 * Node labels the pod requires, e.g. llm-node: "true" for a dedicated node.
 */
export interface StringMap3 {
  [k: string]: string | undefined;
}
/**
 * A Kubernetes Toleration.
 */
export interface Toleration {
  /**
   * Taint key the toleration applies to, e.g. llm-only.
   */
  key?: string;
  /**
   * Exists or Equal (default Equal).
   */
  operator?: "Exists" | "Equal";
  /**
   * Taint value to match with operator Equal.
   */
  value?: string;
  /**
   * Taint effect to match; empty matches all effects.
   */
  effect?: "NoSchedule" | "PreferNoSchedule" | "NoExecute" | "";
  /**
   * For NoExecute: how long the pod stays bound after the taint appears.
   */
  tolerationSeconds?: number;
}
/**
 * What the scheduler reserves.
 */
export interface ResourceList {
  [k: string]: Quantity | undefined;
}
/**
 * Hard caps: CPU is throttled, memory above the limit is OOM-killed.
 */
export interface ResourceList1 {
  [k: string]: Quantity | undefined;
}
/**
 * A Kubernetes EnvVar: a literal value or a reference (valueFrom) to a Secret, ConfigMap or field.
 */
export interface EnvVar {
  /**
   * Variable name, e.g. LLAMA_ARG_CTX_SIZE.
   */
  name: string;
  /**
   * Literal value. Never put a token or key here: use valueFrom.secretKeyRef.
   */
  value?: string;
  /**
   * Source of the value (secretKeyRef, configMapKeyRef, fieldRef, resourceFieldRef).
   */
  valueFrom?: {};
}
/**
 * What the scheduler reserves.
 */
export interface ResourceList2 {
  [k: string]: Quantity | undefined;
}
/**
 * Hard caps.
 */
export interface ResourceList3 {
  [k: string]: Quantity | undefined;
}
