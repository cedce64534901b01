export declare const schemaFile: string;
export declare const typesFile: string;
export declare function generateValuesTypes(): Promise<string>;
