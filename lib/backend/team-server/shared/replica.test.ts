import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS } from '../../../db/migrations.ts';
import { openOrgDb } from '../../../db/open.ts';
import { clearReplica, readReplica, readReplicaFast, saveReplica } from './replica.ts';
import { ADMIN_VIEW, OWNER, REP } from '../../../../tests/fixtures/team-server-views.ts';

let n = 0;
const freshName = () => `replica-test-${++n}`;

/** A database as the build before the replica left it. */
const REPLICA_VERSION = MIGRATIONS.length;
const openBefore = (name: string) =>
  openDB(name, REPLICA_VERSION - 1, {
    upgrade: (db, old, _new, tx) =>
      MIGRATIONS.slice(old, REPLICA_VERSION - 1).forEach((step) => step(db as never, tx as never)),
  });

describe('the replica of the team server’s view', () => {
  it('the previous version, with a trial org in it, migrates intact and gets an empty replica', async () => {
    const name = freshName();
    const before = await openBefore(name);
    await before.put('members', OWNER);
    await before.put('members', REP);
    await before.add('grantSets', { memberIds: ['rep'], workspaceIds: [1], grantedAt: 5, grantedBy: 'owner' });
    await before.put('session', { memberId: 'owner' }, 'signed-in');
    before.close();

    const db = await openOrgDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect(await db.getAll('members')).toEqual([OWNER, REP]);
    expect(await db.count('grantSets')).toBe(1);
    expect(await db.get('session', 'signed-in')).toEqual({ memberId: 'owner' });
    expect(await db.count('replica')).toBe(0);
    expect(await readReplica(db)).toBeUndefined();
    db.close();
  });

  it('keeps the last view and when the server answered with it, until cleared', async () => {
    const db = await openOrgDb(freshName());
    await saveReplica(db, ADMIN_VIEW, 1_900_000_000_000);
    await saveReplica(db, { ...ADMIN_VIEW, members: [OWNER] }, 1_900_000_060_000);
    expect(await readReplica(db)).toEqual({ view: { ...ADMIN_VIEW, members: [OWNER] }, at: 1_900_000_060_000 });
    await clearReplica(db);
    expect(await readReplica(db)).toBeUndefined();
    db.close();
  });

  it('a signed-out view keeps its `me` key', async () => {
    const db = await openOrgDb(freshName());
    await saveReplica(db, { ...ADMIN_VIEW, me: undefined, members: [] }, 1);
    const replica = await readReplica(db);
    expect(replica && 'me' in replica.view).toBe(true);
    db.close();
  });

  it('a stored shape this build does not know is not painted', async () => {
    const db = await openOrgDb(freshName());
    await db.put('replica', { view: { me: 'x' }, at: 1 } as never, 'view');
    expect(await readReplica(db)).toBeUndefined();
    db.close();
  });

  it('pages read it without creating the database', async () => {
    const never = freshName();
    expect(await readReplicaFast(never)).toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(never);
    const name = freshName();
    const db = await openOrgDb(name);
    await saveReplica(db, ADMIN_VIEW, 7);
    db.close();
    expect(await readReplicaFast(name)).toEqual({ view: ADMIN_VIEW, at: 7 });
  });
});
