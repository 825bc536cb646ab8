import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { parseEmail } from '../../lib/domain/email.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { isExtensionRedirect, ssoEmail, ssoMember } from '../../lib/features/identity/rules.ts';
import type { AppContext } from '../app-context.ts';
import { refuse } from '../http/answers.ts';
import { readJson } from '../http/read-json.ts';
import { kyselyOrgStore } from '../store/org-store.ts';
import { takeCodeRequest } from '../auth/code-requests.ts';
import { ATTEMPT_LIFETIME_MS, ssoLogins } from '../sso/logins.ts';
import { finishAttempt, startAttempt, type OidcOptions } from '../sso/oidc.ts';
import { providerById, providersForEmail } from '../sso/providers.ts';
import { requestLog } from '../observability/request-log.ts';

export const SSO_CALLBACK_PATH = '/api/sso/callback';
/** Sign-ins started per client address and minute: each asks the provider's discovery and keeps an attempt row. */
export const SSO_STARTS_PER_ADDRESS = { max: 30, windowMs: 60_000 };

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

const base64url = (min: number, max: number) =>
  v.pipe(v.string(), v.minLength(min), v.maxLength(max), v.regex(/^[A-Za-z0-9_-]+$/));

export const ssoProvidersInput = v.strictObject({ email: v.pipe(v.string(), v.maxLength(400)) });
export const ssoStartInput = v.strictObject({
  providerId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  /** Where the browser comes back: an extension page or the browser's identity redirect (launchWebAuthFlow). */
  redirectUri: v.pipe(v.string(), v.maxLength(500)),
  /** base64url(SHA-256(verifier)): only the extension holding the verifier can take the result. */
  handoffChallenge: base64url(43, 43),
  loginHint: v.optional(v.pipe(v.string(), v.maxLength(400))),
});

export const ssoProvidersAnswer = v.object({
  providers: v.array(v.object({ id: v.string(), name: v.string(), required: v.boolean() })),
});
export const ssoStartAnswer = v.object({ url: v.string() });

/**
 * Single sign-on through the org's OpenID provider (openid-client does the
 * protocol: server/sso/oidc.ts):
 * - `POST /api/sso/providers` `{ email }`: the providers vouching for the
 *   email's domain, to offer "Sign in with …" (it says which domains have a
 *   company sign-in, never who is a member);
 * - `POST /api/sso/start`: an attempt (state, nonce, PKCE verifier kept here,
 *   by the state's hash) and the provider's URL to open;
 * - `GET /api/sso/callback`: the provider's answer, checked whole; the email
 *   it verified, in a domain the org's provider vouches for, must be a member
 *   of that org; then the browser goes back to the extension with a one-time
 *   result, exchanged at `POST /api/auth/sso/session` for a session. A refusal
 *   creates nothing: no member, no person, no session.
 */
