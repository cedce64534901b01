export { inferConfig, type InferOptions, type InferResult, type Inferred, type NotCarried } from "./infer.js";
export { isPlaceholderRepoUrl, SHIPPED_PLACEHOLDER_REPO_URL } from "./placeholder.js";
