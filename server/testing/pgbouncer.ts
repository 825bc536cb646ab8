import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';

export interface Pooler {
  /** The same URL as `directUrl`, through the pooler. */
  pooled(directUrl: string): string;
  /** PgBouncer's counters for one database (SHOW STATS): transactions and queries it passed on. */
  stats(database: string): Promise<{ transactions: number; queries: number }>;
  output(): string;
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
 * Test only: Debian's PgBouncer (installed by `npm test`'s set-up) as a child
 * process in front of a PostgreSQL, in transaction mode (the mode of managed
 * poolers such as Neon's): a server connection belongs to a client for one
 * transaction only. Its own temporary config, on a free loopback port. It
 * refuses to run as root, so as root it drops to the `postgres` user (-u).
 */
export async function startPgbouncer(target: string): Promise<Pooler> {
  if (!existsSync(PGBOUNCER))
    throw new Error(
      `PgBouncer is missing at ${PGBOUNCER}: npm test installs it (Debian: "apt-get install pgbouncer"), or set PGBOUNCER_PATH.`,
    );
  const url = new URL(target);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'marketo-access-pgbouncer-'));
  chmodSync(folder, 0o755);
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  writeFileSync(join(folder, 'userlist.txt'), `${quote(user)} ${quote(password)}\n`, { mode: 0o644 });
  writeFileSync(
    join(folder, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${url.hostname} port=${url.port}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(folder, 'userlist.txt')}`,
      `admin_users = ${user}`,
      'pool_mode = transaction',
      'default_pool_size = 4',
      // Tests make a database per server: let go of a finished one's connections soon, or PostgreSQL runs out.
      'server_idle_timeout = 2',
      'autodb_idle_timeout = 5',
      'max_client_conn = 500',
      'server_reset_query =',
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const asRoot = process.getuid?.() === 0;
  const child = spawn(PGBOUNCER, [...(asRoot ? ['-u', 'postgres'] : []), join(folder, 'pgbouncer.ini')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(folder, { recursive: true, force: true });
  };
  const pooled = (directUrl: string) => {
    const through = new URL(directUrl);
    through.hostname = '127.0.0.1';
    through.port = String(port);
    return through.toString();
  };
  // Ready when it accepts a client and reaches the server behind it.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new pg.Client({ connectionString: pooled(target) });
    try {
      await probe.connect();
      await probe.query('select 1');
      await probe.end();
      break;
    } catch (error) {
      await probe.end().catch(() => {});
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(
          `PgBouncer did not start: ${error instanceof Error ? error.message : String(error)}\n${output}`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    pooled,
    async stats(database) {
      const admin = new pg.Client({ connectionString: pooled(target).replace(/\/[^/]*$/, '/pgbouncer') });
      await admin.connect();
      try {
        const { rows } = await admin.query<{ database: string; total_xact_count: string; total_query_count: string }>(
          'SHOW STATS',
        );
        const row = rows.find((r) => r.database === database);
        return { transactions: Number(row?.total_xact_count ?? 0), queries: Number(row?.total_query_count ?? 0) };
      } finally {
        await admin.end();
      }
    },
    output: () => output,
    stop,
  };
}
