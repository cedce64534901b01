import { describe, expect, it } from "vitest";
import { kubernetesSlots } from "../../src/kubernetes-types.js";
import rule from "../../src/rules/kubernetes-value.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["kubernetes-objects.yaml"],
  invalid: [
    { file: "proc-mount.yaml", errors: [{ line: 5, column: 14, path: "securityContext.procMount", message: 'securityContext.procMount must be one of "Default", "Unmasked": the Kubernetes API refuses the object' }] },
    { file: "size-limit.yaml", errors: [{ line: 7, column: 18, path: "extraVolumes[0].emptyDir.sizeLimit", message: 'extraVolumes[0].emptyDir.sizeLimit must be a Kubernetes quantity (e.g. "500m", "1Gi"): the Kubernetes API refuses the object' }] },
    {
      file: "node-selector-operator.yaml",
      errors: [{ line: 9, column: 42, path: "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator", message: /^affinity\.nodeAffinity\..*\.operator must be one of .*"In".*: the Kubernetes API refuses the object$/ }],
    },
  ],
});

describe("the Kubernetes-typed places of the values schema", () => {
  it("are read from the schema", () => {
    expect(kubernetesSlots).toContainEqual({ path: ["affinity"], type: "V1Affinity" });
    expect(kubernetesSlots).toContainEqual({ path: ["tolerations", "*"], type: "V1Toleration" });
    expect(kubernetesSlots).toContainEqual({ path: ["networkPolicy", "egress", "to", "*"], type: "V1NetworkPolicyPeer" });
  });
});
