// Bench only: one team-server process as in production (server/server.ts's
// startServer: its pool, auth, change feed), plus a second listener serving
// the same app on the same parts with two additions that production does not
// have: GET /bench/select-1 (a bare route running `SELECT 1` through the same
// pool, the reference for the status read) and GET /bench/memory; and a
// Server-Timing header with the time spent inside the app, on requests that ask (x-bench-timing).
// Env: DATABASE_URL, SECRET_KEY (base64). Prints `bench server on <url>`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import { getHeapSpaceStatistics } from 'node:v8';
import { createApp } from '../../server/app.ts';
import { createOutbox } from '../../server/auth/mailer.ts';
import { createLogger } from '../../server/observability/logger.ts';
import { startServer } from '../../server/server.ts';

const env = process.env;
const running = await startServer({
  databaseUrl: env.DATABASE_URL!,
  publicUrl: 'http://localhost',
  vaultKey: Buffer.from(env.SECRET_KEY!, 'base64'),
  mailer: createOutbox(),
  passkeyRpId: 'localhost',
  allowLoopback: false,
  now: Date.now,
  port: 0,
  logger: createLogger({ level: 'silent' }),
});
const { ctx } = running;
const app = new Hono();
// Only when asked (the grants' figures): setting a header on an answer made costs the read being measured.
app.use('*', async (c, next) => {
  if (!c.req.header('x-bench-timing')) return next();
  const start = performance.now();
  await next();
  c.res.headers.set('server-timing', `app;dur=${(performance.now() - start).toFixed(3)}`);
});
app.get('/bench/select-1', async (c) => {
  await sql`select 1`.execute(ctx.db);
  return c.json({ ok: true, value: 1 });
});
app.get('/bench/memory', (c) =>
  c.json({
    ok: true,
    value: process.memoryUsage(),
    // Where the heap's room goes (new space grows with garbage between collections, code space with compiled code).
    spaces: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size])),
  }),
);
app.route('/', createApp(ctx));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
  console.log(`bench server on http://127.0.0.1:${info.port}`),
);

const stop = async () => {
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  server.close();
  await running.close().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
