export interface Value { k: "int" | "float" | "double" | "bool" | "str" | "enum" | "example" | "unknown"; v?: unknown }
export declare const UNKNOWN: Value;
export declare const HOLE: string;
export declare function formatC(fmt: string, args: Value[]): string;
export declare function toFixedExact(x: number, digits: number): string;
export declare function numberValue(text: string): Value;
