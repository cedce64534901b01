/* generated from schemas/values.schema.json by `pnpm --filter @llmchart/schema gen:types` — do not edit */

/**
 * A label value: empty, or at most 63 characters (letters, digits, '-', '_', '.'), starting and ending with a letter or digit.
 */
export type LabelValue = string;
/**
 * A Kubernetes Toleration.
 */
export type Toleration = K8SV1Toleration & {
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
};
/**
 * A Kubernetes resource quantity: a plain number ("4", 4, "0.5"), millicores ("1500m"), binary suffixes ("8Gi", "512Mi") or decimal suffixes ("512M", "1G"), or an exponent ("1e3").
 */
export type Quantity = string | number;
/**
 * A Kubernetes EnvVar: a literal value or a reference (valueFrom) to a Secret, ConfigMap or field.
 */
export type EnvVar = K8SV1EnvVar & {
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
};
export type K8SQuantity = string | number;
/**
 * A Kubernetes TopologySpreadConstraint. Without labelSelector the chart selects this release's pods.
 */
export type TopologySpreadConstraint = K8SV1TopologySpreadConstraint & {
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
};
/**
 * Pods counted per domain; defaults to this release's pods.
 */
export type LabelSelector = K8SV1LabelSelector & {
  matchLabels?: Labels2;
  /**
   * Set-based requirements (key, operator In/NotIn/Exists/DoesNotExist, values).
   */
  matchExpressions?: {}[];
};
/**
 * A Kubernetes Volume (configMap, secret, persistentVolumeClaim, emptyDir, csi, …).
 */
export type Volume = K8SV1Volume & {
  /**
   * Volume name, referenced by a volume mount.
   */
  name: string;
};
/**
 * A Kubernetes VolumeMount.
 */
export type VolumeMount = K8SV1VolumeMount & {
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
};
/**
 * A Kubernetes NetworkPolicyPeer: pods (podSelector), namespaces (namespaceSelector), both, or an ipBlock.
 */
export type NetworkPolicyPeer = K8SV1NetworkPolicyPeer & {
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
};
/**
 * Pods selected by label; without namespaceSelector, in the release namespace.
 */
export type LabelSelector1 = K8SV1LabelSelector & {
  matchLabels?: Labels2;
  /**
   * Set-based requirements (key, operator In/NotIn/Exists/DoesNotExist, values).
   */
  matchExpressions?: {}[];
};
/**
 * Namespaces selected by label, e.g. kubernetes.io/metadata.name: ingress-nginx.
 */
