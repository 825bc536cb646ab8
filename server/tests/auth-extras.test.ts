import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
let t: TestServer;
beforeAll(async () => {
  // Better-auth's default for email codes: three sends a minute from one address.
  t = await startTestServer({ codeSendsPerMinute: 3 });
  await seedOrg(t.db, { members: [aMember({ id: 'ann', email: 'ann@example.com', role: 'admin' })] });
});
afterAll(() => t.close());

const send = (headers: Record<string, string> = {}) =>
  fetch(`${t.url}/api/auth/email-otp/send-verification-otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: 'ann@example.com', type: 'sign-in' }),
  });

describe('better-auth behind the server', () => {
  it('accepts the sign-in calls from an extension page (its Origin is trusted), with CORS headers', async () => {
    const headers = { 'content-type': 'application/json', origin: EXTENSION };
    const sent = await fetch(`${t.url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'ann@example.com', type: 'sign-in' }),
    });
    expect(sent.status).toBe(200);
    expect(sent.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    const verified = await fetch(`${t.url}/api/auth/sign-in/email-otp`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'ann@example.com', otp: await t.codeFor('ann@example.com') }),
    });
    expect(verified.status).toBe(200);
    expect(verified.headers.get('set-auth-token')).toBeTruthy();
    expect(verified.headers.get('access-control-expose-headers')).toContain('set-auth-token');
    const fromFirefox = await fetch(`${t.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: {
        ...headers,
        origin: 'moz-extension://0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        authorization: `Bearer ${verified.headers.get('set-auth-token')}`,
      },
      body: '{}',
    });
    expect(fromFirefox.status).toBe(200);
  });

  it('passkeys: registration options for a signed-in member from an extension page, with rpID localhost; refused from elsewhere', async () => {
    const token = await t.signIn('ann@example.com');
    const options = await fetch(`${t.url}/api/auth/passkey/generate-register-options`, {
      headers: { authorization: `Bearer ${token}`, origin: EXTENSION },
    });
    expect(options.status).toBe(200);
    const body = await options.json();
    expect(body.rp).toMatchObject({ id: 'localhost', name: 'Marketo Access' });
    expect(body.challenge).toEqual(expect.any(String));
    // The challenge travels as a header (no cookies): verify finds it, and refuses only the made-up credential.
    const challenge = options.headers.get('x-passkey-challenge');
    expect(challenge).toMatch(/better-auth-passkey=/);
    const verify = (extra: Record<string, string>) =>
      fetch(`${t.url}/api/auth/passkey/verify-registration`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin: EXTENSION, 'content-type': 'application/json', ...extra },
        body: JSON.stringify({
          response: {
            id: 'x',
            rawId: 'x',
            type: 'public-key',
            response: { clientDataJSON: 'e30', attestationObject: 'e30' },
            clientExtensionResults: {},
          },
        }),
      });
    const without = await (await verify({})).json();
    expect(without.code).toBe('CHALLENGE_NOT_FOUND');
    const withIt = await verify({ 'x-passkey-challenge': challenge! });
    // Better-auth answers a credential it cannot verify with 500 and this code.
    expect((await withIt.json()).code).toBe('FAILED_TO_VERIFY_REGISTRATION');
    // Chromium sends no Origin on a GET from an extension page holding the server's host permission: options are given.
    const noOrigin = await fetch(`${t.url}/api/auth/passkey/generate-register-options`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(noOrigin.status).toBe(200);
    // A web page's Origin is refused, and a verify without an Origin too (the ceremony is checked against it).
    const web = await fetch(`${t.url}/api/auth/passkey/generate-register-options`, {
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    });
    expect(web.status).toBe(403);
    const verifyNoOrigin = await fetch(`${t.url}/api/auth/passkey/verify-registration`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-passkey-challenge': challenge!,
      },
      body: JSON.stringify({ response: {} }),
    });
    expect(verifyNoOrigin.status).toBe(403);
    expect((await verifyNoOrigin.json()).error.code).toBe('forbidden-origin');
  });

  it('rate-limits code sends per client address, whatever X-Forwarded-For claims', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await send({ 'x-forwarded-for': `10.0.0.${i}`, 'x-marketo-access-client-ip': `10.0.1.${i}` })).status,
      );
    // Three sends a minute from 127.0.0.1, some already used above: the fifth here is surely refused.
    expect(statuses[0]).not.toBe(429);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sends only sign-in codes', async () => {
    const other = await fetch(`${t.url}/api/auth/email-otp/send-verification-otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ann@example.com', type: 'forget-password' }),
    });
    expect(other.status).toBe(400);
  });
});
