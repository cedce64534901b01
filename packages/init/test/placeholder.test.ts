import { describe, expect, it } from "vitest";
import { isPlaceholderRepoUrl, SHIPPED_PLACEHOLDER_REPO_URL } from "../src/index.js";

describe("isPlaceholderRepoUrl", () => {
  it.each([
    [SHIPPED_PLACEHOLDER_REPO_URL],
    ["https://github.com/example/llm-gitops"],
    ["https://example.com/org/repo.git"],
    ["https://git.example.org/platform/llm"],
    ["https://github.com/acme/example.git"],
    ["git@github.com:your-org/your-repo.git"],
    ["https://github.com/<owner>/<repo>.git"],
    ["https://gitlab.test/x/y"],
    [""],
    ["not a url"],
  ])("%s is a placeholder", (url) => {
    expect(isPlaceholderRepoUrl(url)).toBe(true);
  });

  it.each([
    ["https://github.com/acme/llm-gitops.git"],
    ["https://gitea.lab.internal/platform/llm-gitops"],
    ["git@git.acme.internal:platform/llm.git"],
    ["ssh://git@bitbucket.org/team/examples-of-llms.git"],
    ["https://github.com/exampleco/gitops"],
  ])("%s is a real repository URL", (url) => {
    expect(isPlaceholderRepoUrl(url)).toBe(false);
  });
});