export type LabelSelector2 = K8SV1LabelSelector & {
  matchLabels?: Labels2;
  /**
   * Set-based requirements (key, operator In/NotIn/Exists/DoesNotExist, values).
   */
  matchExpressions?: {}[];
};

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
  imagePullSecrets?: (K8SV1LocalObjectReference & {
    /**
     * Name of a docker-registry Secret in the release namespace.
     */
    name: string;
  })[];
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
    annotations?: Annotations;
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
  podAnnotations?: Annotations1;
  podLabels?: Labels;
  nodeSelector?: Labels1;
  /**
   * Taints the pod tolerates, e.g. llm-only=true:NoSchedule on a dedicated node.
   */
  tolerations?: Toleration[];
  /**
   * Kubernetes affinity (nodeAffinity, podAffinity, podAntiAffinity).
   */
  affinity?: K8SV1Affinity;
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
     * A plain GGUF file name, ending in .gguf, without "/", "\", control characters or "{{": the file in the repository, and its name in the models volume.
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
    annotations?: Annotations2;
    /**
     * Mount an API token into the pods. Off: the server needs no Kubernetes API access.
     */
    automountServiceAccountToken?: boolean;
  };
  /**
   * Pod-level securityContext. The defaults meet the restricted Pod Security Standard; fsGroup makes the models volume writable for the downloader and readable for the server. Any other PodSecurityContext field may be set.
   */
  podSecurityContext?: K8SV1PodSecurityContext & {
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
   * Container securityContext of the server, the downloader and the test pod. The defaults meet the restricted Pod Security Standard. Any other SecurityContext field may be set.
   */
  securityContext?: K8SV1SecurityContext & {
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
    annotations?: Annotations3;
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
    annotations?: Annotations4;
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
      labels?: Labels3;
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
     * HPA scaling behavior (scaleUp/scaleDown policies and stabilization windows).
     */
    behavior?: K8SV2HorizontalPodAutoscalerBehavior;
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
export interface K8SV1LocalObjectReference {
  name?: string;
}
/**
 * Annotations on the Service (e.g. cloud load-balancer settings).
 */
export interface Annotations {
  [k: string]: string | undefined;
}
/**
 * Annotations on the pod template. Bump a value (e.g. config/refresh) to make Argo CD roll the pods after a Secret changed.
 */
export interface Annotations1 {
  [k: string]: string | undefined;
}
/**
 * Extra labels on the pod template.
 */
export interface Labels {
  [k: string]: LabelValue | undefined;
}
/**
 * Node labels the pod requires, e.g. llm-node: "true" for a dedicated node.
 */
export interface Labels1 {
  [k: string]: LabelValue | undefined;
}
export interface K8SV1Toleration {
  effect?: "NoExecute" | "NoSchedule" | "PreferNoSchedule";
  key?: string;
  operator?: "Equal" | "Exists";
  tolerationSeconds?: number;
  value?: string;
}
export interface K8SV1Affinity {
  nodeAffinity?: K8SV1NodeAffinity;
  podAffinity?: K8SV1PodAffinity;
  podAntiAffinity?: K8SV1PodAntiAffinity;
}
export interface K8SV1NodeAffinity {
  preferredDuringSchedulingIgnoredDuringExecution?: K8SV1PreferredSchedulingTerm[];
  requiredDuringSchedulingIgnoredDuringExecution?: K8SV1NodeSelector;
}
export interface K8SV1PreferredSchedulingTerm {
  preference: K8SV1NodeSelectorTerm;
  weight: number;
}
export interface K8SV1NodeSelectorTerm {
  matchExpressions?: K8SV1NodeSelectorRequirement[];
  matchFields?: K8SV1NodeSelectorRequirement[];
}
export interface K8SV1NodeSelectorRequirement {
  key: string;
  operator: "DoesNotExist" | "Exists" | "Gt" | "In" | "Lt" | "NotIn";
  values?: string[];
}
export interface K8SV1NodeSelector {
  nodeSelectorTerms: K8SV1NodeSelectorTerm[];
}
export interface K8SV1PodAffinity {
  preferredDuringSchedulingIgnoredDuringExecution?: K8SV1WeightedPodAffinityTerm[];
  requiredDuringSchedulingIgnoredDuringExecution?: K8SV1PodAffinityTerm[];
}
export interface K8SV1WeightedPodAffinityTerm {
  podAffinityTerm: K8SV1PodAffinityTerm;
  weight: number;
}
export interface K8SV1PodAffinityTerm {
  labelSelector?: K8SV1LabelSelector;
  matchLabelKeys?: string[];
  mismatchLabelKeys?: string[];
  namespaceSelector?: K8SV1LabelSelector;
  namespaces?: string[];
  topologyKey: string;
}
export interface K8SV1LabelSelector {
  matchExpressions?: K8SV1LabelSelectorRequirement[];
  matchLabels?: {
    [k: string]: string | undefined;
  };
}
export interface K8SV1LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}
export interface K8SV1PodAntiAffinity {
  preferredDuringSchedulingIgnoredDuringExecution?: K8SV1WeightedPodAffinityTerm[];
  requiredDuringSchedulingIgnoredDuringExecution?: K8SV1PodAffinityTerm[];
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
export interface K8SV1EnvVar {
  name: string;
  value?: string;
  valueFrom?: K8SV1EnvVarSource;
}
export interface K8SV1EnvVarSource {
  configMapKeyRef?: K8SV1ConfigMapKeySelector;
  fieldRef?: K8SV1ObjectFieldSelector;
  fileKeyRef?: K8SV1FileKeySelector;
  resourceFieldRef?: K8SV1ResourceFieldSelector;
  secretKeyRef?: K8SV1SecretKeySelector;
}
export interface K8SV1ConfigMapKeySelector {
  key: string;
  name?: string;
  optional?: boolean;
}
export interface K8SV1ObjectFieldSelector {
  apiVersion?: string;
  fieldPath: string;
}
export interface K8SV1FileKeySelector {
  key: string;
  optional?: boolean;
  path: string;
  volumeName: string;
}
export interface K8SV1ResourceFieldSelector {
  containerName?: string;
  divisor?: K8SQuantity;
  resource: string;
}
export interface K8SV1SecretKeySelector {
  key: string;
  name?: string;
  optional?: boolean;
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
export interface K8SV1TopologySpreadConstraint {
  labelSelector?: K8SV1LabelSelector;
  matchLabelKeys?: string[];
  maxSkew: number;
  minDomains?: number;
  nodeAffinityPolicy?: "Honor" | "Ignore";
  nodeTaintsPolicy?: "Honor" | "Ignore";
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
}
/**
 * Labels a resource must carry.
 */
export interface Labels2 {
  [k: string]: LabelValue | undefined;
}
/**
 * Annotations on the created ServiceAccount (e.g. a cloud IAM role).
 */
export interface Annotations2 {
  [k: string]: string | undefined;
}
export interface K8SV1PodSecurityContext {
  appArmorProfile?: K8SV1AppArmorProfile;
  fsGroup?: number;
  fsGroupChangePolicy?: "Always" | "OnRootMismatch";
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seLinuxChangePolicy?: string;
  seLinuxOptions?: K8SV1SELinuxOptions;
  seccompProfile?: K8SV1SeccompProfile;
  supplementalGroups?: number[];
  supplementalGroupsPolicy?: "Merge" | "Strict";
  sysctls?: K8SV1Sysctl[];
  windowsOptions?: K8SV1WindowsSecurityContextOptions;
}
export interface K8SV1AppArmorProfile {
  localhostProfile?: string;
  type: "Localhost" | "RuntimeDefault" | "Unconfined";
}
export interface K8SV1SELinuxOptions {
  level?: string;
  role?: string;
  type?: string;
  user?: string;
}
export interface K8SV1SeccompProfile {
  localhostProfile?: string;
  type: "Localhost" | "RuntimeDefault" | "Unconfined";
}
export interface K8SV1Sysctl {
  name: string;
  value: string;
}
export interface K8SV1WindowsSecurityContextOptions {
  gmsaCredentialSpec?: string;
  gmsaCredentialSpecName?: string;
  hostProcess?: boolean;
  runAsUserName?: string;
}
export interface K8SV1SecurityContext {
  allowPrivilegeEscalation?: boolean;
  appArmorProfile?: K8SV1AppArmorProfile;
  capabilities?: K8SV1Capabilities;
  privileged?: boolean;
  procMount?: "Default" | "Unmasked";
  readOnlyRootFilesystem?: boolean;
  runAsGroup?: number;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seLinuxOptions?: K8SV1SELinuxOptions;
  seccompProfile?: K8SV1SeccompProfile;
  windowsOptions?: K8SV1WindowsSecurityContextOptions;
}
export interface K8SV1Capabilities {
  add?: string[];
  drop?: string[];
}
export interface K8SV1Volume {
  awsElasticBlockStore?: K8SV1AWSElasticBlockStoreVolumeSource;
  azureDisk?: K8SV1AzureDiskVolumeSource;
  azureFile?: K8SV1AzureFileVolumeSource;
  cephfs?: K8SV1CephFSVolumeSource;
  cinder?: K8SV1CinderVolumeSource;
  configMap?: K8SV1ConfigMapVolumeSource;
  csi?: K8SV1CSIVolumeSource;
  downwardAPI?: K8SV1DownwardAPIVolumeSource;
  emptyDir?: K8SV1EmptyDirVolumeSource;
  ephemeral?: K8SV1EphemeralVolumeSource;
  fc?: K8SV1FCVolumeSource;
  flexVolume?: K8SV1FlexVolumeSource;
  flocker?: K8SV1FlockerVolumeSource;
  gcePersistentDisk?: K8SV1GCEPersistentDiskVolumeSource;
  gitRepo?: K8SV1GitRepoVolumeSource;
  glusterfs?: K8SV1GlusterfsVolumeSource;
  hostPath?: K8SV1HostPathVolumeSource;
  image?: K8SV1ImageVolumeSource;
  iscsi?: K8SV1ISCSIVolumeSource;
  name: string;
  nfs?: K8SV1NFSVolumeSource;
  persistentVolumeClaim?: K8SV1PersistentVolumeClaimVolumeSource;
  photonPersistentDisk?: K8SV1PhotonPersistentDiskVolumeSource;
  portworxVolume?: K8SV1PortworxVolumeSource;
  projected?: K8SV1ProjectedVolumeSource;
  quobyte?: K8SV1QuobyteVolumeSource;
  rbd?: K8SV1RBDVolumeSource;
  scaleIO?: K8SV1ScaleIOVolumeSource;
  secret?: K8SV1SecretVolumeSource;
  storageos?: K8SV1StorageOSVolumeSource;
  vsphereVolume?: K8SV1VsphereVirtualDiskVolumeSource;
}
export interface K8SV1AWSElasticBlockStoreVolumeSource {
  fsType?: string;
  partition?: number;
  readOnly?: boolean;
  volumeID: string;
}
export interface K8SV1AzureDiskVolumeSource {
  cachingMode?: "None" | "ReadOnly" | "ReadWrite";
  diskName: string;
  diskURI: string;
  fsType?: string;
  kind?: "Dedicated" | "Managed" | "Shared";
  readOnly?: boolean;
}
export interface K8SV1AzureFileVolumeSource {
  readOnly?: boolean;
  secretName: string;
  shareName: string;
}
export interface K8SV1CephFSVolumeSource {
  monitors: string[];
  path?: string;
  readOnly?: boolean;
  secretFile?: string;
  secretRef?: K8SV1LocalObjectReference;
  user?: string;
}
export interface K8SV1CinderVolumeSource {
  fsType?: string;
  readOnly?: boolean;
  secretRef?: K8SV1LocalObjectReference;
  volumeID: string;
}
export interface K8SV1ConfigMapVolumeSource {
  defaultMode?: number;
  items?: K8SV1KeyToPath[];
  name?: string;
  optional?: boolean;
}
export interface K8SV1KeyToPath {
  key: string;
  mode?: number;
  path: string;
}
export interface K8SV1CSIVolumeSource {
  driver: string;
  fsType?: string;
  nodePublishSecretRef?: K8SV1LocalObjectReference;
  readOnly?: boolean;
  volumeAttributes?: {
    [k: string]: string | undefined;
  };
}
export interface K8SV1DownwardAPIVolumeSource {
  defaultMode?: number;
  items?: K8SV1DownwardAPIVolumeFile[];
}
export interface K8SV1DownwardAPIVolumeFile {
  fieldRef?: K8SV1ObjectFieldSelector;
  mode?: number;
  path: string;
  resourceFieldRef?: K8SV1ResourceFieldSelector;
}
export interface K8SV1EmptyDirVolumeSource {
  medium?: string;
  sizeLimit?: K8SQuantity;
}
export interface K8SV1EphemeralVolumeSource {
  volumeClaimTemplate?: K8SV1PersistentVolumeClaimTemplate;
}
export interface K8SV1PersistentVolumeClaimTemplate {
  metadata?: K8SV1ObjectMeta;
  spec: K8SV1PersistentVolumeClaimSpec;
}
export interface K8SV1ObjectMeta {
  annotations?: {
    [k: string]: string | undefined;
  };
  creationTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  deletionTimestamp?: string;
  finalizers?: string[];
  generateName?: string;
  generation?: number;
  labels?: {
    [k: string]: string | undefined;
  };
  managedFields?: K8SV1ManagedFieldsEntry[];
  name?: string;
  namespace?: string;
  ownerReferences?: K8SV1OwnerReference[];
  resourceVersion?: string;
  selfLink?: string;
  uid?: string;
}
export interface K8SV1ManagedFieldsEntry {
  apiVersion?: string;
  fieldsType?: string;
  fieldsV1?: unknown;
  manager?: string;
  operation?: string;
  subresource?: string;
  time?: string;
}
export interface K8SV1OwnerReference {
  apiVersion: string;
  blockOwnerDeletion?: boolean;
  controller?: boolean;
  kind: string;
  name: string;
  uid: string;
}
export interface K8SV1PersistentVolumeClaimSpec {
  accessModes?: ("ReadOnlyMany" | "ReadWriteMany" | "ReadWriteOnce" | "ReadWriteOncePod")[];
  dataSource?: K8SV1TypedLocalObjectReference;
  dataSourceRef?: K8SV1TypedObjectReference;
  resources?: K8SV1VolumeResourceRequirements;
  selector?: K8SV1LabelSelector;
  storageClassName?: string;
  volumeAttributesClassName?: string;
  volumeMode?: "Block" | "Filesystem";
  volumeName?: string;
}
export interface K8SV1TypedLocalObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
}
export interface K8SV1TypedObjectReference {
  apiGroup?: string;
  kind: string;
  name: string;
  namespace?: string;
}
export interface K8SV1VolumeResourceRequirements {
  limits?: {
    [k: string]: K8SQuantity | undefined;
  };
  requests?: {
    [k: string]: K8SQuantity | undefined;
  };
}
export interface K8SV1FCVolumeSource {
  fsType?: string;
  lun?: number;
  readOnly?: boolean;
  targetWWNs?: string[];
  wwids?: string[];
}
export interface K8SV1FlexVolumeSource {
  driver: string;
  fsType?: string;
  options?: {
    [k: string]: string | undefined;
  };
  readOnly?: boolean;
  secretRef?: K8SV1LocalObjectReference;
}
export interface K8SV1FlockerVolumeSource {
  datasetName?: string;
  datasetUUID?: string;
}
export interface K8SV1GCEPersistentDiskVolumeSource {
  fsType?: string;
  partition?: number;
  pdName: string;
  readOnly?: boolean;
}
export interface K8SV1GitRepoVolumeSource {
  directory?: string;
  repository: string;
  revision?: string;
}
export interface K8SV1GlusterfsVolumeSource {
  endpoints: string;
  path: string;
  readOnly?: boolean;
}
export interface K8SV1HostPathVolumeSource {
  path: string;
  type?:
    | ""
    | "BlockDevice"
    | "CharDevice"
    | "Directory"
    | "DirectoryOrCreate"
    | "File"
    | "FileOrCreate"
    | "Socket";
}
export interface K8SV1ImageVolumeSource {
  pullPolicy?: "Always" | "IfNotPresent" | "Never";
  reference?: string;
}
export interface K8SV1ISCSIVolumeSource {
  chapAuthDiscovery?: boolean;
  chapAuthSession?: boolean;
  fsType?: string;
  initiatorName?: string;
  iqn: string;
  iscsiInterface?: string;
  lun: number;
  portals?: string[];
  readOnly?: boolean;
  secretRef?: K8SV1LocalObjectReference;
  targetPortal: string;
}
export interface K8SV1NFSVolumeSource {
  path: string;
  readOnly?: boolean;
  server: string;
}
export interface K8SV1PersistentVolumeClaimVolumeSource {
  claimName: string;
  readOnly?: boolean;
}
export interface K8SV1PhotonPersistentDiskVolumeSource {
  fsType?: string;
  pdID: string;
}
export interface K8SV1PortworxVolumeSource {
  fsType?: string;
  readOnly?: boolean;
  volumeID: string;
}
export interface K8SV1ProjectedVolumeSource {
  defaultMode?: number;
  sources?: K8SV1VolumeProjection[];
}
export interface K8SV1VolumeProjection {
  clusterTrustBundle?: K8SV1ClusterTrustBundleProjection;
  configMap?: K8SV1ConfigMapProjection;
  downwardAPI?: K8SV1DownwardAPIProjection;
  podCertificate?: K8SV1PodCertificateProjection;
  secret?: K8SV1SecretProjection;
  serviceAccountToken?: K8SV1ServiceAccountTokenProjection;
}
export interface K8SV1ClusterTrustBundleProjection {
  labelSelector?: K8SV1LabelSelector;
  name?: string;
  optional?: boolean;
  path: string;
  signerName?: string;
}
export interface K8SV1ConfigMapProjection {
  items?: K8SV1KeyToPath[];
  name?: string;
  optional?: boolean;
}
export interface K8SV1DownwardAPIProjection {
  items?: K8SV1DownwardAPIVolumeFile[];
}
export interface K8SV1PodCertificateProjection {
  certificateChainPath?: string;
  credentialBundlePath?: string;
  keyPath?: string;
  keyType: string;
  maxExpirationSeconds?: number;
  signerName: string;
}
export interface K8SV1SecretProjection {
  items?: K8SV1KeyToPath[];
  name?: string;
  optional?: boolean;
}
export interface K8SV1ServiceAccountTokenProjection {
  audience?: string;
  expirationSeconds?: number;
  path: string;
}
export interface K8SV1QuobyteVolumeSource {
  group?: string;
  readOnly?: boolean;
  registry: string;
  tenant?: string;
  user?: string;
  volume: string;
}
export interface K8SV1RBDVolumeSource {
  fsType?: string;
  image: string;
  keyring?: string;
  monitors: string[];
  pool?: string;
  readOnly?: boolean;
  secretRef?: K8SV1LocalObjectReference;
  user?: string;
}
export interface K8SV1ScaleIOVolumeSource {
  fsType?: string;
  gateway: string;
  protectionDomain?: string;
  readOnly?: boolean;
  secretRef: K8SV1LocalObjectReference;
  sslEnabled?: boolean;
  storageMode?: string;
  storagePool?: string;
  system: string;
  volumeName?: string;
}
export interface K8SV1SecretVolumeSource {
  defaultMode?: number;
  items?: K8SV1KeyToPath[];
  optional?: boolean;
  secretName?: string;
}
export interface K8SV1StorageOSVolumeSource {
  fsType?: string;
  readOnly?: boolean;
  secretRef?: K8SV1LocalObjectReference;
  volumeName?: string;
  volumeNamespace?: string;
}
export interface K8SV1VsphereVirtualDiskVolumeSource {
  fsType?: string;
  storagePolicyID?: string;
  storagePolicyName?: string;
  volumePath: string;
}
export interface K8SV1VolumeMount {
  mountPath: string;
  mountPropagation?: "Bidirectional" | "HostToContainer" | "None";
  name: string;
  readOnly?: boolean;
  recursiveReadOnly?: string;
  subPath?: string;
  subPathExpr?: string;
}
/**
 * Annotations on the created PVC (e.g. helm.sh/resource-policy: keep).
 */
export interface Annotations3 {
  [k: string]: string | undefined;
}
/**
 * Annotations for the controller, e.g. nginx.ingress.kubernetes.io/proxy-body-size: "0" or auth settings.
 */
export interface Annotations4 {
  [k: string]: string | undefined;
}
/**
 * Extra labels, e.g. the release label your Prometheus selects ServiceMonitors by.
 */
export interface Labels3 {
  [k: string]: LabelValue | undefined;
}
export interface K8SV2HorizontalPodAutoscalerBehavior {
  scaleDown?: K8SV2HPAScalingRules;
  scaleUp?: K8SV2HPAScalingRules;
}
export interface K8SV2HPAScalingRules {
  policies?: K8SV2HPAScalingPolicy[];
  selectPolicy?: string;
  stabilizationWindowSeconds?: number;
  tolerance?: K8SQuantity;
}
export interface K8SV2HPAScalingPolicy {
  periodSeconds: number;
  type: string;
  value: number;
}
export interface K8SV1NetworkPolicyPeer {
  ipBlock?: K8SV1IPBlock;
  namespaceSelector?: K8SV1LabelSelector;
  podSelector?: K8SV1LabelSelector;
}
export interface K8SV1IPBlock {
  cidr: string;
  except?: string[];
}
