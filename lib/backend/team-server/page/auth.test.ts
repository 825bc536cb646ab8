import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createServerAuth } from './auth.ts';
import { createFakeServer, type FakeServer } from '../../../../tests/doubles/team-server-api.ts';

let server: FakeServer;
const auth = () => createServerAuth({ serverUrl: server.origin, fetch: server.fetch });

beforeEach(() => {
  server = createFakeServer();
});

describe('signing in to the team server with an emailed code', () => {
  it('asks for a code for the normalised email, then exchanges it for the bearer token', async () => {
    const requested = await auth().requestCode('  Olivia@Example.com ');
    expect(requested).toEqual({ ok: true, value: 'olivia@example.com' });
    expect(server.requests[0]?.body).toEqual({ email: 'olivia@example.com', type: 'sign-in' });
    const code = server.outbox.get('olivia@example.com')!;
    const verified = await auth().verifyCode('olivia@example.com', ` ${code.slice(0, 3)} ${code.slice(3)} `);
    expect(verified.ok).toBe(true);
    expect(server.sessions.get(verified.ok ? verified.value : '')).toBe('olivia@example.com');
    expect(server.requests[1]?.path).toBe('/api/auth/sign-in/email-otp');
    expect(server.requests[1]?.body).toEqual({ email: 'olivia@example.com', otp: code });
  });

  it('refuses a malformed email before asking the server', async () => {
    const result = await auth().requestCode('olivia');
    expect(result.ok || result.problem.field).toBe('email');
    expect(server.requests).toHaveLength(0);
  });

  it('a wrong or expired code says so and asks for another', async () => {
    await auth().requestCode('olivia@example.com');
    const result = await auth().verifyCode('olivia@example.com', '999999');
    expect(result).toMatchObject({ ok: false, problem: { code: 'code-invalid', field: 'code' } });
    expect((await auth().verifyCode('olivia@example.com', 'abc')).ok).toBe(false);
  });

  it('a sign-in whose token header the browser cannot read says who can fix it', async () => {
    server.fault({ status: 200, body: { token: 'in-body-only' } });
    const result = await auth().verifyCode('olivia@example.com', '123456');
    expect(result.ok || result.problem.message).toMatch(/set-auth-token/);
  });

  it('no server: nothing was changed; too many tries and a failing server say what to do', async () => {
    server.fault('network', { status: 429, body: {} }, { status: 500, body: {} });
    expect((await auth().requestCode('olivia@example.com')).ok || 'x').toBe('x');
    const codes = [];
    for (let i = 0; i < 2; i++) {
      const result = await auth().verifyCode('olivia@example.com', '123456');
      codes.push(result.ok ? 'ok' : result.problem.code);
    }
    expect(codes).toEqual(['http-429', 'server-error']);
    server.fault('network');
    expect(await auth().requestCode('olivia@example.com')).toMatchObject({
      ok: false,
      problem: { code: 'server-unreachable' },
    });
  });

  it('signs out on the server', async () => {
    const token = server.signIn('olivia@example.com');
    await auth().signOut(token);
    expect(server.sessions.has(token)).toBe(false);
    expect(server.requests[0]?.headers.get('authorization')).toBe(`Bearer ${token}`);
  });

  it('reads the session: who, which org, which version', async () => {
    const token = server.signIn('olivia@example.com');
    server.fault({
      status: 200,
      body: {
        member: {
          id: 'owner',
          name: 'Olivia',
          email: 'olivia@example.com',
          role: 'admin',
          teams: ['Everyone'],
          status: 'active',
          invitedAt: 1,
        },
        orgId: 'o',
        orgName: 'Acme',
        version: 3,
      },
    });
    expect(await auth().session(token)).toMatchObject({ ok: true, value: { orgName: 'Acme', version: 3 } });
    expect((await auth().session('nope')).ok || 'signed-out').toBe('signed-out');
  });

  it('never logs the token', async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const token = server.signIn('olivia@example.com');
    server.fault('network');
    await auth().signOut(token);
    expect([...log.mock.calls, ...error.mock.calls].flat().join(' ')).not.toContain(token);
  });
});

describe('claiming the org with the owner’s one-time link', () => {
  it('creates the org once; the link does not work twice', async () => {
    server.claimable('claim-token-1');
    const input = { token: 'claim-token-1', orgName: ' Acme ', name: 'Olivia Owner', email: 'Olivia@example.com' };
    expect(await auth().claim(input)).toEqual({ ok: true, value: null });
    expect(server.requests[0]?.body).toEqual({
      token: 'claim-token-1',
      orgName: 'Acme',
      name: 'Olivia Owner',
      email: 'olivia@example.com',
    });
    expect(await auth().claim(input)).toMatchObject({ ok: false, problem: { code: 'claim-invalid' } });
  });

  it('names the field that is missing, before asking the server', async () => {
    expect(await auth().claim({ token: 't', orgName: '', name: 'A', email: 'a@example.com' })).toMatchObject({
      ok: false,
      problem: { field: 'orgName' },
    });
    expect(await auth().claim({ token: 't', orgName: 'Acme', name: '', email: 'a@example.com' })).toMatchObject({
      ok: false,
      problem: { field: 'name' },
    });
    expect(await auth().claim({ token: 't', orgName: 'Acme', name: 'A', email: 'a' })).toMatchObject({
      ok: false,
      problem: { field: 'email' },
    });
    expect(server.requests).toHaveLength(0);
  });
});
