import { serve, type ServerType } from '@hono/node-server';
import { hkdfSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';
import type { AppContext } from './app-context.ts';
import { createAuth } from './auth/auth.ts';
import type { CodeRequestLimit } from './auth/code-requests.ts';
import type { Mailer } from './auth/mailer.ts';
import { markSignedIn } from './auth/mark-signed-in.ts';
import { createChangeFeed } from './changes/change-feed.ts';
import { connect } from './db/connect.ts';
import { marketoChecks } from './services/marketo-check.ts';
import { announceEnded } from './store/sessions.ts';
import { createVault } from './vault/vault.ts';

export interface ServerOptions {
  databaseUrl: string;
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
  log: (line: string) => void;
}

export interface RunningServer {
  url: string;
  ctx: AppContext;
  close(): Promise<void>;
}

/** One server process's parts: its pool, auth, change feed and HTTP listener. Both entries start it. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const database = connect(options.databaseUrl, { max: options.poolSize ?? 10 });
  const feed = createChangeFeed(options.databaseUrl, options.log);
  // Better-auth signs with its own secret, derived so that one key (SECRET_KEY) serves both.
  const authSecret = Buffer.from(
    hkdfSync('sha256', options.vaultKey, Buffer.alloc(0), 'marketo-access better-auth', 32),
  ).toString('base64');
  const auth = createAuth({
    db: database.db,
    publicUrl: options.publicUrl,
    secret: authSecret,
    mailer: options.mailer,
    passkeyRpId: options.passkeyRpId,
    ...(options.codeSendsPerMinute !== undefined && { codeSendsPerMinute: options.codeSendsPerMinute }),
    ...(options.background && { background: options.background }),
    onError: (message) => options.log(`auth: ${String(message).slice(0, 200)}`),
    // Marking the member active is secondary: a database hiccup there must not fail the sign-in itself.
    onSignedIn: (membership) =>
      markSignedIn(database.db, membership, options.now()).catch(() =>
        options.log('sign-in: could not mark the member active'),
      ),
    onSessionEnded: (sessionId) =>
      announceEnded(database.db, [sessionId]).catch(() =>
        options.log('sign-out: could not tell the other processes (their streams close on their next check)'),
      ),
  });
  const ctx: AppContext = {
    db: database.db,
    auth,
    feed,
    services: {
      vault: createVault(options.vaultKey),
      checks: marketoChecks({ allowLoopback: options.allowLoopback }),
      now: options.now,
      allowLoopback: options.allowLoopback,
    },
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    log: options.log,
    ...(options.heartbeatSeconds !== undefined && { heartbeatSeconds: options.heartbeatSeconds }),
    ...(options.codeRequestsPerEmail && { codeRequestsPerEmail: options.codeRequestsPerEmail }),
  };
  await feed.ready;
  const app = createApp(ctx);
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    close: async () => {
      // Open SSE streams would hold close() forever.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await feed.close();
      await database.close();
    },
  };
}
