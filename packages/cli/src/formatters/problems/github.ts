import type { Formatter } from "../types.js";

/** Escaping from the GitHub Actions workflow-command spec: data and property values differ. */
function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions workflow annotations: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. */
export const github: Formatter = (problems) =>
  problems
    .map((p) => {
      const level = p.severity === "error" ? "error" : p.severity === "warning" ? "warning" : "notice";
      const props = [
        `file=${escapeProperty(p.file)}`,
        `line=${p.line}`,
        `col=${p.column}`,
        `endLine=${p.endLine}`,
        `endColumn=${p.endColumn}`,
        `title=${escapeProperty(p.ruleId)}`,
      ].join(",");
      return `::${level} ${props}::${escapeData(p.message)}\n`;
    })
    .join("");
