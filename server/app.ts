import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Command } from '../lib/features/command.ts';
import { COMMANDS } from '../lib/features/registry.ts';
import type { AppContext } from './app-context.ts';
import { DATABASE_DOWN, INTERNAL, isDatabaseDown, noteAnswerHeader, refuse } from './http/answers.ts';
import { extensionCors } from './http/cors.ts';
import { SHUTTING_DOWN } from './http/lifecycle.ts';
import { errorKind } from './observability/logger.ts';
import { observeRequests } from './observability/request-log.ts';
import { activityRoutes } from './routes/activity.ts';
import { authRoutes } from './routes/auth.ts';
import { changeRoutes } from './routes/changes.ts';
import { claimPageRoutes } from './routes/claim-page.ts';
import { commandRoutes } from './routes/commands.ts';
import { healthRoutes } from './routes/health.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { scimRoutes } from './routes/scim.ts';
import { sessionRoutes } from './routes/session.ts';
import { ssoRoutes } from './routes/sso.ts';

export const MAX_BODY_BYTES = 256 * 1024;

/** The team server's HTTP API; see server/README.md. */
export function createApp(ctx: AppContext) {
  const app = new Hono();
  app.use('*', observeRequests(ctx.logger, ctx.metrics));
  const cors = extensionCors(ctx.publicUrl);
  const tooLarge = (c: Context, maxSize: number) => {
    // The rest of the body is never read: the connection cannot carry another request.
    noteAnswerHeader(c, 'Connection', 'close');
    return refuse(c, { code: 'too-large', message: `The request is over ${maxSize / 1024} KB.` });
  };
  const counted = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => tooLarge(c, maxSize) });
  const standard = { maxSize: MAX_BODY_BYTES, limit: counted(MAX_BODY_BYTES) };
  // A command may declare a larger body (an org's export file); every other request keeps the default.
  const larger = new Map<string, typeof standard>(
    Object.entries(COMMANDS as Record<string, Pick<Command, 'maxBodyBytes'>>).flatMap(([name, { maxBodyBytes }]) =>
      maxBodyBytes ? [[`/api/commands/${name}`, { maxSize: maxBodyBytes, limit: counted(maxBodyBytes) }] as const] : [],
    ),
  );
  // Before any route, in one step (each middleware layer cost a status read more than its checks): draining, then
  // for the API the caller's origin (and its CORS headers) and the body's size.
  app.use('*', async (c, next) => {
    const path = c.req.path;
    // Draining (SIGTERM): a request that still reaches this process on an open connection is sent elsewhere.
    if (ctx.lifecycle.draining && path !== '/livez' && path !== '/readyz' && path !== '/healthz') {
      noteAnswerHeader(c, 'Connection', 'close');
      return refuse(c, SHUTTING_DOWN);
    }
    if (path !== '/api' && !path.startsWith('/api/')) return next();
    const refused = cors.refusal(c);
    if (refused) return refused;
    if (c.req.method === 'OPTIONS') return cors.preflight(c, next);
    cors.noteHeaders(c);
    const { maxSize, limit } = larger.get(path) ?? standard;
    // Decided from the headers when they say the size (as hono's bodyLimit does), without touching `raw.body`: that
    // would make @hono/node-server build a web Request and stream for every request, its fast body read lost.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(length, 10) > maxSize ? tooLarge(c, maxSize) : next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limit(c, next);
  });
  app.route('/api/commands', commandRoutes(ctx));
  app.route('/api/session', sessionRoutes(ctx));
  app.route('/api/activity', activityRoutes(ctx));
  app.route('/api/changes', changeRoutes(ctx));
  app.route('/api/auth', authRoutes(ctx));
  app.route('/scim/v2', scimRoutes(ctx));
  app.route('/api/sso', ssoRoutes(ctx));
  app.route('/', healthRoutes(ctx));
  app.route('/', claimPageRoutes());
  app.route('/', openApiRoutes());
  app.notFound((c) => {
    c.set('unmatched', true);
    return refuse(c, { code: 'unknown-command', message: 'Not found.' });
  });
  app.onError((error, c) => {
    if (isDatabaseDown(error)) return refuse(c, DATABASE_DOWN);
    // The kind only: messages may quote data, and stacks help nobody outside.
    (c.get('log')?.() ?? ctx.logger).error(errorKind(error), 'internal error');
    return refuse(c, INTERNAL);
  });
  return app;
}
