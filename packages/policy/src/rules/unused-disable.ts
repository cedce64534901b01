import { defineRule } from "../define-rule.js";

/**
 * Reported by the engine, not by a check: after every rule ran, each `llmchart-disable`
 * comment (or rule id in it) that suppressed nothing becomes a problem of this rule.
 */
export default defineRule({
  id: "unused-disable",
  description: "Every llmchart-disable / llmchart-disable-next-line comment suppresses a problem, and names rules that exist.",
  severity: "warning",
  help: "Remove the comment (or the rule id in it) that no longer suppresses anything, or fix the rule id's spelling.",
  messages: {
    suppressesNothing: "{{directive}} suppresses nothing here: remove the comment",
    ruleSuppressesNothing: "{{directive}} {{ruleId}} suppresses nothing {{where}}: remove it",
    cannotDisable: "{{ruleId}} cannot be disabled: schema and YAML errors are what Helm itself rejects; fix the value instead",
    unknownRule: 'unknown rule "{{ruleId}}" in {{directive}}{{hint}}',
  },
  check() {},
});
