import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { AUTH_ROUTES } from '../auth/auth-routes.ts';
import { callCommand } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// Nobody learns from the server whether an email is a member's: the code request answers alike, is limited
// per email before anything is looked up, and no better-auth route the product does not use is reachable.
let t: TestServer;
let ownerToken: string;
const PER_EMAIL = { max: 2, windowMs: 5 * 60_000 };

beforeAll(async () => {
  t = await startTestServer({ codeRequestsPerEmail: PER_EMAIL });
  await seedOrg(t.db, {
    members: [
      aMember({ id: 'ann', email: 'ann@example.com', role: 'admin', status: 'active' }),
      aMember({ id: 'bob', email: 'bob@example.com' }),
      aMember({ id: 'cat', email: 'cat@example.com' }),
      aMember({ id: 'dan', email: 'dan@example.com' }),
    ],
  });
  ownerToken = await t.signIn('ann@example.com');
});
afterAll(() => t.close());

const requestCode = async (email: string) => {
  const response = await fetch(`${t.url}/api/auth/email-otp/send-verification-otp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, type: 'sign-in' }),
  });
  return { status: response.status, body: await response.text() };
};

describe('a code request reveals nothing', () => {
  it('answers an invited email and a stranger’s alike; only the invited receive a code', async () => {
    const invited = await requestCode('bob@example.com');
    const stranger = await requestCode('eve@example.com');
    expect(invited).toEqual({ status: 200, body: '{"success":true}' });
    expect(stranger).toEqual(invited);
    expect(await t.codeFor('bob@example.com')).toMatch(/^\d{6}$/);
    expect(await t.codeFor('eve@example.com')).toBeUndefined();
  });

  it('is limited per email before any lookup: the same 429 for a member and a stranger, and again after the window', async () => {
    for (const email of ['cat@example.com', 'mallory@example.com']) {
      const answers = [await requestCode(email), await requestCode(email), await requestCode(email)];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    }
    const [member, stranger] = [await requestCode('cat@example.com'), await requestCode('mallory@example.com')];
    expect(stranger).toEqual(member);
    expect(JSON.parse(member.body).error.code).toBe('too-many-requests');
    // Another email is not held back; the same one is, until its window has passed.
    expect((await requestCode('dan@example.com')).status).toBe(200);
    t.clock.advance(PER_EMAIL.windowMs + 1);
    expect((await requestCode('cat@example.com')).status).toBe(200);
    expect((await requestCode('mallory@example.com')).status).toBe(200);
  });
});

describe('better-auth routes', () => {
  const endpoints = () =>
    Object.values(t.server.ctx.auth.api as Record<string, { path?: string; options?: { method?: string | string[] } }>)
      .filter((e) => typeof e.path === 'string')
      .flatMap((e) => [e.options?.method ?? 'GET'].flat().map((method) => `${method} ${e.path}`));

  it('every route the product does not use answers 404, checked against the allow-list', async () => {
    const unused = endpoints().filter((route) => !AUTH_ROUTES.includes(route));
    expect(unused).toContain('POST /email-otp/request-password-reset');
    expect(unused).toContain('POST /forget-password/email-otp');
    expect(unused).toContain('GET /get-session');
    for (const route of unused) {
      const [method, path] = route.split(' ') as [string, string];
      const response = await fetch(`${t.url}/api/auth${path.replace(/:[a-z]+/gi, 'x')}`, {
        method,
        headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
        ...(method === 'POST' && { body: JSON.stringify({ email: 'ann@example.com' }) }),
      });
      expect({ route, status: response.status }).toEqual({ route, status: 404 });
      expect((await response.json()).error.code).toBe('unknown-command');
    }
  });

  it('the allow-list names only routes better-auth has, and those are reached', async () => {
    const all = endpoints();
    for (const route of AUTH_ROUTES) expect(all).toContain(route);
    const used = await fetch(`${t.url}/api/auth/passkey/generate-authenticate-options`);
    expect(used.status).toBe(200);
  });

  it('the password-reset paths mail nothing to a removed member, over HTTP or called inside the server', async () => {
    // Bob signed in once (so better-auth has his user), then was removed.
    await t.signIn('bob@example.com');
    expect((await callCommand(t.url, 'removeMember', { memberId: 'bob' }, { token: ownerToken })).body.ok).toBe(true);
    const sent = t.outbox.messages.length;
    for (const path of ['/email-otp/request-password-reset', '/forget-password/email-otp'])
      expect(
        (
          await fetch(`${t.url}/api/auth${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'bob@example.com' }),
          })
        ).status,
      ).toBe(404);
    const api = t.server.ctx.auth.api;
    await api.requestPasswordResetEmailOTP({ body: { email: 'bob@example.com' } });
    await api.forgetPasswordEmailOTP({ body: { email: 'bob@example.com' } });
    expect((await requestCode('bob@example.com')).status).toBe(200);
    await t.codeFor('bob@example.com');
    expect(t.outbox.messages.length).toBe(sent);
  });
});
