import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { startChildServer, type ChildServer } from '../testing/child-server.ts';
import { callCommand } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

// Two server processes on one database: the production entry in its own process, and one in this process.
// A session speaks for the membership it was issued for, and ends (with its open change streams, on every
// process, within a second) when that member signs out, is removed, or is given another role.
let here: TestServer;
let child: ChildServer;
let orgA: string;
let ownerA: string;
let ownerB: string;
const key = randomBytes(32);

beforeAll(async () => {
  const databaseUrl = await testDatabaseUrl();
  [here, child] = await Promise.all([
    startTestServer({ databaseUrl, vaultKey: key }),
    startChildServer(databaseUrl, key),
  ]);
  orgA = await seedOrg(here.db, {
    name: 'Alpha',
    members: [
      aMember({ id: 'owner', name: 'Olivia Owner', email: 'owner@example.com', role: 'admin', status: 'active' }),
      ...['ron', 'rae', 'roy', 'rex'].map((id) => aMember({ id, name: `Rep ${id}`, email: `${id}@example.com` })),
    ],
  });
  await seedOrg(here.db, {
    name: 'Bravo',
    members: [
      aMember({ id: 'owner', name: 'Bo Owner', email: 'b-owner@example.org', role: 'admin', status: 'active' }),
      aMember({ id: 'xena', name: 'Xena Rep', email: 'xena@example.com' }),
    ],
  });
  ownerA = await here.signIn('owner@example.com');
  ownerB = await here.signIn('b-owner@example.org');
}, 60_000);
afterAll(async () => {
  await Promise.all([here?.close(), child?.stop()]);
});

const processes = () => [
  { name: 'this process', url: here.url },
  { name: 'the child process', url: child.url },
];

