import { resolve } from 'node:path';
import { createOutbox, smtpMailer, type Mailer } from './auth/mailer.ts';
import { issueClaimIfEmpty } from './claim/owner-claim.ts';
import { connect } from './db/connect.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.ts';
import { describeFailure } from './describe-failure.ts';
import { migrate } from './db/migrate.ts';
import { startServer } from './server.ts';
import { loadVaultKey } from './vault/key.ts';

/**
 * The production entry (`npm run server`). Env: PORT (8787), HOST (127.0.0.1),
 * DATABASE_URL (absent: embedded PostgreSQL under .data/pg), PUBLIC_URL,
 * SECRET_KEY, SMTP_URL and SMTP_FROM, PASSKEY_RP_ID ("localhost"), NODE_ENV,
 * MARKETO_ALLOW_LOOPBACK=1 (development only: the Marketo sandbox), TRUST_PROXY=1
 * (behind a reverse proxy that sets X-Forwarded-For).
 * No clock control here: time is the machine's.
 */
const env = process.env;
const production = env.NODE_ENV === 'production';
const log = (line: string) => console.log(`[server] ${line}`);
const dataDir = resolve(env.DATA_DIR ?? '.data');
const port = Number(env.PORT ?? 8787);
const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');

function mailer(): Mailer {
  if (env.SMTP_URL)
    return smtpMailer(env.SMTP_URL, env.SMTP_FROM ?? `Marketo Access <no-reply@${new URL(publicUrl).hostname}>`);
  if (production) throw new Error('SMTP_URL is required in production: sign-in codes are sent by email.');
  return createOutbox({ print: true, log });
}

let embedded: EmbeddedDatabase | undefined;
let started = false;
// A start-up that stops halfway with nothing left to run would end silently with status 0: say so, and fail.
process.once('beforeExit', () => {
  if (started) return;
  console.error('[server] cannot start: the start-up stopped before the server listened (nothing was left to run).');
  process.exitCode = 1;
});
try {
  const vaultKey = loadVaultKey(env, resolve(dataDir, 'secret.key'));
  const mail = mailer();
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    log(`no DATABASE_URL: starting the embedded PostgreSQL in ${resolve(dataDir, 'pg')}`);
    embedded = await startEmbeddedPostgres(resolve(dataDir, 'pg'), {
      // Beside secret.key, 0600: the embedded database's superuser password, made on its first start.
      passwordFile: resolve(dataDir, 'pg-password'),
      ...(Number(env.EMBEDDED_PG_PORT) > 0 && { port: Number(env.EMBEDDED_PG_PORT) }),
      log,
    });
    databaseUrl = embedded.url();
  }
  const setup = connect(databaseUrl, { max: 1 });
  await migrate(setup.db);
  const token = await issueClaimIfEmpty(setup.db, Date.now());
  await setup.close();
  const server = await startServer({
    databaseUrl,
    publicUrl,
    vaultKey,
    mailer: mail,
    passkeyRpId: env.PASSKEY_RP_ID ?? 'localhost',
    allowLoopback: env.MARKETO_ALLOW_LOOPBACK === '1' && !production,
    now: Date.now,
    port,
    host: env.HOST ?? '127.0.0.1',
    trustProxy: env.TRUST_PROXY === '1',
    log,
  });
  started = true;
  log(`listening on ${server.url} (public URL ${publicUrl})`);
  // The link is the one secret printed, once, on a server with no org: whoever opens it makes the first org.
  if (token)
    log(
      `no org yet: open ${publicUrl}/claim#${token} (or POST /api/claim with this token) to create the first org and its owner`,
    );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await server.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error(`[server] cannot start: ${describeFailure(error)}`);
  await embedded?.stop().catch(() => {});
  process.exit(1);
}
