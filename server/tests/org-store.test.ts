import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg, T0 } from '../../tests/fixtures/domain.ts';
import type { OrgStore } from '../../lib/features/store.ts';
import { connect, type Db } from '../db/connect.ts';
import { kyselyOrgStore } from '../store/org-store.ts';
import { seedOrg } from '../testing/seed.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

let database: Db;
let orgId: string;
let otherOrg: string;

beforeAll(async () => {
  database = connect(await testDatabaseUrl());
  orgId = await seedOrg(database.db, { members: [] });
  otherOrg = await seedOrg(database.db, { name: 'Other', members: [aMember({ id: 'x', email: 'x@example.org' })] });
});
afterAll(() => database.close());

/** Each test runs in a transaction that is rolled back, so tests do not see each other. */
async function inStore(work: (store: OrgStore) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await expect(
    database.db.transaction().execute(async (trx) => {
      await work(kyselyOrgStore(trx, orgId));
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

describe('the Kysely OrgStore honours the port', () => {
  it('members: put adds then replaces; get, byEmail, all; delete', () =>
    inStore(async (store) => {
      const ann = aMember({ id: 'ann', email: 'ann@example.com', role: 'admin', invitedAt: T0 });
      const bob = aMember({
        id: 'bob',
        email: 'bob@example.com',
        invitedAt: T0 + 1,
        invitedBy: 'ann',
        teams: ['Sales', 'EMEA'],
      });
      await store.members.put(ann);
      await store.members.put(bob);
      expect(await store.members.get('ann')).toEqual(ann);
      expect(await store.members.get('bob')).toEqual(bob);
      expect(await store.members.byEmail('bob@example.com')).toEqual(bob);
      expect(await store.members.get('nobody')).toBeUndefined();
      expect(await store.members.byEmail('x@example.org')).toBeUndefined(); // another org's member
      await store.members.put({ ...bob, role: 'admin', status: 'active' });
      expect((await store.members.get('bob'))?.role).toBe('admin');
      expect((await store.members.all()).map((m) => m.id)).toEqual(['ann', 'bob']);
      await store.members.delete('ann');
      await store.members.delete('x'); // another org's id: nothing happens
      expect((await store.members.all()).map((m) => m.id)).toEqual(['bob']);
    }));

  it('grants: add as one set, of, all, remove answers who had access, clear', () =>
    inStore(async (store) => {
      for (const id of ['a', 'b', 'c']) await store.members.put(aMember({ id }));
      await store.grants.add(['a', 'b'], { workspaceIds: [2, 3], grantedAt: T0, grantedBy: 'owner' });
      expect(await store.grants.of('a')).toEqual({
        memberId: 'a',
        workspaceIds: [2, 3],
        grantedAt: T0,
        grantedBy: 'owner',
      });
      expect(await store.grants.of('c')).toBeUndefined();
      expect((await store.grants.all()).map((g) => g.memberId)).toEqual(['a', 'b']);
      expect((await store.grants.remove(['b', 'c', 'x'])).sort()).toEqual(['b']);
      await store.grants.add(['c'], aGrant('c'));
      await store.grants.clear();
      expect(await store.grants.all()).toEqual([]);
      expect(await store.grants.remove([])).toEqual([]);
      // An empty selection grants nobody (and is no SQL error: an insert of no rows is not valid SQL).
      await store.grants.add([], aGrant('x'));
      expect(await store.grants.all()).toEqual([]);
    }));

  it('org: not connected until put, then as put', () =>
    inStore(async (store) => {
      expect(await store.org.get()).toEqual({ status: 'not-connected' });
      const connected = { status: 'connected' as const, connection: anOrg({ handoverTo: ['b'] }) };
      await store.org.put(connected);
      expect(await store.org.get()).toEqual(connected);
      await store.org.put({ status: 'disconnected', disconnectedAt: T0, disconnectedBy: 'owner' });
      expect(await store.org.get()).toEqual({ status: 'disconnected', disconnectedAt: T0, disconnectedBy: 'owner' });
    }));

  it('secret: what is put comes back as it was; delete forgets it', () =>
    inStore(async (store) => {
      expect(await store.secret.get()).toBeUndefined();
      const sealed = { v: 1, alg: 'A256GCM', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' };
      await store.secret.put(sealed);
      expect(await store.secret.get()).toEqual(sealed);
      await store.secret.delete();
      expect(await store.secret.get()).toBeUndefined();
    }));

  it('activity: add, recent and all newest first, with seq and details kept, a bulk line as one entry per member', () =>
    inStore(async (store) => {
      await store.activity.add({
        at: T0,
        actorId: 'ann',
        kind: 'member-invited',
        memberId: 'bob',
        details: { email: 'bob@example.com' },
      });
      await store.activity.add({
        at: T0 + 1,
        actorId: 'ann',
        kind: 'access-granted',
        memberIds: ['bob', 'cid'],
        details: { workspaceIds: [1, 2] },
      });
      await store.activity.add({ at: T0 + 2, actorId: 'ann', kind: 'org-disconnected' });
      const all = await store.activity.all();
      // As the trial backend reads them: the page's sentence names one member per entry.
      expect(all.map((e) => e.kind)).toEqual([
        'org-disconnected',
        'access-granted',
        'access-granted',
        'member-invited',
      ]);
      expect(all[0]).toEqual({ seq: expect.any(Number), at: T0 + 2, actorId: 'ann', kind: 'org-disconnected' });
      expect(all.slice(1, 3)).toEqual(
        ['bob', 'cid'].map((memberId) => ({
          seq: all[1]!.seq,
          at: T0 + 1,
          actorId: 'ann',
          kind: 'access-granted',
          memberId,
          details: { workspaceIds: [1, 2] },
        })),
      );
      expect(all[3]).toMatchObject({ memberId: 'bob', details: { email: 'bob@example.com' } });
      expect(all[0]!.seq!).toBeGreaterThan(all[1]!.seq!);
      expect((await store.activity.recent(2)).map((e) => e.kind)).toEqual(['org-disconnected', 'access-granted']);
    }));

  it('has no session: the server proves identity itself', () => {
    expect(kyselyOrgStore(database.db, orgId).session).toBeUndefined();
  });

  it("never reads another org's rows", async () => {
    const store = kyselyOrgStore(database.db, orgId);
    expect(await store.members.all()).toEqual([]);
    expect(await kyselyOrgStore(database.db, otherOrg).members.all()).toHaveLength(1);
  });
});
