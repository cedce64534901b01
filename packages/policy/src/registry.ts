import type { Rule } from "./define-rule.js";
import affinitySelector from "./rules/affinity-selector.js";
import chartRequired from "./rules/chart-required.js";
import cpuLimitMissing from "./rules/cpu-limit-missing.js";
import ctxExceedsTraining from "./rules/ctx-exceeds-training.js";
import ctxSizeMissing from "./rules/ctx-size-missing.js";
import dedicatedNodeScheduling from "./rules/dedicated-node-scheduling.js";
import downloadUrlHttps from "./rules/download-url-https.js";
import downloadUrl from "./rules/download-url.js";
import duplicateFlag from "./rules/duplicate-flag.js";
import flagValue from "./rules/flag-value.js";
import imageReference from "./rules/image-reference.js";
import imageTagFloating from "./rules/image-tag-floating.js";
import ingressTls from "./rules/ingress-tls.js";
import loadBalancerSourceRanges from "./rules/load-balancer-source-ranges.js";
import memoryBelowModelSize from "./rules/memory-below-model-size.js";
import memoryHeadroom from "./rules/memory-headroom.js";
import modelDisabled from "./rules/model-disabled.js";
import modelPath from "./rules/model-path.js";
import modelSha256 from "./rules/model-sha256.js";
import modelSizeUnknown from "./rules/model-size-unknown.js";
import nullWithoutDefault from "./rules/null-without-default.js";
import parallelSlotSize from "./rules/parallel-slot-size.js";
import progressDeadline from "./rules/progress-deadline.js";
import removedFlag from "./rules/removed-flag.js";
import requestsExceedLimits from "./rules/requests-exceed-limits.js";
import secretLiteral from "./rules/secret-literal.js";
import serverHostLoopback from "./rules/server-host-loopback.js";
import serverPort from "./rules/server-port.js";
import threadsExceedCpuLimit from "./rules/threads-exceed-cpu-limit.js";
import threadsUnset from "./rules/threads-unset.js";
import unknownFlag from "./rules/unknown-flag.js";
import unusedDisable from "./rules/unused-disable.js";

/** Every policy rule, in id order. A meta-test checks that each file in src/rules/ is listed here. */
export const rules: readonly Rule[] = [
  affinitySelector,
  chartRequired,
  cpuLimitMissing,
  ctxExceedsTraining,
  ctxSizeMissing,
  dedicatedNodeScheduling,
  downloadUrlHttps,
  downloadUrl,
  duplicateFlag,
  flagValue,
  imageReference,
  imageTagFloating,
  ingressTls,
  loadBalancerSourceRanges,
  memoryBelowModelSize,
  memoryHeadroom,
  modelDisabled,
  modelPath,
  modelSha256,
  modelSizeUnknown,
  nullWithoutDefault,
  parallelSlotSize,
  progressDeadline,
  removedFlag,
  requestsExceedLimits,
  secretLiteral,
  serverHostLoopback,
  serverPort,
  threadsExceedCpuLimit,
  threadsUnset,
  unknownFlag,
  unusedDisable,
];

/** A rule by id. */
export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
