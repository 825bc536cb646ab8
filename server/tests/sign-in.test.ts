import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { aMember } from '../../tests/fixtures/domain.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await seedOrg(t.db, {
    members: [
      aMember({ id: 'ann', email: 'ann@example.com', role: 'admin' }),
      aMember({ id: 'rob', email: 'rob@example.com' }),
    ],
  });
});
afterAll(() => t.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('sign-in with an emailed code', () => {
  it('signs an invited member in end to end: code from the outbox, bearer token, session, commands', async () => {
    const sent = await post('/api/auth/email-otp/send-verification-otp', { email: 'Ann@Example.com', type: 'sign-in' });
    expect(sent.status).toBe(200);
    const otp = await t.codeFor('ann@example.com');
    expect(otp).toMatch(/^\d{6}$/);
    const verified = await post('/api/auth/sign-in/email-otp', { email: 'ann@example.com', otp });
    expect(verified.status).toBe(200);
    const token = verified.headers.get('set-auth-token');
    expect(token).toBeTruthy();

    const session = await fetch(`${t.url}/api/session`, { headers: { authorization: `Bearer ${token}` } });
    expect(session.status).toBe(200);
    const body = await session.json();
    expect(body.member).toMatchObject({ id: 'ann', email: 'ann@example.com', role: 'admin', status: 'active' });
    expect(body.orgName).toBe('Acme');
    expect(body.version).toBe(1); // the sign-in itself was logged

    const state = await callCommand(t.url, 'getState', {}, { token: token! });
    expect(state.status).toBe(200);
    expect(state.body.value.me.id).toBe('ann');
    expect(state.body.value.members).toHaveLength(2);
  });

  it('accepts only the signed bearer it handed out: a token copied from the session table is refused', async () => {
    const token = await t.signIn('ann@example.com');
    const stored = await t.db
      .selectFrom('session')
      .select('token')
      .where('token', '=', decodeURIComponent(token).split('.')[0]!)
      .executeTakeFirstOrThrow();
    const status = async (authorization: string) =>
      (await fetch(`${t.url}/api/session`, { headers: { authorization } })).status;
    expect(await status(`Bearer ${token}`)).toBe(200);
    expect(await status(`Bearer ${stored.token}`)).toBe(401);
    expect((await callCommand(t.url, 'getActivity', {}, { token: stored.token })).status).toBe(401);
  });

  it('reads no session from a cookie, even beside a bearer it refuses', async () => {
    const token = await t.signIn('ann@example.com');
    for (const headers of <Record<string, string>[]>[
      { cookie: `better-auth.session_token=${token}` },
      { cookie: `better-auth.session_token=${token}`, authorization: 'Bearer not.signed' },
    ]) {
      expect((await fetch(`${t.url}/api/session`, { headers })).status).toBe(401);
      const answer = await httpRequest(`${t.url}/api/commands/getActivity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
      });
      expect(answer.status).toBe(401);
    }
  });

  it('refuses a wrong code and an expired one', async () => {
    await post('/api/auth/email-otp/send-verification-otp', { email: 'rob@example.com', type: 'sign-in' });
    const otp = (await t.codeFor('rob@example.com'))!;
    const wrong = await post('/api/auth/sign-in/email-otp', {
      email: 'rob@example.com',
      otp: otp === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.headers.get('set-auth-token')).toBeNull();
    // Five minutes and a second later, as far as the stored code is concerned.
    await sql`update "verification" set "expiresAt" = now() - interval '1 second' where "identifier" like ${'%rob@example.com%'}`.execute(
      t.db,
    );
    const late = await post('/api/auth/sign-in/email-otp', { email: 'rob@example.com', otp });
    expect(late.status).toBe(400);
    expect(late.headers.get('set-auth-token')).toBeNull();
  });

  it('signs out with the bearer: the token stops working', async () => {
    const token = await t.signIn('rob@example.com');
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${t.url}/api/session`, { headers })).status).toBe(200);
    const out = await fetch(`${t.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await fetch(`${t.url}/api/session`, { headers })).status).toBe(401);
    expect((await callCommand(t.url, 'getState', {}, { token })).body.value.me).toBeUndefined();
  });

  it('answers 401 for no token and for a made-up one', async () => {
    expect((await fetch(`${t.url}/api/session`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/session`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const answer = await callCommand(t.url, 'getActivity', {}, { token: 'nope' });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ ok: false, error: { code: 'not-signed-in', message: 'Sign in first.' } });
  });
});
