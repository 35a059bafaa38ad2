export declare const ROOT: string;
export declare function ensureNodeModules(): void;
export declare function ensureTemporalCli(): string;
export declare function ensureTestServer(): string;
export declare function bootstrap(opts?: { testServer?: boolean }): void;
