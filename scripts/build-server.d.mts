/** The built team server's entry: `.output/server/main.mjs` under the project. */
export declare const SERVER_BUNDLE: string;
/** Bundles `entry` (relative to the project; default `server/main.ts`) into the ES module `out`; answers `out`. */
export declare function buildServer(entry?: string, out?: string): Promise<string>;
