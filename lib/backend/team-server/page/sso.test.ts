import { describe, expect, it } from 'vitest';
import { createSsoSignIn, type WebAuthFlow } from './sso.ts';

const SERVER = 'https://access.example.com';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/sso';

interface Seen {
  path: string;
  body: Record<string, unknown>;
}

/** A server answering the three SSO steps as told, and a browser window coming back with `back`. */
function world(options: { back: string | undefined; session?: { status: number; body: unknown; token?: string } }) {
  const seen: Seen[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    seen.push({ path, body: JSON.parse(String(init.body)) as Record<string, unknown> });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
    if (path === '/api/sso/providers')
      return json(200, { ok: true, value: { providers: [{ id: 'p1', name: 'Okta', required: false }] } });
    if (path === '/api/sso/start') return json(200, { ok: true, value: { url: 'https://idp.example/authorize?x=1' } });
    const session = options.session ?? { status: 200, body: { ok: true }, token: 'signed.token' };
    return json(session.status, session.body, session.token ? { 'set-auth-token': session.token } : {});
  };
  const opened: string[] = [];
  const flow: WebAuthFlow = {
    redirectUrl: () => REDIRECT,
    launch: async (url) => {
      opened.push(url);
      return options.back;
    },
  };
  return { client: createSsoSignIn({ serverUrl: SERVER, fetch, flow }), seen, opened };
}

const sha256 = async (text: string) =>
  btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

describe('the company sign-in from an extension page', () => {
  it('finds the providers by the email’s domain, normalised', async () => {
    const { client, seen } = world({ back: undefined });
    expect(await client.providersFor(' Ana@Example.com ')).toEqual({
      ok: true,
      value: [{ id: 'p1', name: 'Okta', required: false }],
    });
    expect(seen[0]).toEqual({ path: '/api/sso/providers', body: { email: 'ana@example.com' } });
  });

  it('starts with the challenge of a verifier it keeps, opens the provider, and exchanges the result with that verifier', async () => {
    const { client, seen, opened } = world({ back: `${REDIRECT}#sso=one-time` });
    expect(await client.signIn('p1', 'ana@example.com')).toEqual({ ok: true, value: 'signed.token' });
    const [start, exchange] = seen;
    expect(start).toMatchObject({ path: '/api/sso/start', body: { providerId: 'p1', redirectUri: REDIRECT } });
    expect(opened).toEqual(['https://idp.example/authorize?x=1']);
    expect(exchange).toMatchObject({ path: '/api/auth/sso/session', body: { code: 'one-time' } });
    // The verifier never went out before the exchange; the challenge sent at the start is its SHA-256.
    expect(start!.body.handoffChallenge).toBe(await sha256(String(exchange!.body.verifier)));
    expect(JSON.stringify(start!.body)).not.toContain(String(exchange!.body.verifier));
  });

  it.each<[string, string | undefined, string]>([
    ['the window closed', undefined, 'sso-cancelled'],
    ['a refusal the server names', `${REDIRECT}#sso-error=sso-not-member`, 'sso-not-member'],
    ['a code this extension does not know', `${REDIRECT}#sso-error=made-up`, 'sso-refused'],
    ['nothing sent back', `${REDIRECT}#`, 'sso-refused'],
  ])('%s → %s, and no exchange', async (_what, back, code) => {
    const { client, seen } = world({ back });
    const result = await client.signIn('p1');
    expect(result.ok ? 'ok' : result.problem.code).toBe(code);
    expect(seen.map((s) => s.path)).toEqual(['/api/sso/start']);
  });

  it('says the policy’s refusal at the exchange in its own words', async () => {
    const { client } = world({
      back: `${REDIRECT}#sso=one-time`,
      session: { status: 403, body: { code: 'SSO_EXPIRED', message: 'late' } },
    });
    const result = await client.signIn('p1');
    expect(result.ok ? 'ok' : result.problem.code).toBe('sso-expired');
  });
});
