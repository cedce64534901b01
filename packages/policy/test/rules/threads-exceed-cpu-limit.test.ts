import rule from "../../src/rules/threads-exceed-cpu-limit.js";
import { testRule } from "../rule-tester.js";

testRule(rule, {
  valid: ["equal.yaml", "millicores.yaml", "no-limit.yaml", "half-core.yaml"],
  invalid: [
    {
      file: "threads.yaml",
      errors: [
        {
          line: 6,
          column: 5,
          path: "extraArgs[1]",
          message:
            '-t 8 runs 8 threads but resources.limits.cpu is "4": llama.cpp\'s lock-step threads stall when the CPU quota throttles them — set -t 4 (floor of the CPU limit) or raise the limit',
        },
        { line: 8, column: 5, path: "extraArgs[3]", message: /^-tb 16 runs 16 threads .* set -tb 4 / },
      ],
    },
    { file: "millicores.yaml", errors: [{ line: 4, column: 13, message: /^--threads=2 runs 2 threads but resources\.limits\.cpu is "1500m": .* set --threads 1 / }] },
    { file: "env.yaml", errors: [{ line: 6, column: 12, path: "extraEnv[0].value", message: /^LLAMA_ARG_THREADS=8 runs 8 threads but resources\.limits\.cpu is 4: .* set LLAMA_ARG_THREADS=4 / }] },
  ],
});
