import { defaultConfig, parseSource, type ResolvedConfig } from "@llmchart/schema";
import { parse } from "yaml";
import { fallbackChartDefaults } from "../../src/defaults.js";
import { describe, expect, it } from "vitest";
import rule from "../../src/rules/affinity-selector.js";
import { releaseOf, releasePodLabels } from "../../src/release.js";
import { followAdvice, lint } from "../helpers.js";
import { testRule } from "../rule-tester.js";

const ROLLOUT = "add matchLabelKeys: [pod-template-hash] to the term so a rollout's new pod may start next to the old one";

testRule(rule, {
  valid: ["other-namespace.yaml", "own-pods.yaml", "pod-labels-and-name-override.yaml"],
  invalid: [
    {
      // The seed's term: "did you mean llama-cpp?" would select every model's pods, a required
      // anti-affinity across all models (one model per node). The advice keeps the author's intent.
      file: "seed-anti-affinity.yaml",
      errors: [
        {
          line: 10,
          column: 15,
          path: "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0]",
          messageId: "selectsNoPod",
          data: {
            kind: "podAntiAffinity",
            selected: "app.kubernetes.io/name In [llm]",
            namespace: "llm",
            release: "llm-seed-anti-affinity",
            effect: "keeps the pods apart from nothing",
            labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-seed-anti-affinity",
            advice:
              "select app.kubernetes.io/instance: llm-seed-anti-affinity to keep release llm-seed-anti-affinity's own pods apart, and " +
              ROLLOUT +
              " (not app.kubernetes.io/name=llama-cpp alone: that matches every model's pods, one model per node)",
          },
        },
      ],
    },
    {
      // Preferred: no rollout is blocked, so no pod-template-hash.
      file: "match-labels.yaml",
      errors: [
        {
          line: 12,
          column: 39,
          path: 'affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector.matchLabels["app.kubernetes.io/name"]',
          messageId: "selectsNoPod",
          data: {
            kind: "podAntiAffinity",
            selected: "app.kubernetes.io/name=llm",
            namespace: "llm",
            release: "llm-match-labels",
            effect: "keeps the pods apart from nothing",
            labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-match-labels",
            advice: "select app.kubernetes.io/instance: llm-match-labels to keep release llm-match-labels's own pods apart (not app.kubernetes.io/name=llama-cpp alone: that matches every model's pods)",
          },
        },
      ],
    },
    {
      // A misspelt release: the one value that matches selects this release's pods only, a safe fix.
      file: "instance-typo.yaml",
      fixed: true,
      errors: [
        {
          line: 12,
          column: 43,
          messageId: "selectsNoPodDidYouMean",
          data: {
            kind: "podAntiAffinity",
            selected: "app.kubernetes.io/instance=llm-instance-typ",
            namespace: "llm",
            release: "llm-instance-typo",
            effect: "keeps the pods apart from nothing",
            labels: "app.kubernetes.io/name=llama-cpp, app.kubernetes.io/instance=llm-instance-typo",
            suggestion: "llm-instance-typo",
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
          data: { kind: "podAffinity", effect: "places the pods next to nothing", advice: "select app.kubernetes.io/instance: llm-no-selector to keep release llm-no-selector's own pods together" },
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
            advice: `select app.kubernetes.io/instance: llm-two-misses to keep release llm-two-misses's own pods apart, and ${ROLLOUT}`,
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

const MODEL = "model:\n  repoId: TheBloke/phi-2-GGUF\n  filename: phi-2.Q4_K_M.gguf\n";
const SEED_TERM = `affinity:
  podAntiAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchExpressions:
            - key: app.kubernetes.io/name
              operator: In
              values: [llm]
`;
const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

describe("following the advice in a values file", () => {
  it("the release's own pods with pod-template-hash, as suggested: the problem goes away and nothing new appears", () => {
    const before = MODEL + SEED_TERM;
    const after = before.replace(
      /labelSelector:[\s\S]*$/,
      "labelSelector:\n          matchLabels:\n            app.kubernetes.io/instance: llm-values\n        matchLabelKeys: [pod-template-hash]\n",
    );
    expect(followAdvice(before, before, ["affinity-selector"]).remaining).toHaveLength(1);
    expect(followAdvice(before, after, ["affinity-selector"])).toEqual({ remaining: [], worse: [] });
  });

  it("says what a rollout needs when the cluster predates matchLabelKeys", () => {
    const config = { ...defaultConfig, kubernetes: { version: "1.29" } };
    const [problem] = lint(MODEL + SEED_TERM, { config, rules: [rule] });
    expect(problem?.message).toContain(
      "select app.kubernetes.io/instance: llm-values to keep release llm-values's own pods apart; a rollout's new pod then needs a node without an old one (on a single node set strategy.rollingUpdate.maxSurge: 0)",
    );
  });

  it("needs no pod-template-hash without surge pods (maxSurge 0)", () => {
    const text = MODEL + "strategy:\n  rollingUpdate:\n    maxSurge: 0\n    maxUnavailable: 1\n" + SEED_TERM;
    const [problem] = lint(text, { rules: [rule] });
    expect(problem?.message).toContain("select app.kubernetes.io/instance: llm-values to keep release llm-values's own pods apart (not app.kubernetes.io/name=llama-cpp alone");
    expect(problem?.message).not.toContain("pod-template-hash");
  });
});

describe("a term set for every model in llmchart.config.yaml defaults", () => {
  const configText = (affinity: string) => `layout:\n  root: infra/apps/llm\ndefaults:\n${indent(affinity, "  ")}`;
  const configOf = (text: string, version = "1.34"): ResolvedConfig => ({
    ...defaultConfig,
    kubernetes: { version },
    defaults: (parse(text) as { defaults: Record<string, unknown> }).defaults,
  });
  const lintWithDefaults = (values: string, text: string, version?: string) => {
    const config = configOf(text, version);
    return lint(values, { config, chartDefaults: fallbackChartDefaults(config), configSource: parseSource("llmchart.config.yaml", text), chartDefaultsLabel: "charts/llama-cpp/values.yaml" }, "infra/apps/llm/values/phi2.yaml").filter(
      (p) => p.ruleId === "affinity-selector",
    );
  };

  it("names the config key a person edits, with its position, not the generated values.yaml", () => {
    const [problem] = lintWithDefaults(MODEL, configText(SEED_TERM));
    expect(problem?.message).toContain(
      "a chart-wide default cannot name one release: select app.kubernetes.io/name: llama-cpp and add matchLabelKeys: [app.kubernetes.io/instance, pod-template-hash] to the term, so each release's own pods are kept apart and a rollout's new pod may start next to the old one",
    );
    expect(problem?.message).toMatch(
      /\[affinity\.podAntiAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.labelSelector\.matchExpressions\[0\] comes from llmchart\.config\.yaml:10:17 defaults\.affinity\.podAntiAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.labelSelector\.matchExpressions\[0\]\]$/,
    );
    expect(problem?.message).not.toContain("values.yaml");
  });

  it("following it (matchLabelKeys in the config's default) leaves no problem in any model", () => {
    const fixed = SEED_TERM.replace("values: [llm]", "values: [llama-cpp]") + "        matchLabelKeys: [app.kubernetes.io/instance, pod-template-hash]\n";
    for (const values of [MODEL, MODEL + "replicaCount: 2\n"]) expect(lintWithDefaults(values, configText(fixed))).toEqual([]);
  });

  it("before Kubernetes 1.31 the default cannot be fixed in place: set the term per values file", () => {
    const [problem] = lintWithDefaults(MODEL, configText(SEED_TERM), "1.30");
    expect(problem?.message).toContain("Kubernetes 1.30 does not apply matchLabelKeys (1.31 and later do): set the term in each values file, selecting app.kubernetes.io/instance: <release> (llm-phi2 here)");
  });
});
