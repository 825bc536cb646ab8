import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { applyNotedHeaders, noteAnswerHeader } from '../http/answers.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's logger, made on first use (see `requestLog`): every line it writes carries the request id. */
    log: () => Logger;
    requestId: string;
    /** Set by the routes once the caller is known. */
    orgId: string | undefined;
    /** A registry command's name (POST /api/commands/:name), set only for a known command. */
    command: string | undefined;
    /** Set by the not-found handler: no route matched, so no pattern names it. */
    unmatched: boolean | undefined;
  }
}

/** A well-formed id from a proxy or client is kept (to follow one request across systems); anything else is replaced. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const PROBES = new Set(['/livez', '/readyz', '/healthz']);

/** Records the caller's org on the request's completion line (never as a metric label). */
export const noteCaller = (c: Context, caller: { orgId: string } | undefined) => {
  if (caller) c.set('orgId', caller.orgId);
};

/** This request's logger, made when first asked for: most requests only write their completion line. */
export const requestLog = (c: Context): Logger => c.get('log')();

/**
 * Gives each request an id (a well-formed incoming X-Request-Id, or a new
 * one, echoed in the answer), a logger bound to it, and on completion one
 * line (method, route pattern, org, command, status, duration) and its
 * metrics. Levels: error for 5xx, warn for refusals an operator should see
 * (403, 413, 429), info otherwise, debug for a successful probe. A change
 * stream completes here when its answer is decided (its head is written just after).
 */
export function observeRequests(logger: Logger, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    let log: Logger | undefined;
    c.set('requestId', requestId);
    c.set('log', () => (log ??= logger.child({ requestId })));
    noteAnswerHeader(c, 'X-Request-Id', requestId);
    await next();
    // After the handler: onto an answer it made itself (better-auth's), the headers noted for it.
    applyNotedHeaders(c);
    const ms = performance.now() - started;
    const status = c.res.status;
    const route = c.get('unmatched') ? 'unmatched' : routePath(c, -1) || 'unmatched';
    const command = c.get('command');
    const method = METHODS.has(c.req.method) ? c.req.method : 'other';
    const labels = { method, route, command: command ?? '', status: String(status) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, ms / 1000);
    const level =
      status >= 500
        ? 'error'
        : [403, 413, 429].includes(status)
          ? 'warn'
          : PROBES.has(route) && status === 200
            ? 'debug'
            : 'info';
    if (!logger.isLevelEnabled(level)) return;
    const orgId = c.get('orgId');
    // The line a child logger would write (its binding first), without making one per request.
    (log ?? logger)[level](
      {
        ...(!log && { requestId }),
        method,
        route,
        ...(orgId && { orgId }),
        ...(command && { command }),
        status,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  };
}
