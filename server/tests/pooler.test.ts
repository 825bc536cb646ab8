import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { connect, type Db } from '../db/connect.ts';
import { startChildServer, type ChildServer } from '../testing/child-server.ts';
import { callCommand } from '../testing/http.ts';
import { memoryLog } from '../testing/memory-log.ts';
import { startPgbouncer, type Pooler } from '../testing/pgbouncer.ts';
import { seedOrg, seededOwner } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

// Commands through PgBouncer in transaction mode (as behind a managed database's pooled endpoint),
// LISTEN on its own direct connection (DATABASE_DIRECT_URL): the fan-out between two server processes still works.
let pooler: Pooler;
let direct: string;
let pooled: string;
let database: string;
let seeding: Db;
let a: ChildServer;
let b: TestServer;
let token: string;
const key = randomBytes(32);

beforeAll(async () => {
  direct = await testDatabaseUrl();
  database = new URL(direct).pathname.slice(1);
  pooler = await startPgbouncer(direct.replace(/\/[^/]*$/, '/postgres'));
  pooled = pooler.pooled(direct);
  seeding = connect(direct, { max: 1 });
  const now = Date.now();
  const reps = Array.from({ length: 4 }, (_, i) =>
    aMember({ id: `rep${i}`, email: `rep${i}@example.com`, role: 'user', status: 'active', invitedBy: 'owner' }),
  );
  await seedOrg(
    seeding.db,
    {
      members: [seededOwner(now), ...reps],
      org: { status: 'connected', connection: anOrg({ ownerId: 'owner', connectedAt: now - 7 * 86_400_000 }) },
    },
    now,
  );
  // Process A: the production entry, configured as the README says. Process B: in this process, the same settings.
  a = await startChildServer(pooled, key, 30_000, { DATABASE_DIRECT_URL: direct });
  b = await startTestServer({ databaseUrl: pooled, directUrl: direct, vaultKey: key });
  token = await b.signIn('owner@example.com');
});
afterAll(async () => {
  await a?.stop();
  await b?.close();
  await seeding?.close();
  await pooler?.stop();
});

/** Follows GET /api/changes; `until(check)` resolves once the check holds, `ended` once the server ends the stream. */
async function follow(url: string, bearer = token) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/changes`, {
    headers: { authorization: `Bearer ${bearer}` },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const versions: number[] = [];
  let text = '';
  let wake = () => {};
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += value;
        for (const match of value.matchAll(/"version":(\d+)/g)) versions.push(Number(match[1]));
        wake();
      }
    } catch {
      // closed
    }
  })();
  const until = async (check: () => boolean, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`stream on ${url}: gave up; heard ${text}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100);
      });
    }
  };
  return { versions, until, ended, close: () => controller.abort() };
}

/** Resolves once the stream has ended, or rejects after `ms` (a deadline for a clear failure, not a wait). */
const endOf = (stream: { ended: Promise<void> }, ms = 5_000) =>
  Promise.race([
    stream.ended,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms)),
  ]);

describe('behind PgBouncer in transaction mode, LISTEN direct', () => {
  it('a change made through one process reaches a follower on the other, both ways; the commands went through the pooler', async () => {
    const before = await pooler.stats(database);
    const onA = await follow(a.url);
    const onB = await follow(b.url);
    await onA.until(() => onA.versions.length === 1);
    await onB.until(() => onB.versions.length === 1);
    const start = onA.versions[0]!;

    const throughB = await callCommand(b.url, 'grantAccess', { memberIds: ['rep0'], workspaceIds: [1] }, { token });
    expect(throughB.status, JSON.stringify(throughB.body)).toBe(200);
    await onA.until(() => onA.versions.includes(start + 1));

    const throughA = await callCommand(a.url, 'grantAccess', { memberIds: ['rep1'], workspaceIds: [1] }, { token });
    expect(throughA.status, JSON.stringify(throughA.body)).toBe(200);
    await onB.until(() => onB.versions.includes(start + 2));
    await onA.until(() => onA.versions.includes(start + 2));
    onA.close();
    onB.close();

    // Reads, sign-in checks and the writes' transactions all passed through PgBouncer.
    const after = await pooler.stats(database);
    expect(after.transactions - before.transactions).toBeGreaterThanOrEqual(6);
    // Each process's start-up check found its LISTEN connection hears notices sent through the pooler.
    expect(b.server.ctx.feed.selfTest()).toBe('passed');
    expect(a.output()).not.toContain('did not reach the LISTEN connection');
  });

  it('status reads at once on both processes all answer: nothing prepared on one pooled connection is asked of another', async () => {
    // A named prepared statement (store/org-version.ts, on a direct connection) would be missing on PgBouncer's
    // other server connections: some of these reads would fail.
    const reads = await Promise.all(
      Array.from({ length: 40 }, (_, i) => callCommand(i % 2 ? a.url : b.url, 'getState', {}, { token })),
    );
    expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    expect(new Set(reads.map((r) => r.body.version)).size).toBe(1);
  });

  it('a session ended on one process ends its change streams on the other: NOTIFY through the pooler, LISTEN direct', async () => {
    const removed = await b.signIn('rep2@example.com');
    const signedOut = await b.signIn('rep3@example.com');
    const onA = await follow(a.url, removed);
    const onB = await follow(b.url, signedOut);
    await onA.until(() => onA.versions.length === 1);
    await onB.until(() => onB.versions.length === 1);

    // Removed through B (the NOTIFY in the command's transaction, through PgBouncer): A's stream ends.
    expect((await callCommand(b.url, 'removeMember', { memberId: 'rep2' }, { token })).status).toBe(200);
    await endOf(onA);
    // Signed out through A (better-auth's delete, then a NOTIFY through PgBouncer): B's stream ends.
    const out = await fetch(`${a.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signedOut}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    await endOf(onB);
    expect([
      (await fetch(`${a.url}/api/session`, { headers: { authorization: `Bearer ${removed}` } })).status,
      (await fetch(`${b.url}/api/session`, { headers: { authorization: `Bearer ${signedOut}` } })).status,
    ]).toEqual([401, 401]);
  });

  it('LISTEN wrongly pointed through the pooler: the start-up check says so in an error line, and followers there hear no change', async () => {
    const log = memoryLog();
    const wrong = await startTestServer({
      databaseUrl: pooled,
      directUrl: pooled,
      vaultKey: key,
      logDestination: log,
      logLevel: 'info',
      selfTestMs: 2_000,
    });
    try {
      const deadline = Date.now() + 10_000;
      while (wrong.server.ctx.feed.selfTest() === 'pending' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(wrong.server.ctx.feed.selfTest()).toBe('failed');
      expect(log.records()).toContainEqual(
        expect.objectContaining({
          level: 'error',
          msg: expect.stringContaining('set DATABASE_DIRECT_URL to the database itself'),
        }),
      );

      // What it costs: a follower of this process hears the version it connected at, then nothing,
      // while a follower of a correctly set process hears the change.
      const lost = await follow(wrong.url);
      const heard = await follow(b.url);
      await lost.until(() => lost.versions.length === 1);
      await heard.until(() => heard.versions.length === 1);
      const at = heard.versions[0]!;
      expect((await callCommand(b.url, 'removeAccess', { memberIds: ['rep0'] }, { token })).status).toBe(200);
      await heard.until(() => heard.versions.includes(at + 1));
      // The notice has reached every listener that could hear it; give the wrong one as long as the check did.
      await expect(lost.until(() => lost.versions.length > 1, 2_000)).rejects.toThrow(/gave up/);
      lost.close();
      heard.close();
    } finally {
      await wrong.close();
    }
  });
});
