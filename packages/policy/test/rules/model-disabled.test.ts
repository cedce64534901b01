import rule from "../../src/rules/model-disabled.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["enabled.yaml", "baked-in.yaml"],
  invalid: [
    {
      file: "chart-adds.yaml",
      errors: [
        {
          line: 2,
          column: 12,
          path: "model.enabled",
          messageId: "notDownloaded",
          data: { mountPath: "/models", file: "/models/phi-2.Q4_K_M.gguf", source: "-m added by the chart" },
        },
      ],
    },
    { file: "explicit.yaml", errors: [{ line: 2, column: 12, messageId: "notDownloaded", data: { mountPath: "/models", file: "/models/phi-2.Q4_K_M.gguf", source: "extraArgs -m" } }] },
  ],
});
