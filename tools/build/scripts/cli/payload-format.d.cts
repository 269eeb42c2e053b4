export declare const PARAMETERS: Readonly<{ url: string; import: string; full: string }>;
export declare function formatPayload(program: string, buildOf: (body: string) => string): string;
export declare function payloadBuild(source: string): string;
