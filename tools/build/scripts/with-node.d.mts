export declare const SUPPORTED_NODE_MAJORS: readonly number[];
export declare function nodeBinary(major: number): string;
