import * as v from 'valibot';
import { parseEmail } from '../../../domain/email.ts';
import { isProblemCode } from '../../../domain/problems.ts';
import { fail, ok, type Result } from '../../../domain/result.ts';
import { unreachable } from '../shared/answer.ts';
import { headers, send, type FetchLike } from '../shared/request.ts';
import { serverTrouble, tokenOf } from './auth.ts';

/** The browser's part: where the provider's redirect is caught, and the window that shows the provider. */
export interface WebAuthFlow {
  redirectUrl(): string;
  /** Opens `url` and answers the URL the browser was sent back to (undefined: the window was closed). */
  launch(url: string): Promise<string | undefined>;
}

export interface SsoProvider {
  id: string;
  name: string;
  /** Its org signs people in with it only. */
  required: boolean;
}

export interface SsoDeps {
  serverUrl: string;
  fetch: FetchLike;
  flow: WebAuthFlow;
  timeoutMs?: number;
}

const providers = v.object({
  ok: v.literal(true),
  value: v.object({ providers: v.array(v.object({ id: v.string(), name: v.string(), required: v.boolean() })) }),
});
const started = v.object({ ok: v.literal(true), value: v.object({ url: v.string() }) });

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/**
 * Signing in with the org's company sign-in (its OpenID provider), from an
 * extension page: the server keeps the protocol's state, nonce and PKCE
 * verifier; this page keeps only its own verifier, so the one-time result the
 * provider's redirect carries back is worth nothing to anyone else.
 */
export function createSsoSignIn(deps: SsoDeps) {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  const post = (path: string, body: unknown) =>
    send(
      deps.fetch,
      `${deps.serverUrl}${path}`,
      { method: 'POST', headers: headers(undefined), body: JSON.stringify(body), credentials: 'omit' },
      timeoutMs,
    );
  return {
    /** The company sign-ins that vouch for this email's domain (none: emailed codes and passkeys), and whether each org requires its own. */
    async providersFor(rawEmail: string): Promise<Result<SsoProvider[]>> {
      const email = parseEmail(rawEmail);
      if (!email.ok) return email;
      const sent = await post('/api/sso/providers', { email: email.value });
      if (sent === 'network') return unreachable();
      const parsed = v.safeParse(providers, sent.body);
      if (sent.status === 200 && parsed.success) return ok(parsed.output.value.providers);
      return serverTrouble(sent);
    },

    /** The whole sign-in: start on the server, the provider in the browser's window, the result made a session token. */
    async signIn(providerId: string, loginHint?: string): Promise<Result<string>> {
      const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
      const challenge = base64url(
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
      );
      const start = await post('/api/sso/start', {
        providerId,
        redirectUri: deps.flow.redirectUrl(),
        handoffChallenge: challenge,
        ...(loginHint && { loginHint }),
      });
      if (start === 'network') return unreachable();
      const url = v.safeParse(started, start.body);
      if (!url.success) return refusalOf(start.body) ?? serverTrouble(start);
      const back = await deps.flow.launch(url.output.value.url).catch(() => undefined);
      if (!back) return fail('sso-cancelled', 'The sign-in window was closed: nothing was changed.');
      const fragment = new URLSearchParams(back.slice(back.indexOf('#') + 1));
      const error = fragment.get('sso-error');
      if (error) return fail(isProblemCode(error) ? error : 'sso-refused', 'The company sign-in was refused.');
      const code = fragment.get('sso');
      if (!code) return fail('sso-refused', 'The company sign-in sent nothing back.');
      const session = await post('/api/auth/sso/session', { code, verifier });
      if (session === 'network') return unreachable();
      if (session.status === 200) return tokenOf(session);
      const refused = (session.body as { code?: unknown } | undefined)?.code;
      if (typeof refused === 'string') {
        const wire = refused.toLowerCase().replaceAll('_', '-');
        if (isProblemCode(wire)) return fail(wire, 'The company sign-in was refused.');
      }
      return serverTrouble(session);
    },
  };
}

function refusalOf<T>(body: unknown): Result<T> | undefined {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (typeof error?.code === 'string' && isProblemCode(error.code))
    return fail(error.code, typeof error.message === 'string' ? error.message : 'Refused.');
  return undefined;
}
