import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, migrate, MIGRATIONS } from './migrations.ts';
import { allGrants } from '../backend/trial/shared/grants.ts';
import { openOrgDb, type OrgDatabase } from './open.ts';
import { V1_FIXTURE, writeV1Fixture } from '../../tests/fixtures/db-v1.ts';

let n = 0;
const freshName = () => `migrations-test-${++n}`;

/** A database as an older build left it: only the migrations up to `version`. */
const openAt = (name: string, version: number) =>
  openDB(name, version, {
    upgrade: (db, old, _new, tx) => migrate(db as never, old, version, tx as never),
  });

const grantsIn = async (db: OrgDatabase) =>
  (await allGrants(db.transaction('grantSets').store)).sort((a, b) => a.memberId.localeCompare(b.memberId));

describe('the org database', () => {
  it('a new install gets every store at the current version', async () => {
    const db = await openOrgDb(freshName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual([
      'activity',
      'grantSets',
      'jobs',
      'members',
      'org',
      'replica',
      'secrets',
      'session',
      'workspaces',
    ]);
    expect(db.transaction('members').store.index('by-email').unique).toBe(true);
    expect([...db.transaction('members').store.indexNames].sort()).toEqual(['by-email', 'by-name']);
    db.close();
  });

  it('version 1 with members, an org connection and grants migrates to the current version intact', async () => {
    const name = freshName();
    const v1 = await openAt(name, 1);
    await writeV1Fixture(v1);
    v1.close();

    const db = await openOrgDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.getAll('members')).toEqual(V1_FIXTURE.members);
    expect(await grantsIn(db)).toEqual(V1_FIXTURE.grants);
    expect(await db.get('org', 'connection')).toEqual(V1_FIXTURE.org);
    expect(await db.getAll('workspaces')).toEqual(V1_FIXTURE.workspaces);
    expect(await db.count('activity')).toBe(V1_FIXTURE.activity.length);
    expect(await db.get('session', 'signed-in')).toEqual({ memberId: 'owner' });
    // New in 2: the secrets store, empty until the org connects again.
    expect(await db.count('secrets')).toBe(0);
    db.close();
  });

  it('version 2 grants become sets of one, with the sealed secret kept', async () => {
    const name = freshName();
    const v2 = await openAt(name, 2);
    const grants = [
      { memberId: 'ana', workspaceIds: [2], grantedAt: 10, grantedBy: 'owner' },
      { memberId: 'bo', workspaceIds: [], grantedAt: 20, grantedBy: 'owner' },
    ];
    for (const grant of grants) await v2.put('grants', grant);
    const sealed = { iv: new Uint8Array(12), ciphertext: new ArrayBuffer(8) };
    await v2.put('secrets', sealed, 'client-secret');
    v2.close();

    const db = await openOrgDb(name);
    expect(await grantsIn(db)).toEqual(grants);
    expect(await db.count('grantSets')).toBe(2);
    expect(await db.get('secrets', 'client-secret')).toEqual(sealed);
    expect([...db.objectStoreNames]).not.toContain('grants');
    db.close();
  });

  it('version 4 jobs (by kind) become jobs naming their command, with their input and no failed tries', async () => {
    const name = freshName();
    const v4 = await openAt(name, 4);
    await v4.put('jobs', {
      id: 'j1',
      kind: 'grant',
      actorId: 'owner',
      memberIds: ['ana'],
      workspaceIds: [2],
      createdAt: 10,
    });
    await v4.put('jobs', {
      id: 'j2',
      kind: 'revoke',
      actorId: 'owner',
      memberIds: ['bo'],
      workspaceIds: [],
      createdAt: 20,
    });
    await v4.put('jobs', {
      id: 'j3',
      kind: 'change-workspaces',
      actorId: 'owner',
      memberIds: ['cy'],
      workspaceIds: [3],
      createdAt: 30,
    });
    v4.close();

    const db = await openOrgDb(name);
    expect(await db.getAll('jobs')).toEqual([
      {
        id: 'j1',
        command: 'grantAccess',
        input: { memberIds: ['ana'], workspaceIds: [2] },
        actorId: 'owner',
        createdAt: 10,
        attempts: 0,
      },
      { id: 'j2', command: 'removeAccess', input: { memberIds: ['bo'] }, actorId: 'owner', createdAt: 20, attempts: 0 },
      {
        id: 'j3',
        command: 'changeWorkspaces',
        input: { memberIds: ['cy'], workspaceIds: [3] },
        actorId: 'owner',
        createdAt: 30,
        attempts: 0,
      },
    ]);
    db.close();
  });

  it('version 6 jobs and set-aside lines naming revokeAccess name removeAccess; nothing else changes', async () => {
    const name = freshName();
    const v6 = await openAt(name, 6);
    const grantJob = { id: 'j1', command: 'grantAccess', input: { memberIds: ['ana'], workspaceIds: [2] } };
    const removalJob = { id: 'j2', command: 'revokeAccess', input: { memberIds: ['bo'] } };
    for (const job of [grantJob, removalJob])
      await v6.put('jobs', { ...job, actorId: 'owner', createdAt: 10, attempts: 1 });
    const lines = [
      { at: 10, actorId: 'owner', kind: 'access-removed', memberId: 'bo' },
      { at: 11, actorId: 'owner', kind: 'job-set-aside', details: { command: 'revokeAccess' } },
      { at: 12, actorId: 'owner', kind: 'job-set-aside', details: { command: 'grantAccess' } },
    ];
    for (const line of lines) await v6.add('activity', line);
    v6.close();

    const db = await openOrgDb(name);
    expect(await db.getAll('jobs')).toEqual([
      { ...grantJob, actorId: 'owner', createdAt: 10, attempts: 1 },
      { ...removalJob, command: 'removeAccess', actorId: 'owner', createdAt: 10, attempts: 1 },
    ]);
    expect(await db.getAll('activity')).toEqual([
      { seq: 1, ...lines[0] },
      { seq: 2, ...lines[1], details: { command: 'removeAccess' } },
      { seq: 3, ...lines[2] },
    ]);
    db.close();
  });

  it('refuses a second member with the same email at the store level', async () => {
    const db = await openOrgDb(freshName());
    const member = {
      id: 'a',
      name: 'A',
      email: 'a@example.com',
      role: 'user',
      teams: ['Everyone'],
      status: 'invited',
      invitedAt: 1,
    } as const;
    await db.add('members', { ...member, teams: [...member.teams] });
    await expect(db.add('members', { ...member, id: 'b', teams: ['Everyone'] })).rejects.toThrow();
    db.close();
  });

  it('a database newer than this build is not opened (no silent downgrade)', async () => {
    const name = freshName();
    const future = await openDB(name, MIGRATIONS.length + 1);
    future.close();
    await expect(openOrgDb(name)).rejects.toThrow();
  });
});
