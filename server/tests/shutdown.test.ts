import { randomBytes } from 'node:crypto';
import { connect as connectSocket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { createApp } from '../app.ts';
import { createLifecycle } from '../http/lifecycle.ts';
import { startChildServer, type ChildServer } from '../testing/child-server.ts';
import { callCommand, type Answer } from '../testing/http.ts';
import { seedOrg, seededOwner } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

// SIGTERM to the production entry (server/main.ts) while a command waits on the org's row lock
// (held by this test, as fault-kill.test.ts does) and a change stream is open.
const DRAIN_BOUND_MS = 10_000;
const secret = randomBytes(32);
let helper: TestServer;
let orgId: string;
let token: string;
let child: ChildServer | undefined;

beforeAll(async () => {
  const databaseUrl = await testDatabaseUrl();
  helper = await startTestServer({ databaseUrl, vaultKey: secret });
  const now = helper.clock.now();
  const reps = ['rep1', 'rep2'].map((id) =>
    aMember({ id, email: `${id}@example.com`, role: 'user', status: 'active', invitedBy: 'owner' }),
  );
  orgId = await seedOrg(
    helper.db,
    {
      members: [seededOwner(now), ...reps],
      org: { status: 'connected', connection: anOrg({ ownerId: 'owner', connectedAt: now - 7 * 86_400_000 }) },
    },
    now,
  );
  token = await helper.signIn('owner@example.com');
});
afterAll(async () => {
  await child?.kill();
  await helper?.close();
});

/** Holds the org's row lock in a transaction of its own until released. */
async function holdOrgLock() {
  const holder = new pg.Client({ connectionString: helper.databaseUrl });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('SELECT id FROM orgs WHERE id = $1 FOR UPDATE', [orgId]);
  return {
    /** Resolves once a command's transaction waits on the lock. */
    waitedOn: async () => {
      const deadline = Date.now() + 10_000;
      while (
        (
          await holder.query(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()",
          )
        ).rowCount === 0
      ) {
        if (Date.now() > deadline) throw new Error('the command never waited on the row lock');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}

/** Opens GET /api/changes and reads it to its end, keeping the raw text. */
async function openStream(url: string) {
  const response = await fetch(`${url}/api/changes`, { headers: { authorization: `Bearer ${token}` } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  let first!: () => void;
  const started = new Promise<void>((resolve) => (first = resolve));
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += value;
      if (text.includes('event: org-changed')) first();
    }
  })();
  await started;
  return { ended, text: () => text };
}

const refusesConnections = (url: string) =>
  new Promise<string>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connectSocket(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });

const versionOf = async () =>
  (await helper.db.selectFrom('orgs').select('version').where('id', '=', orgId).executeTakeFirstOrThrow()).version;

describe('SIGTERM', () => {
  it('finishes the command in flight, ends the change stream with a retry hint, refuses new connections, exits 0', async () => {
    child = await startChildServer(helper.databaseUrl, secret);
    const stream = await openStream(child.url);
    const lock = await holdOrgLock();
    const before = await versionOf();
    let answer: Promise<Answer>;
    let signalledAt: number;
    try {
      answer = callCommand(child.url, 'grantAccess', { memberIds: ['rep1'], workspaceIds: [1] }, { token });
      await lock.waitedOn();
      signalledAt = Date.now();
      child.process.kill('SIGTERM');
      // The stream is told to reconnect (elsewhere) and ends, while the command still waits.
      const told = await stream.ended;
      expect(told).toMatch(/event: reconnect\ndata: \{"reason":"shutting-down"\}\nretry: \d+\n\n$/);
      expect(await refusesConnections(child.url)).toBe('ECONNREFUSED');
    } finally {
      await lock.release();
    }
    const answered = await answer;
    expect([answered.status, answered.body.ok]).toEqual([200, true]);
    expect(await versionOf()).toBe(before + 1);
    const exit = await child.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(DRAIN_BOUND_MS);

    const lines = child
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['draining: no new requests, change streams told to reconnect', 'stopped']),
    );
    expect(lines.find((l) => l.command === 'grantAccess')).toMatchObject({ status: 200, orgId });
    expect(lines.filter((l) => l.level === 'warn' && String(l.msg).startsWith('drain:'))).toEqual([]);
    expect(child.output()).not.toContain(token.split('.')[0]);
  });

  it(
    `cuts a command still waiting after ${DRAIN_BOUND_MS / 1000} s, applies nothing of it, and still exits 0`,
    { timeout: 40_000 },
    async () => {
      child = await startChildServer(helper.databaseUrl, secret);
      const lock = await holdOrgLock();
      const before = await versionOf();
      let signalledAt: number;
      try {
        const answer = callCommand(
          child.url,
          'grantAccess',
          { memberIds: ['rep2'], workspaceIds: [1] },
          { token },
        ).catch((error: Error) => error);
        await lock.waitedOn();
        signalledAt = Date.now();
        child.process.kill('SIGTERM');
        const exit = await child.exited;
        const took = Date.now() - signalledAt;
        expect(exit).toEqual({ code: 0, signal: null });
        expect(took).toBeGreaterThanOrEqual(DRAIN_BOUND_MS - 100);
        expect(took).toBeLessThan(DRAIN_BOUND_MS + 5_000);
        // The caller lost its answer (it retries with the same Idempotency-Key on another process).
        expect(await answer).toBeInstanceOf(Error);
      } finally {
        await lock.release();
      }
      expect(await versionOf()).toBe(before);
      expect(child.output()).toContain('"abandoned":1');
    },
  );

  it('while draining, a request that still arrives is answered 503 shutting-down; readyz says so, livez does not', async () => {
    const lifecycle = createLifecycle();
    const app = createApp({ ...helper.server.ctx, lifecycle });
    expect((await app.request('/readyz')).status).toBe(200);
    lifecycle.startDrain();
    const command = await app.request('/api/commands/getState', { method: 'POST', body: '{}' });
    expect(command.status).toBe(503);
    expect(command.headers.get('connection')).toBe('close');
    expect(await command.json()).toMatchObject({ ok: false, error: { code: 'shutting-down' } });
    const ready = await app.request('/readyz');
    expect([ready.status, await ready.json()]).toMatchObject([503, { error: { code: 'shutting-down' } }]);
    expect((await app.request('/livez')).status).toBe(200);
  });
});
