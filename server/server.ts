import { serve, type ServerType } from '@hono/node-server';
import type { FetchLike } from '../lib/marketo/http.ts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createApp } from './app.ts';
import type { AppContext } from './app-context.ts';
import { authSecretFrom, createAuth } from './auth/auth.ts';
import { cachedCallers } from './auth/caller.ts';
import { createCallerCache, type CallerCacheOptions } from './auth/caller-cache.ts';
import type { CodeRequestLimit } from './auth/code-requests.ts';
import type { Mailer } from './auth/mailer.ts';
import { markSignedIn } from './auth/mark-signed-in.ts';
import { createChangeFeed } from './changes/change-feed.ts';
import { connect } from './db/connect.ts';
import { createLifecycle } from './http/lifecycle.ts';
import type { Logger } from './observability/logger.ts';
import { countedFetch } from './observability/marketo-calls.ts';
import { createMetrics } from './observability/metrics.ts';
import { startMetricsServer, type MetricsServer } from './observability/metrics-server.ts';
import { marketoChecks } from './services/marketo-check.ts';
import { orgVersionQuery } from './store/org-version.ts';
import { createReadSnapshots } from './store/read-snapshots.ts';
import { announceEnded } from './store/sessions.ts';
import { createVault } from './vault/vault.ts';

export interface ServerOptions {
  /** Commands and reads: may go through a transaction-mode pooler. */
  databaseUrl: string;
  /** LISTEN (and, in main.ts, migrations): a direct connection. Default: databaseUrl. */
  directUrl?: string;
  publicUrl: string;
  vaultKey: Buffer;
  mailer: Mailer;
  passkeyRpId: string;
  allowLoopback: boolean;
  now: () => number;
  port: number;
  host?: string;
  codeSendsPerMinute?: number;
  /** Code requests per email and window (default: 3 in 5 minutes). */
  codeRequestsPerEmail?: CodeRequestLimit;
  /** Runs work an answer does not wait for (a code's delivery); tests track it. */
  background?: (task: Promise<unknown>) => void;
  heartbeatSeconds?: number;
  poolSize?: number;
  /** Behind a reverse proxy: the client's address is the last X-Forwarded-For entry, not the socket's. */
  trustProxy?: boolean;
  logger: Logger;
  /** GET /metrics on this port (0: any free one); absent: no metrics listener. */
  metricsPort?: number;
  metricsHost?: string;
  /** Node's own series too (memory, event loop): the production entry only, once per process. */
  processMetrics?: boolean;
  /** The change feed's start-up check waits this long for its notice. */
  selfTestMs?: number;
  /** The caller cache's bounds and clock (tests); its notices are always the change feed's. */
  callerCache?: Omit<CallerCacheOptions, 'notices'>;
  /** Marketo's fetch (tests count calls against a stub). */
  marketoFetch?: FetchLike;
}

export interface RunningServer {
  url: string;
  /** The metrics listener's GET /metrics URL, when there is one. */
  metricsUrl?: string;
  ctx: AppContext;
  /** Stops at once: open connections are cut (tests, and the end of a drain). */
  close(): Promise<void>;
  /**
   * SIGTERM: stop listening, answer 503 `shutting-down` to any request that
   * still arrives on an open connection, end change streams with a retry
   * hint, wait up to `ms` for requests in flight to be answered, then close.
   * Answers how many requests were still open when time ran out.
   */
  drain(ms: number): Promise<{ abandoned: number }>;
}

