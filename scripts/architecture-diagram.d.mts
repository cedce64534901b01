// Types of architecture-diagram.mjs for the drift test (packages/cli/test/architecture-doc.test.ts).
export declare const ARCHITECTURE_COMMAND: string;
export declare const BEGIN: string;
export declare const END: string;
export declare const DOC: string;
export interface WorkspacePackage {
  dir: string;
  manifest: { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
}
export interface WorkspaceEdge {
  /** The package imported. */
  from: string;
  /** The package that imports it. */
  to: string;
  /** Reached only through `import()`. */
  dynamic: boolean;
}
export declare function workspacePackages(root: string): WorkspacePackage[];
export declare function workspaceEdges(packages: readonly WorkspacePackage[]): WorkspaceEdge[];
export declare function architectureDiagram(root: string): string;
export declare function generatedBlock(text: string): string | undefined;
export declare function withDiagram(text: string, block: string): string;
