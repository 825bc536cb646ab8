import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { callCommand } from '../testing/http.ts';
import { startTestServer } from '../testing/start-test-server.ts';
import { seedOrg } from '../testing/seed.ts';
import { aMember } from '../../tests/fixtures/domain.ts';
import { connect } from '../db/connect.ts';
import { createApp } from '../app.ts';

let t: ContractBackend;
beforeAll(async () => {
  t = await startContractBackend();
});
afterAll(() => t.close());

describe('CORS', () => {
  it('admits an extension origin, with the headers the client needs', async () => {
    for (const origin of [
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
    ]) {
      const preflight = await fetch(`${t.server.url}/api/commands/inviteMember`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
      // Hono's preflight answer as it makes it: Origin named once among what it varies by.
      expect(
        preflight.headers
          .get('vary')
          ?.split(/,\s*/)
          .filter((name) => name === 'Origin'),
      ).toEqual(['Origin']);
      const answer = await callCommand(t.server.url, 'getState', {}, { origin });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-expose-headers')).toContain('set-auth-token');
      // The answer depends on the Origin: a cache in between must not hand it to another one.
      expect(answer.headers.get('vary')).toContain('Origin');
    }
  });

  it('refuses a web origin, preflight and request alike, and changes nothing', async () => {
    const preflight = await fetch(`${t.server.url}/api/commands/inviteMember`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const before = await t.dump();
    const token = await t.server.signIn('admin@example.com');
    const mid = await t.dump();
    const answer = await callCommand(
      t.server.url,
      'inviteMember',
      { name: 'Eve', email: 'eve@example.com' },
      { token, origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(await t.dump()).toEqual(mid);
    expect(before.members).toEqual(mid.members);
  });
});

describe('the command endpoint', () => {
  it('answers 413 for a body over 256 KB', async () => {
    const token = await t.server.signIn('admin@example.com');
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      name: `Person ${i} ${'x'.repeat(60)}`,
      email: `p${i}@example.com`,
    }));
    const answer = await callCommand(t.server.url, 'inviteMembers', { rows }, { token });
    expect(answer.status).toBe(413);
    expect(answer.body.ok).toBe(false);
  });

  it('needs an Idempotency-Key for a write (400), not for a read', async () => {
    const token = await t.server.signIn('admin@example.com');
    const write = await callCommand(
      t.server.url,
      'inviteMember',
      { name: 'Kim', email: 'kim@example.com' },
      { token, key: null },
    );
    expect(write.status).toBe(400);
    expect(write.body.error).toMatchObject({ code: 'bad-input', field: 'Idempotency-Key' });
    expect((await callCommand(t.server.url, 'getActivity', {}, { token, key: null })).status).toBe(200);
  });

  it('answers 404 for an unknown command and for the trial-only ones', async () => {
    for (const name of ['dropTables', 'signIn', 'signOut', '__proto__', 'constructor']) {
      const answer = await callCommand(t.server.url, name, {});
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('unknown-command');
    }
  });

  it('answers 400 for bad input, naming the field, and for a body that is not JSON', async () => {
    const token = await t.server.signIn('admin@example.com');
    const answer = await callCommand(t.server.url, 'updateMember', { memberId: 'rep', role: 'king' }, { token });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'bad-input', field: 'role' });
    const raw = await fetch(`${t.server.url}/api/commands/getState`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    });
    expect(raw.status).toBe(400);
  });

  it('answers 401, 403 and 409 by who calls and what the rule says', async () => {
    expect((await t.callers['signed-out']('getActivity', {})).ok).toBe(false);
    expect((await callCommand(t.server.url, 'getActivity', {})).status).toBe(401);
    const rep = await t.server.signIn('rep@example.com');
    const asRep = await callCommand(
      t.server.url,
      'inviteMember',
      { name: 'Kim', email: 'kim@example.com' },
      { token: rep },
    );
    expect([asRep.status, asRep.body.error.code]).toEqual([403, 'not-admin']);
    const admin = await t.server.signIn('admin@example.com');
    const notOwner = await callCommand(t.server.url, 'disconnectOrg', {}, { token: admin });
    expect([notOwner.status, notOwner.body.error.code]).toEqual([409, 'org-not-connected']);
    const self = await callCommand(t.server.url, 'removeMember', { memberId: 'admin' }, { token: admin });
    expect([self.status, self.body.error.code]).toEqual([409, 'remove-self']);
  });

  it('gives signed-out callers an empty view: no org, no member', async () => {
    const answer = await callCommand(t.server.url, 'getState', {});
    expect(answer.status).toBe(200);
    expect(answer.body.value).toMatchObject({
      members: [],
      grants: [],
      activity: [],
      org: { status: 'not-connected' },
    });
  });
});

describe('when the database is down', () => {
  it('answers 503 with the plain message, and /healthz says 503', async () => {
    const down = await startTestServer();
    await seedOrg(down.db, { members: [aMember({ id: 'ann', email: 'ann@example.com', role: 'admin' })] });
    const token = await down.signIn('ann@example.com');
    // The same server with its org data behind a pool that cannot connect (a port nobody listens on).
    const pool = connect('postgres://postgres:x@127.0.0.1:9/nothing');
    const app = createApp({ ...down.server.ctx, db: pool.db });
    const answer = await app.request('/api/commands/getState', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      ok: false,
      error: {
        code: 'server-unavailable',
        message: 'The team server cannot reach its database: nothing was changed. Try again in a moment.',
      },
    });
    expect((await app.request('/healthz')).status).toBe(503);
    expect((await fetch(`${down.url}/healthz`)).status).toBe(200);
    await pool.close();
    await down.close();
  });
});
