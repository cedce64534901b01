import { DEFAULT_RENDER_COMMAND, generatedHeader } from "@llmchart/schema";

/**
 * Prepends the header in the comment syntax of the file at `path` (chart-relative).
 * Helm templates get a Go template comment that trims its own line, so the header never shows
 * up in `helm template` output; a script keeps its shebang on the first line.
 */
export function withHeader(path: string, content: string, source: string, command: string = DEFAULT_RENDER_COMMAND): string {
  const line = generatedHeader(source, command);
  if (path.endsWith(".md")) return `<!-- ${line} -->\n\n${content}`;
  if (path.startsWith("templates/")) {
    if (line.includes("*/")) throw new Error(`header of ${path} cannot hold "*/"`);
    return `{{- /* ${line} */ -}}\n${content}`;
  }
  if (content.startsWith("#!")) {
    const nl = content.indexOf("\n");
    return `${content.slice(0, nl + 1)}# ${line}\n${content.slice(nl + 1)}`;
  }
  return `# ${line}\n${content}`;
}
