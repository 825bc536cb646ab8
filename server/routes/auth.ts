import { Hono } from 'hono';
import { parseEmail } from '../../lib/domain/email.ts';
import type { AppContext } from '../app-context.ts';
import { CLIENT_IP_HEADER } from '../auth/auth.ts';
import { isUsedAuthRoute } from '../auth/auth-routes.ts';
import { takeCodeRequest } from '../auth/code-requests.ts';
import { challengeFromHeader, challengeToHeader } from '../auth/passkey-challenge.ts';
import { isExtensionOrigin } from '../http/cors.ts';
import { refuse } from '../http/answers.ts';

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

/** Code requests for one email: a code lasts five minutes, and a person rarely needs more than three. */
export const CODE_REQUESTS_PER_EMAIL = { max: 3, windowMs: 5 * 60_000 };

/**
 * /api/auth/*: better-auth's handler, for the routes the product uses only
 * (auth/auth-routes.ts; any other answers 404), behind checks of ours. A
 * code request answers the same whether or not anyone invited the email (the
 * invited receive a code: auth.ts decides that out of band), after a limit
 * per email here and one per client address in better-auth, both before any
 * lookup. Passkey ceremonies only from an extension page. The client's
 * address, for the limits, comes from the socket (or, with TRUST_PROXY=1,
 * from the last X-Forwarded-For entry, which the proxy wrote), never from a
 * header the client alone controls.
 */
export function authRoutes(ctx: AppContext) {
  return new Hono<{ Bindings: NodeBindings }>()
    .use('*', async (c, next) => {
      if (!isUsedAuthRoute(c.req.method, c.req.path.slice('/api/auth'.length)))
        return refuse(c, { code: 'unknown-command', message: 'Not found.' });
      await next();
    })
    .post('/email-otp/send-verification-otp', async (c, next) => {
      const body = (await c.req.raw
        .clone()
        .json()
        .catch(() => undefined)) as { email?: unknown; type?: unknown } | undefined;
      if (body?.type !== 'sign-in')
        return refuse(c, {
          code: 'bad-input',
          message: 'Only sign-in codes are sent: { "email": …, "type": "sign-in" }.',
        });
      const email = parseEmail(body.email);
      if (!email.ok) return refuse(c, { code: 'bad-input', message: email.problem.message, field: 'email' });
      const limit = ctx.codeRequestsPerEmail ?? CODE_REQUESTS_PER_EMAIL;
      if (!(await takeCodeRequest(ctx.db, email.value, ctx.services.now(), limit)))
        return refuse(c, {
          code: 'too-many-requests',
          message: `Codes were asked for this email ${limit.max} times in a few minutes: wait a few minutes, then ask again.`,
        });
      await next();
    })
    .use('/passkey/*', async (c, next) => {
      const origin = c.req.header('origin');
      // Chromium sends no Origin on a GET from an extension page that holds the server's host permission (which the
      // extension asks for): the options GETs may come without one. Any Origin sent must be an extension's, and the
      // verify POSTs always carry it (better-auth checks the ceremony against it).
      const optionsWithoutOrigin = c.req.method === 'GET' && origin === undefined;
      if (!optionsWithoutOrigin && !isExtensionOrigin(origin))
        return refuse(c, {
          code: 'forbidden-origin',
          message: 'Passkeys are used from the Marketo Access extension only.',
        });
      await next();
    })
    .all('/*', async (c) => {
      const headers = new Headers(c.req.raw.headers);
      headers.delete(CLIENT_IP_HEADER);
      // Sessions are bearer tokens: no cookie from the client reaches better-auth, but a passkey challenge handed back as a header.
      headers.delete('cookie');
      const passkey = c.req.path.startsWith('/api/auth/passkey/');
      if (passkey) challengeFromHeader(headers);
      const forwarded = ctx.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
      const address = forwarded || c.env?.incoming?.socket?.remoteAddress;
      if (address) headers.set(CLIENT_IP_HEADER, address.replace(/^::ffff:/, ''));
      const response = await ctx.auth.handler(new Request(c.req.raw, { headers }));
      return passkey ? challengeToHeader(response) : response;
    });
}