/** One server process's parts: its pool, auth, change feed and HTTP listener. Both entries start it. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger;
  const database = connect(options.databaseUrl, { max: options.poolSize ?? 10 });
  const metrics = createMetrics({ processMetrics: options.processMetrics ?? false });
  metrics.watchPool(database.pool);
  const feed = createChangeFeed({
    url: options.directUrl ?? options.databaseUrl,
    log: logger,
    notify: async (channel, payload) => void (await sql`select pg_notify(${channel}, ${payload})`.execute(database.db)),
    ...(options.selfTestMs !== undefined && { selfTestMs: options.selfTestMs }),
  });
  metrics.watchFeed(feed);
  const callerCache = createCallerCache({ notices: feed, ...options.callerCache });
  const authSecret = authSecretFrom(options.vaultKey);
  const auth = createAuth({
    db: database.db,
    publicUrl: options.publicUrl,
    secret: authSecret,
    mailer: options.mailer,
    passkeyRpId: options.passkeyRpId,
    ...(options.codeSendsPerMinute !== undefined && { codeSendsPerMinute: options.codeSendsPerMinute }),
    ...(options.background && { background: options.background }),
    // Better-auth's own words, cut short: it says what failed, never a code or token.
    onError: (message) => logger.error({ source: 'better-auth' }, String(message).slice(0, 200)),
    // Marking the member active is secondary: a database hiccup there must not fail the sign-in itself.
    now: options.now,
    onSignedIn: (membership, method) =>
      markSignedIn(database.db, membership, options.now(), method).catch(() =>
        logger.warn('sign-in: could not mark the member active'),
      ),
    // Through the pool (a NOTIFY passes a transaction-mode pooler); every process hears it on its direct LISTEN.
    onSessionEnded: (sessionId) => {
      callerCache.forget(sessionId);
      return announceEnded(database.db, [sessionId]).catch(() =>
        logger.warn(
          'sign-out: could not tell the other processes (their streams end at the session expiry or when their feed reconnects)',
        ),
      );
    },
  });
  const lifecycle = createLifecycle();
  const ctx: AppContext = {
    db: database.db,
    auth,
    callers: cachedCallers(auth, database.db, callerCache),
    keptReads: {
      snapshots: createReadSnapshots(),
      // A transaction-mode pooler in front (a direct URL of its own) may run the next read on another connection.
      orgVersion: orgVersionQuery(database.pool, {
        prepared: (options.directUrl ?? options.databaseUrl) === options.databaseUrl,
      }),
    },
    feed,
    services: {
      vault: createVault(options.vaultKey),
      checks: marketoChecks({
        allowLoopback: options.allowLoopback,
        fetch: countedFetch(options.marketoFetch ?? ((input, init) => fetch(input, init)), metrics.marketoCalls),
      }),
      now: options.now,
      allowLoopback: options.allowLoopback,
    },
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    logger,
    metrics,
    lifecycle,
    ...(options.heartbeatSeconds !== undefined && { heartbeatSeconds: options.heartbeatSeconds }),
    ...(options.codeRequestsPerEmail && { codeRequestsPerEmail: options.codeRequestsPerEmail }),
  };
  await feed.ready;
  const app = createApp(ctx);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? '127.0.0.1' }, () => resolve(s));
  });
  // Answers not yet fully written (a change stream counts until it ends): what a drain waits for.
  let open = 0;
  let settled: () => void = () => {};
  (server as Server).on('request', (_req, res) => {
    open++;
    res.once('close', () => {
      open--;
      if (open === 0) settled();
    });
  });
  let metricsServer: MetricsServer | undefined;
  if (options.metricsPort !== undefined)
    metricsServer = await startMetricsServer(metrics.registry, options.metricsPort, options.metricsHost);
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Open SSE streams and idle keep-alive connections would hold close() forever.
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await metricsServer?.close();
      await feed.close();
      await database.close();
    })());

  return {
    url: `http://127.0.0.1:${port}`,
    ...(metricsServer && { metricsUrl: metricsServer.url }),
    ctx,
    close,
    async drain(ms) {
      lifecycle.startDrain();
      // No new connections from here; idle keep-alive ones are closed by node, busy ones once answered.
      server.close();
      let timer: NodeJS.Timeout | undefined;
      if (open > 0)
        await new Promise<void>((resolve) => {
          settled = resolve;
          timer = setTimeout(resolve, ms);
        });
      clearTimeout(timer);
      const abandoned = open;
      // A command still waiting (on a lock, say) would hold the pool's end forever: give it a moment, then go;
      // the caller exits, its connections drop, and PostgreSQL rolls back what they had not committed.
      if (abandoned > 0) await Promise.race([close(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      else await close();
      return { abandoned };
    },
  };
}
