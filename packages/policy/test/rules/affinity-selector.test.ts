import { defaultConfig } from "@llmchart/schema";
import { describe, expect, it } from "vitest";
import rule from "../../src/rules/affinity-selector.js";
import { releaseOf, releasePodLabels } from "../../src/release.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["other-namespace.yaml", "own-pods.yaml", "pod-labels-and-name-override.yaml"],
  invalid: [
    {
      file: "seed-anti-affinity.yaml",
      fixed: true,
      errors: [
        {
          line: 10,
          column: 15,
          path: "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0]",
          messageId: "selectsNoPodDidYouMean",
          data: {
            kind: "podAntiAffinity",
            selected: "app.kubernetes.io/name In [llm]",
            namespace: "llm",
            release: "llm-seed-anti-affinity",
            effect: "keeps the pods apart from nothing",
            labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-seed-anti-affinity",
            suggestion: "llama-cpp",
          },
        },
      ],
    },
    {
      file: "match-labels.yaml",
      fixed: true,
      errors: [
        {
          line: 12,
          column: 39,
          path: 'affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels["app.kubernetes.io/name"]',
          messageId: "selectsNoPodDidYouMean",
          data: {
            kind: "podAntiAffinity",
            selected: "app.kubernetes.io/name=llm",
            namespace: "llm",
            release: "llm-match-labels",
            effect: "keeps the pods apart from nothing",
            labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-match-labels",
            suggestion: "llama-cpp",
          },
        },
      ],
    },
    {
      file: "no-selector.yaml",
      errors: [
        {
          line: 7,
          column: 9,
          path: "affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]",
          messageId: "noLabelSelector",
          data: { kind: "podAffinity", effect: "places the pods next to nothing", labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-no-selector" },
        },
      ],
    },
    {
      // Two requirements miss: no single change makes it match, so no fix.
      file: "two-misses.yaml",
      errors: [
        {
          line: 11,
          column: 18,
          path: "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels.app",
          messageId: "selectsNoPod",
          data: {
            kind: "podAntiAffinity",
            selected: "app=llm and app.kubernetes.io/instance=llm-phi2",
            namespace: "llm",
            release: "llm-two-misses",
            effect: "keeps the pods apart from nothing",
            labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-two-misses",
          },
        },
      ],
    },
  ],
});

describe("the release's pod labels", () => {
  it("names the release after the values file, as the Argo CD Applications do", () => {
    expect(releaseOf("infra/apps/llm/values/phi2.yaml", defaultConfig)).toEqual({ name: "llm-phi2", namespace: "llm" });
    const config = { ...defaultConfig, argocd: { releasePrefix: "ai-", destination: { namespace: "models" }, models: { big: { destination: { namespace: "big" } } } } };
    expect(releaseOf("values/big.yaml", config)).toEqual({ name: "ai-big", namespace: "big" });
    expect(releaseOf("values/small.yaml", config)).toEqual({ name: "ai-small", namespace: "models" });
  });

  it("lets the selector labels win over podLabels", () => {
    expect(releasePodLabels({ podLabels: { "app.kubernetes.io/name": "x", team: "ml" } }, defaultConfig, "llm-a")).toEqual({ team: "ml", "app.kubernetes.io/name": "llama-cpp", "app.kubernetes.io/instance": "llm-a" });
    expect(releasePodLabels({ nameOverride: `${"n".repeat(62)}-x` }, defaultConfig, "r")["app.kubernetes.io/name"]).toBe("n".repeat(62));
  });
});
