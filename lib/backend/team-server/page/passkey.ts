import * as v from 'valibot';
import { fail, ok, type Result } from '../../../domain/result.ts';
import type { AuthDeps } from './auth.ts';
import { orgHeader, serverTrouble, tokenOf } from './auth.ts';
import { unreachable } from '../shared/answer.ts';
import { headers, send } from '../shared/request.ts';

/**
 * The browser's side of a WebAuthn ceremony (@simplewebauthn/browser's
 * startRegistration and startAuthentication), passed in so tests can stand in
 * for an authenticator. Runs in a tab: the popup closes when the browser's
 * passkey dialog takes the focus, and the worker has no WebAuthn.
 */
export interface Ceremonies {
  startRegistration: (options: { optionsJSON: never }) => Promise<object>;
  startAuthentication: (options: { optionsJSON: never }) => Promise<object>;
}

// @better-auth/passkey 1.7's endpoints (dist/index.mjs): options by GET, the
// ceremony's answer by POST. The plugin keeps the challenge in a signed cookie;
// the extension holds no cookies for the server (bearer only), so the team
// server hands it over as the X-Passkey-Challenge header with the options, and
// takes it back the same way with the answer.
const PATH = '/api/auth/passkey';
const CHALLENGE_HEADER = 'X-Passkey-Challenge';
const Options = v.looseObject({ challenge: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)) });

const cancelled = <T>(): Result<T> =>
  fail('passkey-cancelled', 'The passkey was not used: nothing was changed. Try again when you are ready.');

/** The ceremony's own failure: the person closed the dialog, or no passkey fits. */
function ceremonyFailed<T>(error: unknown): Result<T> {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: unknown } | null)?.code;
  if (name === 'NotAllowedError' || name === 'AbortError' || code === 'ERROR_CEREMONY_ABORTED') return cancelled();
  if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return fail('passkey-failed', 'This device already holds a passkey for you on this server: sign in with it.');
  return fail('passkey-failed', 'The browser could not use a passkey here: sign in with an emailed code instead.');
}

/** What the server sent back to WebAuthn, without what it never reads. */
function withoutExtensions(response: object): Record<string, unknown> {
  const { clientExtensionResults: _unused, ...rest } = response as Record<string, unknown>;
  return rest;
}

export function createPasskeys(deps: AuthDeps & Ceremonies) {
  const timeoutMs = deps.timeoutMs ?? 60_000;
  const call = (path: string, init: RequestInit, token?: string, challenge?: string, orgId?: string) =>
    send(
      deps.fetch,
      `${deps.serverUrl}${PATH}${path}`,
      {
        ...init,
        headers: headers(token, { ...(challenge ? { [CHALLENGE_HEADER]: challenge } : {}), ...orgHeader(orgId) }),
        credentials: 'omit',
      },
      timeoutMs,
    );

  /** The ceremony's options, and the challenge to send back with its answer. */
  const optionsFrom = async (path: string, token?: string): Promise<Result<{ options: never; challenge: string }>> => {
    const sent = await call(path, { method: 'GET' }, token);
    if (sent === 'network') return unreachable();
    if (sent.status === 401) return fail('not-signed-in', 'Your session on the team server has ended: sign in again.');
    if (sent.status === 403)
      return fail(
        'session-not-fresh',
        'For a new passkey, the server asks for a recent sign-in: sign out, sign in with an emailed code, then add the passkey.',
      );
    if (sent.status !== 200) return serverTrouble(sent);
    const options = v.safeParse(Options, sent.body);
    const challenge = sent.headers.get(CHALLENGE_HEADER) ?? '';
    return options.success
      ? ok({ options: options.output as never, challenge })
      : fail(
          'bad-response',
          'The team server’s passkey options were not understood: ask your IT admin to check the server.',
        );
  };

  return {
    /** Adds a passkey to the signed-in member (a recent sign-in is required by the server). */
    async register(token: string, name?: string): Promise<Result<null>> {
      const query = name ? `?name=${encodeURIComponent(name.slice(0, 100))}` : '';
      const options = await optionsFrom(`/generate-register-options${query}`, token);
      if (!options.ok) return options;
      let response: object;
      try {
        response = await deps.startRegistration({ optionsJSON: options.value.options });
      } catch (error) {
        return ceremonyFailed(error);
      }
      const sent = await call(
        '/verify-registration',
        { method: 'POST', body: JSON.stringify({ response: withoutExtensions(response), ...(name ? { name } : {}) }) },
        token,
        options.value.challenge,
      );
      if (sent === 'network') return unreachable();
      if (sent.status >= 200 && sent.status < 300) return ok(null);
      if (sent.status === 400)
        return fail('passkey-failed', 'The team server did not accept this passkey: try again, or use another device.');
      return serverTrouble(sent);
    },

    /** Signs in with a passkey; answers the new session token (for the membership in `orgId`, when chosen). */
    async signIn(orgId?: string): Promise<Result<string>> {
      const options = await optionsFrom('/generate-authenticate-options');
      if (!options.ok) return options;
      let response: object;
      try {
        response = await deps.startAuthentication({ optionsJSON: options.value.options });
      } catch (error) {
        return ceremonyFailed(error);
      }
      const sent = await call(
        '/verify-authentication',
        { method: 'POST', body: JSON.stringify({ response: withoutExtensions(response) }) },
        undefined,
        options.value.challenge,
        orgId,
      );
      if (sent === 'network') return unreachable();
      if (sent.status >= 200 && sent.status < 300) return tokenOf(sent);
      if (sent.status === 400 || sent.status === 401 || sent.status === 404) {
        return fail(
          'passkey-failed',
          'The team server does not know this passkey: sign in with an emailed code, then add a passkey again.',
        );
      }
      return serverTrouble(sent);
    },
  };
}
