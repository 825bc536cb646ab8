import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DestinationStream, Level } from 'pino';
import type { FetchLike } from '../../lib/marketo/http.ts';
import type { CallerCacheOptions } from '../auth/caller-cache.ts';
import { createOutbox } from '../auth/mailer.ts';
import { ORG_HEADER } from '../auth/memberships.ts';
import { connect } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { createLogger } from '../observability/logger.ts';
import { startServer, type RunningServer } from '../server.ts';
import { httpRequest } from './http.ts';
import { testDatabaseUrl } from './test-database.ts';

export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let current = start;
  return { now: () => current, set: (ms) => void (current = ms), advance: (ms) => void (current += ms) };
}

export interface TestServerOptions {
  /** Another test server's database, for two processes on one database. Default: a fresh one. */
  databaseUrl?: string;
  clock?: TestClock;
  vaultKey?: Buffer;
  /** Code sends per IP per minute; tests sign many people in from 127.0.0.1. Default 1000. */
  codeSendsPerMinute?: number;
  /** Code requests per email and window. Default 1000 a minute (tests sign the same people in again and again). */
  codeRequestsPerEmail?: { max: number; windowMs: number };
  heartbeatSeconds?: number;
  poolSize?: number;
  /** LISTEN's own connection when databaseUrl goes through a pooler. */
  directUrl?: string;
  /** Where the server's JSON log lines go (a memoryLog() to read them); default: nowhere. */
  logDestination?: DestinationStream;
  logLevel?: Level;
  /** Start the metrics listener (0: any free port). */
  metricsPort?: number;
  selfTestMs?: number;
  marketoFetch?: FetchLike;
  /** The caller cache's TTL, size and clock. */
  callerCache?: Omit<CallerCacheOptions, 'notices'>;
  /** A fixed port and the PUBLIC_URL that names it (an identity provider sends browsers back there). Default: any port, http://localhost. */
  port?: number;
  publicUrl?: string;
}

export interface TestServer {
  url: string;
  databaseUrl: string;
  clock: TestClock;
  vaultKey: Buffer;
  outbox: ReturnType<typeof createOutbox>;
  /** A separate pool on the same database, for seeding and reading rows as stored. */
  db: Kysely<Database>;
  server: RunningServer;
  /** Asks for a code, reads it from the outbox, verifies it: answers the bearer token (for `orgId`'s membership, when the person chose one). */
  signIn(email: string, orgId?: string): Promise<string>;
  /** The last code mailed to `email`, once every delivery under way has ended (codes go out after the answer). */
  codeFor(email: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Test only: the server in this process on an ephemeral port, with a
 * controllable clock for commands, an outbox instead of SMTP, loopback
 * Marketo allowed (the sandbox), and its own database unless given one.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const databaseUrl = options.databaseUrl ?? (await testDatabaseUrl());
  const clock = options.clock ?? testClock();
  const vaultKey = options.vaultKey ?? randomBytes(32);
  const outbox = createOutbox();
  const pending = new Set<Promise<unknown>>();
  const background = (task: Promise<unknown>) => {
    const tracked = task.catch(() => {}).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  const codeFor = async (email: string) => {
    while (pending.size > 0) await Promise.all(pending);
    return outbox.lastCodeFor(email);
  };
  const server = await startServer({
    databaseUrl,
    publicUrl: options.publicUrl ?? 'http://localhost',
    vaultKey,
    mailer: outbox,
    passkeyRpId: 'localhost',
    allowLoopback: true,
    now: clock.now,
    port: options.port ?? 0,
    codeSendsPerMinute: options.codeSendsPerMinute ?? 1000,
    codeRequestsPerEmail: options.codeRequestsPerEmail ?? { max: 1000, windowMs: 60_000 },
    background,
    ...(options.heartbeatSeconds !== undefined && { heartbeatSeconds: options.heartbeatSeconds }),
    ...(options.poolSize !== undefined && { poolSize: options.poolSize }),
    ...(options.directUrl !== undefined && { directUrl: options.directUrl }),
    ...(options.metricsPort !== undefined && { metricsPort: options.metricsPort }),
    ...(options.selfTestMs !== undefined && { selfTestMs: options.selfTestMs }),
    ...(options.marketoFetch !== undefined && { marketoFetch: options.marketoFetch }),
    ...(options.callerCache !== undefined && { callerCache: options.callerCache }),
    logger: options.logDestination
      ? createLogger({ level: options.logLevel ?? 'trace', destination: options.logDestination })
      : createLogger({ level: 'silent' }),
  });
  const seeding = connect(databaseUrl, { max: 2 });
  const signIn = async (email: string, orgId?: string) => {
    const json = { 'content-type': 'application/json' };
    const sent = await httpRequest(`${server.url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, type: 'sign-in' }),
    });
    if (sent.status !== 200) throw new Error(`code for ${email} refused: ${sent.status} ${sent.text}`);
    const otp = await codeFor(email);
    const verified = await httpRequest(`${server.url}/api/auth/sign-in/email-otp`, {
      method: 'POST',
      headers: orgId === undefined ? json : { ...json, [ORG_HEADER]: orgId },
      body: JSON.stringify({ email, otp }),
    });
    const token = verified.headers.get('set-auth-token');
    if (verified.status !== 200 || !token)
      throw new Error(`sign-in for ${email} refused: ${verified.status} ${verified.text}`);
    return token;
  };
  return {
    url: server.url,
    databaseUrl,
    clock,
    vaultKey,
    outbox,
    db: seeding.db,
    server,
    signIn,
    codeFor,
    close: async () => {
      await server.close();
      await seeding.close();
    },
  };
}