const sessionStatus = async (url: string, token: string) =>
  (await fetch(`${url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status;

interface Follower {
  /** When the server ended the stream (Date.now()). */
  ended: Promise<number>;
  /** Resolves once the stream has carried `version`. */
  sees(version: number): Promise<void>;
  cancel(): Promise<void>;
}

/** Follows GET /api/changes with this token, once its first event came. */
async function follow(url: string, token: string): Promise<Follower> {
  const response = await fetch(`${url}/api/changes`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const waiting = new Set<() => void>();
  const ended = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Date.now();
      text += value;
      for (const check of [...waiting]) check();
    }
  })();
  const sees = (version: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (text.includes(`"version":${version}}`)) {
          waiting.delete(check);
          resolve();
        }
      };
      waiting.add(check);
      check();
      void ended.then(() => reject(new Error(`the stream ended before version ${version}: ${text}`)));
    });
  const first = new Promise<void>((resolve) => {
    const check = () => /"version":\d+/.test(text) && (waiting.delete(check), resolve());
    waiting.add(check);
  });
  await first;
  return { ended, sees, cancel: () => reader.cancel().catch(() => {}) };
}

/** Resolves with the time the stream ended, or rejects after `ms` (a deadline for a clear failure, not a wait). */
const endOf = (follower: Follower, ms = 5_000) =>
  Promise.race([
    follower.ended,
    new Promise<number>((_, reject) =>
      setTimeout(() => reject(new Error(`the stream was still open after ${ms} ms`)), ms),
    ),
  ]);

const versionOf = async (orgId: string) =>
  (await here.db.selectFrom('orgs').select('version').where('id', '=', orgId).executeTakeFirstOrThrow()).version;

describe('a session is bound to its membership, on every process', () => {
  it('removal ends the member’s sessions and open streams on both processes within a second', async () => {
    const token = await here.signIn('ron@example.com');
    const streams = await Promise.all(processes().map((p) => follow(p.url, token)));
    const removed = await callCommand(child.url, 'removeMember', { memberId: 'ron' }, { token: ownerA });
    const answeredAt = Date.now();
    expect(removed.body.ok).toBe(true);
    for (const stream of streams) expect((await endOf(stream)) - answeredAt).toBeLessThan(1_000);
    for (const p of processes()) expect(await sessionStatus(p.url, token), p.name).toBe(401);
    expect(await here.db.selectFrom('session').select('id').where('memberId', '=', 'ron').execute()).toEqual([]);
  });

  it('a new role ends the member’s sessions and streams on both processes; a change of teams does not', async () => {
    const rae = await here.signIn('rae@example.com');
    const roy = await here.signIn('roy@example.com');
    const raeStreams = await Promise.all(processes().map((p) => follow(p.url, rae)));
    const royStreams = await Promise.all(processes().map((p) => follow(p.url, roy)));

    const teams = await callCommand(here.url, 'updateMember', { memberId: 'roy', teams: ['Sales'] }, { token: ownerA });
    expect(teams.body.ok).toBe(true);
    const promoted = await callCommand(here.url, 'updateMember', { memberId: 'rae', role: 'admin' }, { token: ownerA });
    const answeredAt = Date.now();
    expect(promoted.body.ok).toBe(true);
    for (const stream of raeStreams) expect((await endOf(stream)) - answeredAt).toBeLessThan(1_000);
    for (const p of processes()) {
      expect(await sessionStatus(p.url, rae), p.name).toBe(401);
      expect(await sessionStatus(p.url, roy), p.name).toBe(200);
      expect(await sessionStatus(p.url, ownerA), p.name).toBe(200);
    }
    // Roy's streams still follow the org: they carry the promotion's version.
    const version = await versionOf(orgA);
    for (const stream of royStreams) await stream.sees(version);
    await Promise.all(royStreams.map((s) => s.cancel()));
    // Signed in again, Rae is the admin she now is.
    const again = await here.signIn('rae@example.com');
    expect(
      (await (await fetch(`${child.url}/api/session`, { headers: { authorization: `Bearer ${again}` } })).json()).member
        .role,
    ).toBe('admin');
  });

  it('sign-out ends that session’s streams on both processes within a second, and not the member’s other session', async () => {
    const laptop = await here.signIn('rex@example.com');
    const phone = await here.signIn('rex@example.com');
    const laptopStreams = await Promise.all(processes().map((p) => follow(p.url, laptop)));
    const phoneStreams = await Promise.all(processes().map((p) => follow(p.url, phone)));
    const out = await fetch(`${child.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { authorization: `Bearer ${laptop}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const answeredAt = Date.now();
    expect(out.status).toBe(200);
    for (const stream of laptopStreams) expect((await endOf(stream)) - answeredAt).toBeLessThan(1_000);
    for (const p of processes()) {
      expect(await sessionStatus(p.url, laptop), p.name).toBe(401);
      expect(await sessionStatus(p.url, phone), p.name).toBe(200);
    }
    const invited = await callCommand(
      here.url,
      'inviteMember',
      { name: 'Nia New', email: 'nia@example.com' },
      { token: ownerA },
    );
    expect(invited.body.ok).toBe(true);
    const version = await versionOf(orgA);
    for (const stream of phoneStreams) await stream.sees(version);
    await Promise.all(phoneStreams.map((s) => s.cancel()));
  });

  it('never follows an email into another org, nor back into the same org after a new invitation', async () => {
    const inB = await here.signIn('xena@example.com');
    expect((await callCommand(child.url, 'removeMember', { memberId: 'xena' }, { token: ownerB })).body.ok).toBe(true);
    const invitedA = await callCommand(
      here.url,
      'inviteMember',
      { name: 'Xena Rep', email: 'xena@example.com' },
      { token: ownerA },
    );
    expect(invitedA.body.ok).toBe(true);
    for (const p of processes()) {
      expect(await sessionStatus(p.url, inB), p.name).toBe(401);
      // Read as signed out: nothing of either org.
      const state = await callCommand(p.url, 'getState', {}, { token: inB });
      expect(state.body.value.me, p.name).toBeUndefined();
      expect(state.body.value.members, p.name).toEqual([]);
    }
    // Signed in anew, the person is org A's member; that session ends with that membership too.
    const inA = await here.signIn('xena@example.com');
    const session = await (
      await fetch(`${child.url}/api/session`, { headers: { authorization: `Bearer ${inA}` } })
    ).json();
    expect(session).toMatchObject({ orgId: orgA, orgName: 'Alpha', member: { email: 'xena@example.com' } });
    const memberId = session.member.id as string;
    expect((await callCommand(here.url, 'removeMember', { memberId }, { token: ownerA })).body.ok).toBe(true);
    expect(
      (await callCommand(here.url, 'inviteMember', { name: 'Xena Rep', email: 'xena@example.com' }, { token: ownerA }))
        .body.ok,
    ).toBe(true);
    for (const p of processes()) expect(await sessionStatus(p.url, inA), p.name).toBe(401);
  });
});
