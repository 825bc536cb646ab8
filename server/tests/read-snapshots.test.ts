import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { callCommand } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';
import { testDatabaseUrl } from '../testing/test-database.ts';

// Each process keeps what reads answered at an org's current version (server/store/read-snapshots.ts). Two server
// processes on one database: a change made on one is read on the other by the very next read (the version is
// read from the database each time); each member reads their own view from what another member's read kept.
let a: TestServer;
let b: TestServer;
let alpha: string;
let owner: string;
let ron: string;
let rae: string;
let bo: string;

beforeAll(async () => {
  const databaseUrl = await testDatabaseUrl();
  const vaultKey = randomBytes(32);
  [a, b] = await Promise.all([startTestServer({ databaseUrl, vaultKey }), startTestServer({ databaseUrl, vaultKey })]);
  alpha = await seedOrg(a.db, {
    name: 'Alpha',
    members: [
      aMember({ id: 'owner', name: 'Olivia Owner', email: 'owner@example.com', role: 'admin', status: 'active' }),
      aMember({ id: 'ron', name: 'Ron Rep', email: 'ron@example.com', status: 'active' }),
      aMember({ id: 'rae', name: 'Rae Rep', email: 'rae@example.com', status: 'active' }),
    ],
    org: { status: 'connected', connection: anOrg({ ownerId: 'owner', connectedAt: Date.now() - 7 * 86_400_000 }) },
  });
  await seedOrg(a.db, {
    name: 'Bravo',
    members: [aMember({ id: 'owner', name: 'Bo Owner', email: 'bo@example.org', role: 'admin', status: 'active' })],
  });
  owner = await a.signIn('owner@example.com');
  ron = await a.signIn('ron@example.com');
  rae = await a.signIn('rae@example.com');
  bo = await a.signIn('bo@example.org');
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const view = async (url: string, token: string) => (await callCommand(url, 'getState', {}, { token })).body.value;

describe('reads kept per org version', () => {
  it('a change made on one process is in the very next read on the other', async () => {
    expect((await view(a.url, ron)).grants).toEqual([]);
    const granted = await callCommand(
      b.url,
      'grantAccess',
      { memberIds: ['ron'], workspaceIds: [1] },
      { token: owner },
    );
    expect(granted.body.value.granted).toBe(1);
    expect((await view(a.url, ron)).grants.map((g: { memberId: string }) => g.memberId)).toEqual(['ron']);
    const teams = await callCommand(b.url, 'updateMember', { memberId: 'ron', teams: ['Sales'] }, { token: owner });
    expect(teams.body.ok).toBe(true);
    expect((await view(a.url, ron)).me.teams).toEqual(['Sales']);
  });

  it('each member reads their own view from what another’s read kept; another org reads its own', async () => {
    const ronView = await view(a.url, ron);
    const raeView = await view(a.url, rae);
    expect(raeView.me.id).toBe('rae');
    expect(raeView.members.map((m: { id: string }) => m.id)).toEqual(['rae']);
    expect(raeView.grants).toEqual([]);
    expect(ronView.me.id).toBe('ron');
    // Two orgs at the same version: what one's read kept never answers the other.
    const { version } = await a.db
      .selectFrom('orgs')
      .select('version')
      .where('id', '=', alpha)
      .executeTakeFirstOrThrow();
    await a.db.updateTable('orgs').set({ version }).where('id', '!=', alpha).execute();
    const admin = await view(a.url, owner);
    expect(admin.members.map((m: { id: string }) => m.id).sort()).toEqual(['owner', 'rae', 'ron']);
    const bravo = await view(a.url, bo);
    expect(bravo.me.name).toBe('Bo Owner');
    expect(bravo.members.map((m: { name: string }) => m.name)).toEqual(['Bo Owner']);
  });

  it('answers from what it kept while the version stands, and reads again once it moves', async () => {
    expect((await view(a.url, rae)).me.name).toBe('Rae Rep');
    // Behind the server's back, without moving the version (every command's write moves it): still the kept read.
    await a.db.updateTable('members').set({ name: 'Rae Renamed' }).where('id', '=', 'rae').execute();
    expect((await view(a.url, rae)).me.name).toBe('Rae Rep');
    await a.db
      .updateTable('orgs')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', alpha)
      .execute();
    expect((await view(a.url, rae)).me.name).toBe('Rae Renamed');
  });
});
