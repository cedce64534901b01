import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

/** What a helm run returned. `code` 127 means helm could not be started at all. */
export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HelmTemplateOptions {
  chartDir: string;
  release: string;
  namespace: string;
  /** `-f` files, in order (later files win, as with helm). */
  valuesFiles?: readonly string[];
  /** Working directory for helm; relative paths above resolve against it. */
  cwd?: string;
  /** More helm arguments, e.g. `["--kube-version", "1.29.0"]` or `["--api-versions", "monitoring.coreos.com/v1"]`. */
  extraArgs?: readonly string[];
  /** Kill helm after this long (default 60 s). */
  timeoutMs?: number;
}

export interface HelmLintOptions {
  chartDir: string;
  valuesFiles?: readonly string[];
  namespace?: string;
  cwd?: string;
  /** `--strict`: lint warnings fail too. */
  strict?: boolean;
  extraArgs?: readonly string[];
  timeoutMs?: number;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The helm binary to use: `LLMCHART_HELM`, then `HELM_BIN` (the variable helm itself sets for
 * plugins), then `helm` on `PATH`. Undefined when there is none; callers then say what they
 * skip. An explicitly configured path is returned as is, so a typo fails loudly when run.
 */
export function findHelm(env: Record<string, string | undefined> = process.env): string | undefined {
  for (const name of ["LLMCHART_HELM", "HELM_BIN"]) {
    const v = env[name];
    if (v && v.trim()) return v.trim();
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "helm");
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Runs helm with `args` and collects its output; never rejects. */
export function runHelm(helmPath: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<HelmResult> {
  return new Promise((resolvePromise) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let settled = false;
    const finish = (result: HelmResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolvePromise(result);
    };
    const child = spawn(helmPath, [...args], { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish({ code: 124, stdout: Buffer.concat(stdout).toString("utf8"), stderr: `${Buffer.concat(stderr).toString("utf8")}helm timed out after ${options.timeoutMs ?? 60_000} ms\n` });
    }, options.timeoutMs ?? 60_000);
    child.stdout.on("data", (b: Buffer) => stdout.push(b));
    child.stderr.on("data", (b: Buffer) => stderr.push(b));
    child.on("error", (err) => { finish({ code: 127, stdout: "", stderr: `cannot run helm at ${helmPath}: ${err.message}\n` }); });
    child.on("close", (code, signal) => {
      finish({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

function valuesArgs(files: readonly string[] | undefined): string[] {
  return (files ?? []).flatMap((f) => ["-f", f]);
}

/** `helm template <release> <chartDir> --namespace <ns> -f …`: the manifests on stdout. */
export function helmTemplate(helmPath: string, options: HelmTemplateOptions): Promise<HelmResult> {
  const args = ["template", options.release, options.chartDir, "--namespace", options.namespace, ...valuesArgs(options.valuesFiles), ...(options.extraArgs ?? [])];
  return runHelm(helmPath, args, { cwd: options.cwd, timeoutMs: options.timeoutMs });
}

/** `helm lint <chartDir> -f …`: non-zero when the chart or the values (values.schema.json) fail. */
export function helmLint(helmPath: string, options: HelmLintOptions): Promise<HelmResult> {
  const args = [
    "lint",
    options.chartDir,
    ...(options.namespace ? ["--namespace", options.namespace] : []),
    ...(options.strict ? ["--strict"] : []),
    ...valuesArgs(options.valuesFiles),
    ...(options.extraArgs ?? []),
  ];
  return runHelm(helmPath, args, { cwd: options.cwd, timeoutMs: options.timeoutMs });
}
