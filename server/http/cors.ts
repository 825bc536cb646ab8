import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';
import { refuse } from './answers.ts';

/** Only this extension's pages, in Chromium or Firefox; ids vary by install, so any extension id. */
export const isExtensionOrigin = (origin: string | undefined): boolean =>
  !!origin && /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i.test(origin);

/**
 * CORS for extension origins only. A request carrying any other Origin (a
 * web page) is refused outright rather than answered without headers, so a
 * page cannot even cause a write with a simple request. Requests without an
 * Origin (curl, server-to-server, tests) are not browsers' and pass.
 */
export function extensionCors(publicUrl: string): MiddlewareHandler[] {
  const publicOrigin = new URL(publicUrl).origin;
  const gate: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin');
    // The claim page posts from the server's own origin, as people reach it: PUBLIC_URL. Never the request's Host,
    // which the caller writes (a rebinding page sets it to match its own Origin).
    const sameOrigin = origin === publicOrigin && c.req.path === '/api/commands/claimOrg';
    if (origin !== undefined && !isExtensionOrigin(origin) && !sameOrigin)
      return refuse(c, {
        code: 'forbidden-origin',
        message: 'Only the Marketo Access extension may call this server.',
      });
    await next();
  };
  const headers = cors({
    origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Passkey-Challenge', 'X-Marketo-Access-Org'],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['set-auth-token', 'x-passkey-challenge'],
    maxAge: 600,
  });
  return [gate, headers];
}
