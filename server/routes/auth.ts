import { Hono } from 'hono';
import { parseEmail } from '../../lib/domain/email.ts';
import type { AppContext } from '../app-context.ts';
import { CLIENT_IP_HEADER } from '../auth/auth.ts';
import { challengeFromHeader, challengeToHeader } from '../auth/passkey-challenge.ts';
import { isExtensionOrigin } from '../http/cors.ts';
import { refuse } from '../http/answers.ts';

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * /api/auth/*: better-auth's handler, behind two checks of ours. A code is
 * sent only to an email some org has invited (others: 403, nothing sent);
 * passkey ceremonies only from an extension page. The client's address, for
 * better-auth's rate limits, comes from the socket (or, with TRUST_PROXY=1,
 * from the last X-Forwarded-For entry, which the proxy wrote), never from a
 * header the client alone controls.
 */
export function authRoutes(ctx: AppContext) {
  return new Hono<{ Bindings: NodeBindings }>()
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
      const member = await ctx.db
        .selectFrom('members')
        .select('id')
        .where('email', '=', email.value)
        .executeTakeFirst();
      if (!member)
        return refuse(c, {
          code: 'not-invited',
          message: `No org on this server has invited ${email.value}: ask an admin of your team to invite you.`,
          field: 'email',
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
