import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../app-context.ts';
import { refuse } from '../http/answers.ts';
import { errorKind } from '../observability/logger.ts';
import { noteCaller, requestLog } from '../observability/request-log.ts';

/** How long a page waits before reconnecting after a drain (the client spreads its wait over the second half). */
export const RECONNECT_AFTER_MS = 2_000;

// setTimeout's longest delay (about 24.8 days); sessions last days, and a stream past it just ends early.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * GET /api/changes: Server-Sent Events for the caller's org. The first event
 * carries the current version, then one per committed change (from any
 * server process), and a comment every 20 s keeps proxies from closing it.
 * The bearer header authenticates it (pages read it with fetch, so no token
 * ever sits in a URL); the stream ends with its session. When this process
 * drains (SIGTERM), the stream ends with `retry:` and an `event: reconnect`:
 * the page connects again, and the load balancer sends it to another process.
 */
export function changeRoutes(ctx: AppContext) {
  return new Hono().get('/', async (c) => {
    const caller = await ctx.callers(c.req.raw.headers);
    if (!caller) return refuse(c, { code: 'not-signed-in', message: 'Sign in first.' });
    noteCaller(c, caller);
    const log = requestLog(c);
    return streamSSE(c, async (stream) => {
      ctx.metrics.followers.inc();
      let last = -1;
      const send = async (version: number) => {
        // Versions only grow: a late initial read never sends an older one after a newer.
        if (version <= last) return;
        last = version;
        await stream.writeSSE({ event: 'org-changed', data: JSON.stringify({ version }) });
      };
      const unsubscribe = ctx.feed.subscribe(caller.orgId, (version) => void send(version).catch(() => {}));
      let endStream = () => {};
      let unwatch = () => {};
      let expiry: NodeJS.Timeout | undefined;
      // Ends when the page goes, or when its session does (sign-out, the member removed or given a new role: from
      // any process) or expires, so no change reaches someone who no longer may see the org.
      const done = new Promise<void>((resolve) => {
        endStream = resolve;
        stream.onAbort(resolve);
        unwatch = ctx.feed.watchSession(caller.sessionId, resolve);
        expiry = setTimeout(resolve, Math.min(Math.max(0, caller.expiresAt - Date.now()), MAX_TIMER_MS));
      });
      const stopDrainWatch = ctx.lifecycle.onDrain(
        () =>
          void stream
            .writeSSE({
              event: 'reconnect',
              data: JSON.stringify({ reason: 'shutting-down' }),
              retry: RECONNECT_AFTER_MS,
            })
            .catch(() => {})
            .finally(endStream),
      );
      const heartbeat = setInterval(
        () => void stream.write(': heartbeat\n\n').catch(() => {}),
        (ctx.heartbeatSeconds ?? 20) * 1000,
      );
      try {
        // Ended between the sign-in check and the watch above: nothing to stream.
        const [org, session] = await Promise.all([
          ctx.db.selectFrom('orgs').select('version').where('id', '=', caller.orgId).executeTakeFirst(),
          ctx.db.selectFrom('session').select('id').where('id', '=', caller.sessionId).executeTakeFirst(),
        ]);
        if (!session) return;
        await send(org?.version ?? 0);
        await done;
      } catch (error) {
        // The stream is already answered: end it (the page reconnects), and never let the error reach stdout as text.
        log.warn(errorKind(error), 'change stream ended by an error');
      } finally {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unwatch();
        stopDrainWatch();
        unsubscribe();
        ctx.metrics.followers.dec();
      }
    });
  });
}
