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
     * RollingUpdate or Recreate; empty means RollingUpdate.
     */
    type?: "RollingUpdate" | "Recreate" | "";
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
     * Image repository; empty means the chart's pinned image.
     */
    repository?: string;
    /**
     * Image tag; a pinned build such as server-b11429. Empty means the chart's pinned tag.
     */
    tag?: string;
    /**
     * Optional image digest (sha256:…); when set it pins the image regardless of the tag.
     */
    digest?: string;
    /**
     * Image pull policy; empty leaves it to Kubernetes.
     */
    pullPolicy?: "Always" | "IfNotPresent" | "Never" | "";
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
   * Replaces the chart name (llama-cpp) in resource names; empty means unset.
   */
  nameOverride?: string;
  /**
   * Replaces the full resource name (<release>-llama-cpp); empty means unset.
   */
  fullnameOverride?: string;
  /**
   * The Service in front of the server.
   */
  service?: {
    /**
     * ClusterIP (in-cluster only, default; also when empty), NodePort or LoadBalancer (set loadBalancerSourceRanges).
     */
    type?: "ClusterIP" | "NodePort" | "LoadBalancer" | "";
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
     * Cluster or Local (preserves client source IPs); empty leaves it to Kubernetes.
     */
    externalTrafficPolicy?: "Cluster" | "Local" | "";
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
       * Where the volume is mounted in both containers; the model path is <mountPath>/<model.filename>. Empty means /models.
       */
      mountPath?: string;
      /**
       * A Kubernetes resource quantity: a plain number ("4", 4, "0.5"), millicores ("1500m"), binary suffixes ("8Gi", "512Mi") or decimal suffixes ("512M", "1G"), or an exponent ("1e3").
       */
      sizeLimit?: string | number;
      /**
       * emptyDir medium: "" (node disk) or Memory (tmpfs, counted against the pod's memory limit on top of the loaded model).
       */
      medium?: "" | "Memory";
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
     * Key of the token inside the Secret; empty means HUGGING_FACE_HUB_TOKEN.
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
     * Exact download URL; overrides repoId/filename (useful against 403/404 or LFS redirects). The file is still saved as <filename>. Empty means unset.
     */
    downloadUrl?: string;
    /**
     * Expected SHA-256 of the GGUF file (64 lowercase hex); verified after download and used to skip re-downloads. Empty means unset.
     */
    sha256?: string;
    /**
     * Size of the GGUF file in bytes, as the repository lists it. The download is deleted when its size differs; llmchart sizes memory, capacity and the download time with it instead of estimating from the file name.
     */
    sizeBytes?: number;
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
       * Image repository; empty means the chart's pinned image.
       */
      repository?: string;
      /**
       * Image tag (pinned); empty means the chart's pinned tag.
       */
      tag?: string;
      /**
       * Optional image digest (sha256:…); when set it pins the image regardless of the tag.
       */
      digest?: string;
      /**
       * Image pull policy; empty leaves it to Kubernetes.
       */
      pullPolicy?: "Always" | "IfNotPresent" | "Never" | "";
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
    /**
     * Wait before the first retry; doubled after each failed attempt, at most 300 seconds.
     */
    backoffSeconds?: number;
    /**
     * Extra environment variables for the downloader only, e.g. HTTPS_PROXY/NO_PROXY.
     */
    extraEnv?: EnvVar[];
  };
  /**
   * Old ReplicaSets kept for rollback (Kubernetes default 10 when unset).
   */
  revisionHistoryLimit?: number;
  /**
   * PriorityClass of the pods, e.g. to keep a model server from being preempted.
   */
  priorityClassName?: string;
  /**
   * Seconds the server gets to finish running requests after SIGTERM (Kubernetes default 30 when unset).
   */
  terminationGracePeriodSeconds?: number;
  /**
   * How replicas spread over nodes or zones. A constraint without labelSelector counts this release's pods.
   */
  topologySpreadConstraints?: TopologySpreadConstraint[];
  /**
   * The pods' ServiceAccount. llama-server never calls the Kubernetes API, so no token is mounted by default.
   */
  serviceAccount?: {
    /**
     * Create a ServiceAccount named <release>-llama-cpp (or serviceAccount.name).
     */
    create?: boolean;
    /**
     * ServiceAccount name; empty means the generated name (create: true) or "default" (create: false).
     */
    name?: string;
    annotations?: StringMap5;
    /**
     * Mount an API token into the pods. Off: the server needs no Kubernetes API access.
     */
    automountServiceAccountToken?: boolean;
  };
  /**
   * Pod-level securityContext. The defaults meet the restricted Pod Security Standard; fsGroup makes the models volume writable for the downloader and readable for the server. Other PodSecurityContext fields pass through.
   */
  podSecurityContext?: {
    /**
     * Refuse to start containers that would run as root.
     */
    runAsNonRoot?: boolean;
    /**
     * UID of every container (the llama.cpp image has no USER line and would run as root).
     */
    runAsUser?: number;
    /**
     * Primary GID of every container.
     */
    runAsGroup?: number;
    /**
     * GID that owns the volumes, so the downloader can write the model.
     */
    fsGroup?: number;
    /**
     * OnRootMismatch skips the recursive ownership change of a large persistent volume when it is already right.
     */
    fsGroupChangePolicy?: "OnRootMismatch" | "Always";
    /**
     * Extra GIDs of every container.
     */
    supplementalGroups?: number[];
    /**
     * Seccomp profile of the pod (restricted requires RuntimeDefault or Localhost).
     */
    seccompProfile?: {
      /**
       * RuntimeDefault, Localhost or Unconfined.
       */
      type?: "RuntimeDefault" | "Localhost" | "Unconfined";
      /**
       * Profile file on the node, with type Localhost.
       */
      localhostProfile?: string;
    };
  };
  /**
   * Container securityContext of the server, the downloader and the test pod. The defaults meet the restricted Pod Security Standard. Other SecurityContext fields pass through.
   */
  securityContext?: {
    /**
     * Allow setuid binaries to gain privileges.
     */
    allowPrivilegeEscalation?: boolean;
    /**
     * Read-only image filesystem; the chart mounts an emptyDir at /tmp for scratch files.
     */
    readOnlyRootFilesystem?: boolean;
    /**
     * Refuse to start the container as root.
     */
    runAsNonRoot?: boolean;
    /**
     * Run privileged (never needed).
     */
    privileged?: boolean;
    /**
     * Linux capabilities to add or drop.
     */
    capabilities?: {
      /**
       * Capabilities to drop; ALL for the restricted standard.
       */
      drop?: string[];
      /**
       * Capabilities to add (restricted allows only NET_BIND_SERVICE).
       */
      add?: string[];
    };
  };
  /**
   * Health checks on GET /health, which llama-server answers with 503 while it loads the model and 200 once ready. The port is always the one the server listens on.
   */
  probes?: {
    /**
     * Holds back readiness and liveness until the model is loaded. Budget periodSeconds × failureThreshold ≥ the worst load time (the download happens before, in the initContainer).
     */
    startup?: {
      /**
       * Add the startupProbe.
       */
      enabled?: boolean;
      /**
       * Seconds before the first check.
       */
      initialDelaySeconds?: number;
      /**
       * Seconds between checks.
       */
      periodSeconds?: number;
      /**
       * Seconds a check may take.
       */
      timeoutSeconds?: number;
      /**
       * Failed checks before the container is restarted; the default allows 30 minutes of loading.
       */
      failureThreshold?: number;
    };
    /**
     * Takes the pod out of the Service while /health fails.
     */
    readiness?: {
      /**
       * Add the readinessProbe.
       */
      enabled?: boolean;
      /**
       * Seconds before the first check.
       */
      initialDelaySeconds?: number;
      /**
       * Seconds between checks.
       */
      periodSeconds?: number;
      /**
       * Seconds a check may take.
       */
      timeoutSeconds?: number;
      /**
       * Failed checks before the pod is marked unready.
       */
      failureThreshold?: number;
      /**
       * Successful checks before the pod is marked ready again.
       */
      successThreshold?: number;
    };
    /**
     * Restarts a hung server. Generous timeout: a CPU-saturated server answers slowly.
     */
    liveness?: {
      /**
       * Add the livenessProbe.
       */
      enabled?: boolean;
      /**
       * Seconds before the first check.
       */
      initialDelaySeconds?: number;
      /**
       * Seconds between checks.
       */
      periodSeconds?: number;
      /**
       * Seconds a check may take.
       */
      timeoutSeconds?: number;
      /**
       * Failed checks before the container is restarted.
       */
      failureThreshold?: number;
    };
  };
  /**
   * Extra pod volumes (e.g. a Secret with an API key file for --api-key-file); mount them with extraVolumeMounts.
   */
  extraVolumes?: Volume[];
  /**
   * Extra volume mounts of the server container.
   */
  extraVolumeMounts?: VolumeMount[];
  /**
   * Keep the model on a PersistentVolumeClaim instead of an emptyDir, so restarts and reschedules do not download it again.
   */
  persistence?: {
    /**
     * Use a PVC for the models volume.
     */
    enabled?: boolean;
    /**
     * Use this existing PVC instead of creating <release>-llama-cpp-models.
     */
    existingClaim?: string;
    /**
     * StorageClass of the created PVC; unset uses the cluster default, "-" requests none (static provisioning).
     */
    storageClass?: string;
    /**
     * Access modes of the created PVC. With ReadWriteOnce, replicas (and a surging rollout) must share a node.
     *
     * @minItems 1
     */
    accessModes?: [
      "ReadWriteOnce" | "ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOncePod",
      ...("ReadWriteOnce" | "ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOncePod")[]
    ];
    /**
     * A Kubernetes resource quantity: a plain number ("4", 4, "0.5"), millicores ("1500m"), binary suffixes ("8Gi", "512Mi") or decimal suffixes ("512M", "1G"), or an exponent ("1e3").
     */
    size?: string | number;
    annotations?: StringMap6;
  };
  /**
   * An Ingress in front of the Service (L7). Protect it with TLS and authentication: llama-server has no per-user access control.
   */
  ingress?: {
    /**
     * Create the Ingress.
     */
    enabled?: boolean;
    /**
     * IngressClass, e.g. nginx; unset uses the cluster default.
     */
    className?: string;
    annotations?: StringMap7;
    /**
     * Host rules; without any, one rule without a host routes every request to the server.
     */
    hosts?: {
      /**
       * Host name, e.g. phi2.example.com.
       */
      host: string;
      /**
       * Paths routed to the server; default one path / of type Prefix.
       */
      paths?: {
        /**
         * URL path; empty means /.
         */
        path?: string;
        /**
         * Prefix, Exact or ImplementationSpecific; empty means Prefix.
         */
        pathType?: "Prefix" | "Exact" | "ImplementationSpecific" | "";
      }[];
    }[];
    /**
     * TLS certificates: a Secret per group of hosts.
     */
    tls?: {
      /**
       * A kubernetes.io/tls Secret in the release namespace.
       */
      secretName: string;
      /**
       * Hosts the certificate covers.
       */
      hosts?: string[];
    }[];
  };
  /**
   * Prometheus metrics. llama-server serves /metrics only with --metrics (501 otherwise); the chart adds the flag when this is on.
   */
  metrics?: {
    /**
     * Run the server with --metrics.
     */
    enabled?: boolean;
    /**
     * A Prometheus Operator ServiceMonitor for /metrics (needs the monitoring.coreos.com CRDs).
     */
    serviceMonitor?: {
      /**
       * Create the ServiceMonitor (only with metrics.enabled).
       */
      enabled?: boolean;
      /**
       * Scrape interval.
       */
      interval?: string;
      /**
       * Scrape timeout, at most the interval.
       */
      scrapeTimeout?: string;
      labels?: StringMap8;
    };
  };
  /**
   * A PodDisruptionBudget limiting voluntary evictions (node drains). Set minAvailable or maxUnavailable, not both; neither means maxUnavailable: 1.
   */
  podDisruptionBudget?: {
    /**
     * Create the PodDisruptionBudget.
     */
    enabled?: boolean;
    /**
     * Pods that must stay available (count or percentage). minAvailable 1 with one replica blocks drains.
     */
    minAvailable?: number | string;
    /**
     * Pods that may be evicted at once (count or percentage).
     */
    maxUnavailable?: number | string;
  };
  /**
   * A HorizontalPodAutoscaler (autoscaling/v2). Each new pod downloads and loads the model before it serves, so scale on sustained load only.
   */
  autoscaling?: {
    /**
     * Create the HPA; replicaCount is then ignored.
     */
    enabled?: boolean;
    /**
     * Lower bound of replicas.
     */
    minReplicas?: number;
    /**
     * Upper bound of replicas.
     */
    maxReplicas?: number;
    /**
     * Average CPU use, in percent of requests, to scale at.
     */
    targetCPUUtilizationPercentage?: number;
    /**
     * Average memory use, in percent of requests, to scale at.
     */
    targetMemoryUtilizationPercentage?: number;
    /**
     * HPA scaling behavior (scaleUp/scaleDown policies and stabilization windows), passed through.
     */
    behavior?: {};
  };
  /**
   * A NetworkPolicy for the pods: ingress only to the server port from the listed peers; optionally egress only to DNS and the download ports.
   */
  networkPolicy?: {
    /**
     * Create the NetworkPolicy (needs a CNI that enforces it).
     */
    enabled?: boolean;
    /**
     * Who may reach the server port (NetworkPolicyPeers: namespaceSelector, podSelector, ipBlock). Empty: pods of the release namespace only. Add your ingress controller's namespace when the Ingress is on.
     */
    ingressFrom?: NetworkPolicyPeer[];
    /**
     * Egress restriction. NetworkPolicies apply per pod, so this covers the server too, which needs no egress of its own.
     */
    egress?: {
      /**
       * Restrict egress to DNS plus egress.ports (for the model download).
       */
      enabled?: boolean;
      /**
       * Ports the downloader may connect to (HTTPS for Hugging Face; add 80 for a plain-HTTP downloadUrl).
       */
      ports?: {
        /**
         * Destination port.
         */
        port: number;
        /**
         * TCP (default, also when empty), UDP or SCTP.
         */
        protocol?: "TCP" | "UDP" | "SCTP" | "";
      }[];
      /**
       * Allowed destinations (NetworkPolicyPeers, e.g. an ipBlock for a proxy or a mirror); empty means anywhere on those ports.
       */
      to?: NetworkPolicyPeer[];
    };
  };
  /**
   * The helm test pod, which calls /health on the Service (helm test <release>).
   */
  tests?: {
    /**
     * Render the test pod (it only runs on helm test).
     */
    enabled?: boolean;
    /**
     * Image with curl for the test; unset uses initDownloader.image.
     */
    image?: {
      /**
       * Image repository; empty means initDownloader.image.
       */
      repository?: string;
      /**
       * Image tag (pinned).
       */
      tag?: string;
      /**
       * Image pull policy; empty leaves it to Kubernetes.
       */
      pullPolicy?: "Always" | "IfNotPresent" | "Never" | "";
    };
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
/**
 * A Kubernetes TopologySpreadConstraint. Without labelSelector the chart selects this release's pods.
 */
export interface TopologySpreadConstraint {
  /**
   * Largest allowed difference in pod count between topology domains.
   */
  maxSkew: number;
  /**
   * Node label that defines a domain, e.g. kubernetes.io/hostname or topology.kubernetes.io/zone.
   */
  topologyKey: string;
  /**
   * DoNotSchedule (hard) or ScheduleAnyway (soft).
   */
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector?: LabelSelector;
  /**
   * Minimum number of eligible domains (with DoNotSchedule).
   */
  minDomains?: number;
  /**
   * Pod label keys whose values further narrow the counted pods (e.g. pod-template-hash).
   */
  matchLabelKeys?: string[];
}
/**
 * Pods counted per domain; defaults to this release's pods.
 */
export interface LabelSelector {
  matchLabels?: StringMap4;
  /**
   * Set-based requirements (key, operator In/NotIn/Exists/DoesNotExist, values).
   */
  matchExpressions?: {}[];
}
/**
 * Labels a resource must carry.
 */
export interface StringMap4 {
  [k: string]: string | undefined;
}
/**
 * Annotations on the created ServiceAccount (e.g. a cloud IAM role).
 */
export interface StringMap5 {
  [k: string]: string | undefined;
}
/**
 * A Kubernetes Volume (configMap, secret, persistentVolumeClaim, emptyDir, csi, …), passed through.
 */
export interface Volume {
  /**
   * Volume name, referenced by a volume mount.
   */
  name: string;
}
/**
 * A Kubernetes VolumeMount, passed through.
 */
export interface VolumeMount {
  /**
   * Name of a volume of the pod (extraVolumes).
   */
  name: string;
  /**
   * Absolute path inside the container.
   */
  mountPath: string;
  /**
   * Path inside the volume to mount instead of its root.
   */
  subPath?: string;
  /**
   * Mount read-only.
   */
  readOnly?: boolean;
}
/**
 * Annotations on the created PVC (e.g. helm.sh/resource-policy: keep).
 */
export interface StringMap6 {
  [k: string]: string | undefined;
}
/**
 * Annotations for the controller, e.g. nginx.ingress.kubernetes.io/proxy-body-size: "0" or auth settings.
 */
export interface StringMap7 {
  [k: string]: string | undefined;
}
/**
 * Extra labels, e.g. the release label your Prometheus selects ServiceMonitors by.
 */
export interface StringMap8 {
  [k: string]: string | undefined;
}
/**
 * A Kubernetes NetworkPolicyPeer: pods (podSelector), namespaces (namespaceSelector), both, or an ipBlock.
 */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector1;
  namespaceSelector?: LabelSelector2;
  /**
   * A CIDR range, minus optional exceptions.
   */
  ipBlock?: {
    /**
     * The allowed range, e.g. 10.0.0.0/8.
     */
    cidr: string;
    /**
     * Ranges inside cidr that are not allowed.
     */
    except?: string[];
  };
}
/**
 * Pods selected by label; without namespaceSelector, in the release namespace.
 */
export interface LabelSelector1 {
  matchLabels?: StringMap4;
  /**
   * Set-based requirements (key, operator In/NotIn/Exists/DoesNotExist, values).
   */
  matchExpressions?: {}[];
}
/**
 * Namespaces selected by label, e.g. kubernetes.io/metadata.name: ingress-nginx.
 */
export interface LabelSelector2 {
  matchLabels?: StringMap4;
  /**
   * Set-based requirements (key, operator In/NotIn/Exists/DoesNotExist, values).
   */
  matchExpressions?: {}[];
}
