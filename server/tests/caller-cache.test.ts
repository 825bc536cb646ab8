import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { startChildServer, type ChildServer } from '../testing/child-server.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

// Each process keeps the callers it has checked (server/auth/caller-cache.ts). Two processes on one database:
// A (the production entry, its own process) has checked a bearer; B (this process) ends that session by a
// sign-out, a removal or a new role. Once A has heard of it (the stream A serves for that session ends: an event,
// not a wait), A's next request with the bearer is refused. And a notice A could have missed (its LISTEN
// connection lost) empties A's cache.
let b: TestServer;
let a: ChildServer;
let heard: (pattern: RegExp) => Promise<void>;
let logTo: () => { stream: Writable; heard: (pattern: RegExp) => Promise<void> };
const key = randomBytes(32);
const reps = ['ron', 'rae', 'roy', 'rex', 'ria', 'rob', 'rod', 'rue'];

beforeAll(async () => {
  const databaseUrl = await testDatabaseUrl();
  // B's log lines, to wait for its change feed's "listening again".
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      for (const check of [...waiting]) check();
      done();
    },
  });
  heard = (pattern) =>
    new Promise((resolve) => {
      const check = () => lines.some((l) => pattern.test(l)) && (waiting.delete(check), resolve());
      waiting.add(check);
      check();
    });
  logTo = () => {
    const own: string[] = [];
    const listeners = new Set<() => void>();
    return {
      stream: new Writable({
        write(chunk: Buffer, _encoding, done) {
          own.push(chunk.toString());
          for (const l of [...listeners]) l();
          done();
        },
      }),
      heard: (pattern: RegExp) =>
        new Promise<void>((resolve) => {
          const check = () => own.some((l) => pattern.test(l)) && (listeners.delete(check), resolve());
          listeners.add(check);
          check();
        }),
    };
  };
  [b, a] = await Promise.all([
    startTestServer({ databaseUrl, vaultKey: key, logDestination: log, logLevel: 'info' }),
    startChildServer(databaseUrl, key),
  ]);
  await seedOrg(b.db, {
    name: 'Alpha',
    members: [
      aMember({ id: 'owner', name: 'Olivia Owner', email: 'owner@example.com', role: 'admin', status: 'active' }),
      ...reps.map((id) => aMember({ id, name: `Rep ${id}`, email: `${id}@example.com`, status: 'active' })),
    ],
  });
}, 60_000);
afterAll(async () => {
  await Promise.all([b?.close(), a?.stop()]);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sessionOn = async (url: string, token: string) => httpRequest(`${url}/api/session`, { headers: bearer(token) });
const changesStatus = async (url: string, token: string) => {
  const response = await fetch(`${url}/api/changes`, { headers: bearer(token) });
  await response.body?.cancel();
  return response.status;
};
const meOn = async (url: string, token: string) =>
  (await callCommand(url, 'getState', {}, { token })).body.value.me?.id as string | undefined;

/** Follows GET /api/changes; `ended` resolves when the server ends the stream. */
async function follow(url: string, token: string) {
  const response = await fetch(`${url}/api/changes`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const first = await reader.read();
  expect(first.done).toBe(false);
  const ended = (async () => {
    while (!(await reader.read()).done);
  })();
  return { ended };
}

/** A checks the bearer (and so keeps its caller) and follows its org, as the rep's popup does. */
async function checkedOnA(email: string, memberId: string) {
  const token = await b.signIn(email);
  expect(await meOn(a.url, token)).toBe(memberId);
  expect((await sessionOn(a.url, token)).status).toBe(200);
  return { token, stream: await follow(a.url, token) };
}

/** What A answers once it has heard the session ended: refused everywhere, the status read signed out. */
async function refusedOnA(token: string) {
  expect((await sessionOn(a.url, token)).status).toBe(401);
  expect(await changesStatus(a.url, token)).toBe(401);
  expect(await meOn(a.url, token)).toBeUndefined();
}

describe('the caller cache, on two processes', () => {
  it('keeps a checked caller: a session deleted with no notice still answers on A (what the notices are for)', async () => {
    const token = await b.signIn('rob@example.com');
    expect((await sessionOn(a.url, token)).status).toBe(200);
    // Behind the servers' backs: no NOTIFY. A answers from its cache (until the TTL); B never checked it.
    await b.db.deleteFrom('session').where('memberId', '=', 'rob').execute();
    expect((await sessionOn(a.url, token)).status).toBe(200);
    expect((await sessionOn(b.url, token)).status).toBe(401);
  });

  it('a sign-out on B: A refuses the bearer once it has heard', async () => {
    const { token, stream } = await checkedOnA('ron@example.com', 'ron');
    const out = await httpRequest(`${b.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    await stream.ended;
    await refusedOnA(token);
  });

  it('a removal on B: A refuses the bearer once it has heard', async () => {
    const owner = await b.signIn('owner@example.com');
    const { token, stream } = await checkedOnA('rae@example.com', 'rae');
    expect((await callCommand(b.url, 'removeMember', { memberId: 'rae' }, { token: owner })).body.ok).toBe(true);
    await stream.ended;
    await refusedOnA(token);
  });

  it('a new role on B: A refuses the bearer once it has heard; signed in again, the member is what they now are', async () => {
    const owner = await b.signIn('owner@example.com');
    const { token, stream } = await checkedOnA('roy@example.com', 'roy');
    const promoted = await callCommand(b.url, 'updateMember', { memberId: 'roy', role: 'admin' }, { token: owner });
    expect(promoted.body.ok).toBe(true);
    await stream.ended;
    await refusedOnA(token);
    const again = await b.signIn('roy@example.com');
    expect(JSON.parse((await sessionOn(a.url, again)).text).member.role).toBe('admin');
  });
});

describe('the caller cache, on one process', () => {
  it('a sign-out here is refused here on the very next request', async () => {
    const token = await b.signIn('rex@example.com');
    expect((await sessionOn(b.url, token)).status).toBe(200);
    const out = await httpRequest(`${b.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await sessionOn(b.url, token)).status).toBe(401);
  });

  it('is emptied when its LISTEN connection is lost (a notice may have been missed)', async () => {
    const token = await b.signIn('ria@example.com');
    expect((await sessionOn(b.url, token)).status).toBe(200);
    // Ended with no notice: kept, as above.
    await b.db.deleteFrom('session').where('memberId', '=', 'ria').execute();
    expect((await sessionOn(b.url, token)).status).toBe(200);
    const again = heard(/change feed: listening again/);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where query like 'LISTEN %' and datname = current_database() and pid <> pg_backend_pid()`.execute(b.db);
    await again;
    expect((await sessionOn(b.url, token)).status).toBe(401);
  });

  // A process whose LISTEN hears nothing from the others (here: LISTEN on another database, as a transaction-mode
  // pooler would leave it), on the same database as B.
  const deafServer = async (selfTestMs: number) => {
    const log = logTo();
    const deaf = await startTestServer({
      databaseUrl: b.databaseUrl,
      directUrl: await testDatabaseUrl(),
      vaultKey: key,
      selfTestMs,
      logDestination: log.stream,
      logLevel: 'info',
    });
    return { deaf, heard: log.heard };
  };

  it('a process deaf to notices drops a session it ended itself (sign-out) at once', async () => {
    const { deaf } = await deafServer(600_000);
    try {
      const token = await deaf.signIn('rod@example.com');
      expect((await sessionOn(deaf.url, token)).status).toBe(200);
      const out = await httpRequest(`${deaf.url}/api/auth/sign-out`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        body: '{}',
      });
      expect(out.status).toBe(200);
      expect((await sessionOn(deaf.url, token)).status).toBe(401);
    } finally {
      await deaf.close();
    }
  });

  it('keeps nothing once its self-test found it deaf', async () => {
    const { deaf, heard: deafHeard } = await deafServer(200);
    try {
      await deafHeard(/did not reach the LISTEN connection/);
      const token = await deaf.signIn('rue@example.com');
      expect((await sessionOn(deaf.url, token)).status).toBe(200);
      await b.db.deleteFrom('session').where('memberId', '=', 'rue').execute();
      expect((await sessionOn(deaf.url, token)).status).toBe(401);
    } finally {
      await deaf.close();
    }
  });
});
