import { cors } from 'hono/cors';
import type { Context, MiddlewareHandler } from 'hono';
import { noteAnswerHeader, refuse } from './answers.ts';

/** Only this extension's pages, in Chromium or Firefox; ids vary by install, so any extension id. */
export const isExtensionOrigin = (origin: string | undefined): boolean =>
  !!origin && /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i.test(origin);

const EXPOSED = ['set-auth-token', 'x-passkey-challenge'];

export interface ExtensionCors {
  /** Another origin's request: its refusal (before anything else, preflights too); else undefined. */
  refusal(c: Context): Response | undefined;
  /** OPTIONS: hono's answer, for extension origins only. */
  preflight: MiddlewareHandler;
  /** Any other request: the headers hono's middleware gives, noted for the answer (answers.ts). */
  noteHeaders(c: Context): void;
}

/**
 * CORS for extension origins only. A request carrying any other Origin (a
 * web page) is refused outright rather than answered without headers, so a
 * page cannot even cause a write with a simple request. Requests without an
 * Origin (curl, server-to-server, tests) are not browsers' and pass.
 */
export function extensionCors(publicUrl: string): ExtensionCors {
  const publicOrigin = new URL(publicUrl).origin;
  const exposed = EXPOSED.join(',');
  return {
    // Preflights (rare) answered by hono's middleware.
    preflight: cors({
      origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Passkey-Challenge', 'X-Marketo-Access-Org'],
      allowMethods: ['GET', 'POST', 'OPTIONS'],
      exposeHeaders: EXPOSED,
      maxAge: 600,
    }),
    refusal(c) {
      const origin = c.req.header('origin');
      // The claim page posts from the server's own origin, as people reach it: PUBLIC_URL. Never the request's Host,
      // which the caller writes (a rebinding page sets it to match its own Origin).
      const sameOrigin = origin === publicOrigin && c.req.path === '/api/commands/claimOrg';
      if (origin !== undefined && !isExtensionOrigin(origin) && !sameOrigin)
        return refuse(c, {
          code: 'forbidden-origin',
          message: 'Only the Marketo Access extension may call this server.',
        });
      return undefined;
    },
    noteHeaders(c) {
      const origin = c.req.header('origin');
      if (isExtensionOrigin(origin)) noteAnswerHeader(c, 'Access-Control-Allow-Origin', origin!);
      noteAnswerHeader(c, 'Access-Control-Expose-Headers', exposed);
      noteAnswerHeader(c, 'Vary', 'Origin');
    },
  };
}
