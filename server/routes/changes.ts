import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../app-context.ts';
import type { SessionCaller } from '../auth/caller.ts';
import { refuse } from '../http/answers.ts';
import { errorKind, type Logger } from '../observability/logger.ts';
import { noteCaller } from '../observability/request-log.ts';

/** How long a page waits before reconnecting after a drain (the client spreads its wait over the second half). */
export const RECONNECT_AFTER_MS = 2_000;

// setTimeout's longest delay (about 24.8 days); sessions last days, and a stream past it just ends early.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** @hono/node-server writes nothing for an answer carrying this header: the route wrote its own. */
const ALREADY_SENT = 'x-hono-already-sent';

/**
 * The web platform's Response. @hono/node-server swaps the global one for a lighter subclass, whose empty answers it
 * always writes and ends itself; a plain one carrying ALREADY_SENT it leaves to the route.
 */
const WebResponse: typeof Response =
  Object.getPrototypeOf(Response) === Function.prototype ? Response : Object.getPrototypeOf(Response);

const HEARTBEAT = ': heartbeat\n\n';
const versionEvent = (version: number) => `event: org-changed\ndata: ${JSON.stringify({ version })}\n\n`;
const RECONNECT = `event: reconnect\ndata: ${JSON.stringify({ reason: 'shutting-down' })}\nretry: ${RECONNECT_AFTER_MS}\n\n`;

/**
 * GET /api/changes: Server-Sent Events for the caller's org. The first event
 * carries the current version, then one per committed change (from any
 * server process), and a comment every 20 s keeps proxies from closing it.
 * The bearer header authenticates it (pages read it with fetch, so no token
 * ever sits in a URL); the stream ends with its session. When this process
 * drains (SIGTERM), the stream ends with `retry:` and an `event: reconnect`:
 * the page connects again, and the load balancer sends it to another process.
 *
 * Each stream is written straight to node's response: a process holds a
 * thousand of them, and a web stream pair per follower (hono's `streamSSE`)
 * cost more memory than the rest of the follower. One timer beats the heart
 * of every stream of the process.
 */
export function changeRoutes(ctx: AppContext) {
  const beating = new Set<ServerResponse>();
  let heart: NodeJS.Timeout | undefined;
  const beat = (res: ServerResponse) => {
    beating.add(res);
    heart ??= setInterval(
      () => {
        for (const each of beating) if (!each.writableEnded) each.write(HEARTBEAT);
      },
      (ctx.heartbeatSeconds ?? 20) * 1000,
    );
  };
  const stopBeating = (res: ServerResponse) => {
    beating.delete(res);
    if (beating.size === 0 && heart) {
      clearInterval(heart);
      heart = undefined;
    }
  };

  /** The stream itself, once the answer's headers are final. */
  async function follow(res: ServerResponse, head: Record<string, string>, caller: SessionCaller, log: () => Logger) {
    // The page went before the stream began.
    if (res.destroyed) return;
    ctx.metrics.followers.inc();
    let last = -1;
    const send = (version: number) => {
      // Versions only grow: a late initial read never sends an older one after a newer.
      if (version <= last || res.writableEnded) return;
      last = version;
      res.write(versionEvent(version));
    };
    let endStream = () => {};
    let unwatch = () => {};
    let expiry: NodeJS.Timeout | undefined;
    const unsubscribe = ctx.feed.subscribe(caller.orgId, send);
    // Ends when the page goes, or when its session does (sign-out, the member removed or given a new role: from
    // any process) or expires, so no change reaches someone who no longer may see the org.
    const done = new Promise<void>((resolve) => {
      endStream = resolve;
      res.once('close', resolve);
      res.once('error', resolve);
      unwatch = ctx.feed.watchSession(caller.sessionId, resolve);
      expiry = setTimeout(resolve, Math.min(Math.max(0, caller.expiresAt - Date.now()), MAX_TIMER_MS));
    });
    const stopDrainWatch = ctx.lifecycle.onDrain(() => {
      if (!res.writableEnded) res.write(RECONNECT);
      endStream();
    });
    try {
      res.writeHead(200, head);
      res.flushHeaders();
      beat(res);
      // Ended between the sign-in check and the watch above: nothing to stream.
      const [org, session] = await Promise.all([
        ctx.db.selectFrom('orgs').select('version').where('id', '=', caller.orgId).executeTakeFirst(),
        ctx.db.selectFrom('session').select('id').where('id', '=', caller.sessionId).executeTakeFirst(),
      ]);
      if (!session) return;
      send(org?.version ?? 0);
      await done;
    } catch (error) {
      // The stream is already answered: end it (the page reconnects), and never let the error reach stdout as text.
      log().warn(errorKind(error), 'change stream ended by an error');
    } finally {
      stopBeating(res);
      clearTimeout(expiry);
      unwatch();
      stopDrainWatch();
      unsubscribe();
      res.end();
      ctx.metrics.followers.dec();
    }
  }

  return new Hono<{ Bindings: HttpBindings }>().get('/', async (c) => {
    const caller = await ctx.callers(c.req.raw.headers);
    if (!caller) return refuse(c, { code: 'not-signed-in', message: 'Sign in first.' });
    noteCaller(c, caller);
    const res = c.env.outgoing;
    const log = c.get('log');
    // The middleware puts its headers (request id, CORS) on this answer after the handler returns, within the same
    // turn of the event loop: the stream writes its head just after, with them.
    setImmediate(() => {
      const head: Record<string, string> = {};
      for (const [name, value] of c.res.headers) if (name !== ALREADY_SENT) head[name] = value;
      void follow(res, head, caller, log);
    });
    return new WebResponse(null, {
      headers: {
        [ALREADY_SENT]: 'true',
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      },
    });
  });
}
