export declare const ROOT: string;
export declare function ensureNodeModules(): void;
export declare function ensureTemporalCli(): string;
export declare function ensureTestServer(): string;
export declare const CHROMIUM: string;
export declare function ensureChromium(): string;
export declare function bootstrap(opts?: { forTests?: boolean }): void;
export declare function ensurePostgres(): void;
