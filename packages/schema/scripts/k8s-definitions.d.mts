export const PREFIX: string;
export const valuesSchemaFile: string;
export const kubernetesSchemaFile: string;
export const versionFile: string;
export function generateAll(): Promise<Map<string, string>>;