export function ssoRoutes(ctx: AppContext) {
  const logins = ssoLogins(ctx.db);
  const oidc: OidcOptions = { allowLoopback: ctx.services.allowLoopback, now: ctx.services.now };
  const callbackUrl = `${ctx.publicUrl.replace(/\/+$/, '')}${SSO_CALLBACK_PATH}`;
  const secretOf = async (sealed: unknown) => ctx.services.vault.unseal(sealed);

  return new Hono<{ Bindings: NodeBindings }>()
    .post('/providers', async (c) => {
      const body = await readJson(c);
      if (!body.ok) return refuse(c, body.problem);
      const parsed = v.safeParse(ssoProvidersInput, body.value);
      const email = parsed.success ? parseEmail(parsed.output.email) : undefined;
      if (!email?.ok) return refuse(c, { code: 'bad-input', message: 'Send { "email": "…" }.', field: 'email' });
      return c.json({ ok: true, value: { providers: await providersForEmail(ctx.db, email.value) } });
    })
    .post('/start', async (c) => {
      const body = await readJson(c);
      if (!body.ok) return refuse(c, body.problem);
      const parsed = v.safeParse(ssoStartInput, body.value);
      if (!parsed.success)
        return refuse(c, { code: 'bad-input', message: 'Send { providerId, redirectUri, handoffChallenge }.' });
      const { providerId, redirectUri, handoffChallenge, loginHint } = parsed.output;
      // Before anything is looked up or asked of a provider (the address as routes/auth.ts takes it).
      const forwarded = ctx.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
      const address = forwarded || c.env?.incoming?.socket?.remoteAddress || 'unknown';
      if (!(await takeCodeRequest(ctx.db, `sso-start:${address}`, ctx.services.now(), SSO_STARTS_PER_ADDRESS)))
        return refuse(c, {
          code: 'too-many-requests',
          message: 'Too many company sign-ins were started from here in a minute: wait a minute, then try again.',
        });
      if (!isExtensionRedirect(redirectUri))
        return refuse(c, {
          code: 'bad-input',
          message: 'A sign-in comes back to the Marketo Access extension only.',
          field: 'redirectUri',
        });
      const registered = await providerById(ctx.db, providerId);
      const clientSecret = registered && (await secretOf(registered.sealedSecret));
      if (!registered || clientSecret === undefined)
        return refuse(c, { code: 'sso-not-configured', message: 'This company sign-in is not registered here.' });
      const { issuer, clientId } = registered.provider;
      let attempt;
      try {
        const hint = loginHint === undefined ? undefined : parseEmail(loginHint);
        attempt = await startAttempt(
          { issuer, clientId, clientSecret },
          callbackUrl,
          oidc,
          hint?.ok ? hint.value : undefined,
        );
      } catch {
        return refuse(c, {
          code: 'sso-discovery-failed',
          message: `${registered.provider.name} cannot be reached: try again in a minute, or ask your IT admin.`,
        });
      }
      await logins.begin({
        state: attempt.state,
        org_id: registered.orgId,
        provider_id: providerId,
        nonce: attempt.nonce,
        code_verifier: attempt.codeVerifier,
        redirect_uri: redirectUri,
        handoff_challenge: handoffChallenge,
        expires_at: ctx.services.now() + ATTEMPT_LIFETIME_MS,
      });
      return c.json({ ok: true, value: { url: attempt.url } });
    })
    .get('/callback', async (c) => {
      const search = new URL(c.req.url).search;
      const state = new URLSearchParams(search).get('state');
      const now = ctx.services.now();
      const attempt = state ? await logins.takeAttempt(state, now) : undefined;
      // No attempt: nowhere safe to send the browser back to; a plain page says what to do.
      if (!attempt) return unknownAttempt(c);
      const back = (fragment: Record<string, string>) =>
        c.redirect(`${attempt.redirect_uri}#${new URLSearchParams(fragment).toString()}`, 302);
      const refused = (problem: Problem) => {
        requestLog(c).info({ ssoRefused: problem.code }, 'sso sign-in refused');
        return back({ 'sso-error': problem.code });
      };
      const registered = await providerById(ctx.db, attempt.provider_id);
      const clientSecret = registered && (await secretOf(registered.sealedSecret));
      if (!registered || registered.orgId !== attempt.org_id || clientSecret === undefined)
        return refused({ code: 'sso-not-configured', message: 'The provider was removed meanwhile.' });
      const { issuer, clientId } = registered.provider;
      const claims = await finishAttempt(
        { issuer, clientId, clientSecret },
        new URL(`${callbackUrl}${search}`),
        { state: state!, nonce: attempt.nonce, codeVerifier: attempt.code_verifier },
        oidc,
      );
      if (!claims.ok) {
        const cancelled = new URLSearchParams(search).get('error') === 'access_denied';
        return refused(cancelled ? { code: 'sso-cancelled', message: 'Cancelled.' } : claims.problem);
      }
      const email = ssoEmail(claims.value, registered.provider);
      if (!email.ok) return refused(email.problem);
      const member = ssoMember(await kyselyOrgStore(ctx.db, attempt.org_id).members.byEmail(email.value), email.value);
      if (!member.ok) return refused(member.problem);
      const code = await logins.keepResult(attempt, member.value.id, now);
      return back({ sso: code });
    });
}

function unknownAttempt(c: Context) {
  c.status(400);
  c.header('content-type', 'text/html; charset=utf-8');
  c.header('cache-control', 'no-store');
  return c.body(
    '<!doctype html><meta charset="utf-8"><title>Sign-in expired</title>' +
      '<p>This sign-in is unknown, was already used, or took too long. Close this window and sign in again from Marketo Access.</p>',
  );
}
