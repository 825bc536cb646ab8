import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { ORG_HEADER } from '../auth/memberships.ts';
import { hashToken } from '../claim/owner-claim.ts';
import { dumpOrg } from '../testing/dump.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { seedOrg } from '../testing/seed.ts';
import { startTestServer, type TestServer } from '../testing/start-test-server.ts';

// One person, two memberships: Pat is an admin of Alpha and a rep of Bravo, under the same member id in both (a
// lookup that forgot the org would find the other). Each session speaks for one of them.
let t: TestServer;
let alpha: string;
let bravo: string;
const PAT = 'pat@example.com';

beforeAll(async () => {
  t = await startTestServer();
  const now = t.clock.now();
  alpha = await seedOrg(
    t.db,
    {
      name: 'Alpha',
      members: [
        aMember({ id: 'a-owner', name: 'Ada Owner', email: 'ada@example.com', role: 'admin', status: 'active' }),
        aMember({ id: 'pat', name: 'Pat Person', email: PAT, role: 'admin', status: 'active' }),
        aMember({ id: 'a-rep', name: 'Al Rep', email: 'al@example.com' }),
      ],
    },
    now - 2,
  );
  bravo = await seedOrg(
    t.db,
    {
      name: 'Bravo',
      members: [
        aMember({ id: 'b-owner', name: 'Bo Owner', email: 'bo@example.com', role: 'admin', status: 'active' }),
        aMember({ id: 'pat', name: 'Pat Person', email: PAT, role: 'user', status: 'active' }),
        aMember({ id: 'b-rep', name: 'Bea Rep', email: 'bea@example.com' }),
      ],
    },
    now - 1,
  );
}, 60_000);
afterAll(() => t?.close());

const session = async (token: string) => {
  const answer = await httpRequest(`${t.url}/api/session`, { headers: { authorization: `Bearer ${token}` } });
  return { status: answer.status, body: answer.status === 200 ? JSON.parse(answer.text) : undefined };
};

const switchOrg = (token: string, orgId: string) =>
  httpRequest(`${t.url}/api/auth/switch-org`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [ORG_HEADER]: orgId },
    body: '{}',
  });

const code = (answer: { body: { ok: boolean; error?: { code: string } } }) =>
  answer.body.ok ? 'ok' : answer.body.error!.code;

describe('a person in two orgs', () => {
  it('signs in to the org they chose, or without a choice to their first; the session lists both memberships', async () => {
    const first = await session(await t.signIn(PAT));
    expect(first.body).toMatchObject({ orgId: alpha, orgName: 'Alpha', member: { id: 'pat', role: 'admin' } });
    expect(first.body.memberships).toEqual([
      { orgId: alpha, orgName: 'Alpha', role: 'admin' },
      { orgId: bravo, orgName: 'Bravo', role: 'user' },
    ]);
    const chosen = await session(await t.signIn(PAT, bravo));
    expect(chosen.body).toMatchObject({ orgId: bravo, orgName: 'Bravo', member: { id: 'pat', role: 'user' } });
    // A remembered org the person is no longer in: their first, as without a choice.
    const stale = await session(await t.signIn(PAT, 'not-an-org'));
    expect(stale.body.orgId).toBe(alpha);
    // Someone else's org: never a session there.
    const elsewhere = await session(await t.signIn('al@example.com', bravo));
    expect(elsewhere.body).toMatchObject({ orgId: alpha, memberships: [{ orgId: alpha, role: 'user' }] });
  });

  it('a session for membership B is a rep of B: admin commands refused, nothing of A visible or changed', async () => {
    const inB = await t.signIn(PAT, bravo);
    const [aBefore, bBefore] = await Promise.all([dumpOrg(t.db, alpha), dumpOrg(t.db, bravo)]);
    for (const [name, input] of [
      ['inviteMember', { name: 'Nia New', email: 'nia@example.com' }],
      ['removeMember', { memberId: 'a-rep' }],
      ['removeMember', { memberId: 'b-rep' }],
      ['updateMember', { memberId: 'a-rep', role: 'admin' }],
      ['getActivity', {}],
      ['previewAs', { memberId: 'a-rep' }],
      ['exportOrg', {}],
    ] as const)
      expect(code(await callCommand(t.url, name, input, { token: inB })), name).toBe('not-admin');
    const state = await callCommand(t.url, 'getState', {}, { token: inB });
    expect(state.body.value.me).toMatchObject({ id: 'pat', role: 'user' });
    expect(JSON.stringify(state.body)).not.toMatch(/Alpha|a-owner|a-rep|al@example\.com/);
    const activity = await httpRequest(`${t.url}/api/activity`, { headers: { authorization: `Bearer ${inB}` } });
    expect(activity.status).toBe(403);
    expect([await dumpOrg(t.db, alpha), await dumpOrg(t.db, bravo)]).toEqual([aBefore, bBefore]);
  });

  it('a session for membership A (admin) cannot read or write org B', async () => {
    const inA = await t.signIn(PAT, alpha);
    const bBefore = await dumpOrg(t.db, bravo);
    for (const [name, input] of [
      ['removeMember', { memberId: 'b-rep' }],
      ['updateMember', { memberId: 'b-rep', role: 'admin' }],
      ['previewAs', { memberId: 'b-rep' }],
    ] as const)
      expect(code(await callCommand(t.url, name, input, { token: inA })), name).toBe('member-unknown');
    // A bulk grant skips whoever is not A's member (the org is not connected: nobody is granted anyway).
    const grant = await callCommand(t.url, 'grantAccess', { memberIds: ['b-rep'], workspaceIds: [] }, { token: inA });
    expect(grant.body.ok ? grant.body.value.granted : 0).toBe(0);
    const state = await callCommand(t.url, 'getState', {}, { token: inA });
    expect(state.body.value.me).toMatchObject({ id: 'pat', role: 'admin' });
    expect(JSON.stringify(state.body)).not.toMatch(/Bravo|b-owner|b-rep|bea@example\.com/);
    const activity = await httpRequest(`${t.url}/api/activity?format=jsonl`, {
      headers: { authorization: `Bearer ${inA}` },
    });
    expect(activity.status).toBe(200);
    expect(activity.text).not.toMatch(/b-owner|b-rep|bea@example\.com/);
    // Invited in A, a new member is A's alone.
    expect(
      code(await callCommand(t.url, 'inviteMember', { name: 'Ned', email: 'ned@example.com' }, { token: inA })),
    ).toBe('ok');
    expect(await dumpOrg(t.db, bravo)).toEqual(bBefore);
  });

  it('switching org is a new session for the other membership; the old one ends; an org not theirs is refused', async () => {
    const inA = await t.signIn(PAT, alpha);
    const refused = await switchOrg(inA, (await seedOrg(t.db, { name: 'Charlie', members: [] })) as string);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toMatchObject({
      code: 'NOT_A_MEMBER',
      message: 'You are not a member of that org on this team server.',
    });
    expect(refused.headers.get('set-auth-token')).toBeNull();
    expect((await session(inA)).status).toBe(200);

    const switched = await switchOrg(inA, bravo);
    expect(switched.status).toBe(200);
    expect(JSON.parse(switched.text)).toEqual({ orgId: bravo });
    const inB = switched.headers.get('set-auth-token')!;
    expect(inB).toMatch(/\./);
    expect((await session(inA)).status).toBe(401);
    expect((await session(inB)).body).toMatchObject({ orgId: bravo, member: { id: 'pat', role: 'user' } });
    // Without a session there is nothing to switch from.
    expect((await switchOrg('nobody.signature', alpha)).status).toBe(401);
  });

  it('removing a membership, or changing its role, ends only that membership’s sessions', async () => {
    const [inA, inB] = [await t.signIn(PAT, alpha), await t.signIn(PAT, bravo)];
    const boB = await t.signIn('bo@example.com');
    expect(code(await callCommand(t.url, 'updateMember', { memberId: 'pat', role: 'admin' }, { token: boB }))).toBe(
      'ok',
    );
    expect([(await session(inA)).status, (await session(inB)).status]).toEqual([200, 401]);
    const inB2 = await t.signIn(PAT, bravo);
    expect((await session(inB2)).body.member.role).toBe('admin');
    expect(code(await callCommand(t.url, 'removeMember', { memberId: 'pat' }, { token: boB }))).toBe('ok');
    expect([(await session(inA)).status, (await session(inB2)).status]).toEqual([200, 401]);
    expect((await session(inA)).body.memberships).toEqual([{ orgId: alpha, orgName: 'Alpha', role: 'admin' }]);
    // Invited again in B, as a rep: an email another org has is no obstacle.
    expect(code(await callCommand(t.url, 'inviteMember', { name: 'Pat Person', email: PAT }, { token: boB }))).toBe(
      'ok',
    );
    expect((await session(inA)).body.memberships.map((m: { orgName: string }) => m.orgName)).toEqual([
      'Alpha',
      'Bravo',
    ]);
  });

  it('the owner link makes an org whose owner is already a member of another org', async () => {
    // A link as the operator issues one on a server that has orgs already (see docs/server.md).
    const token = randomBytes(32).toString('base64url');
    await t.db
      .insertInto('owner_claims')
      .values({ token_hash: hashToken(token), created_at: t.clock.now() })
      .execute();
    const claimed = await callCommand(t.url, 'claimOrg', {
      token,
      orgName: 'Delta',
      name: 'Bea Rep',
      email: 'bea@example.com',
    });
    expect(code(claimed)).toBe('ok');
    const memberships = (await session(await t.signIn('bea@example.com'))).body.memberships;
    expect(memberships.map((m: { orgName: string; role: string }) => `${m.orgName}:${m.role}`)).toEqual([
      'Bravo:user',
      'Delta:admin',
    ]);
  });
  it('a membership the company directory deactivated is not signed into, listed or switched to; the other one still is', async () => {
    const deactivate = (orgId: string) =>
      t.db
        .updateTable('members')
        .set({ status: 'deactivated' })
        .where('org_id', '=', orgId)
        .where('email', '=', PAT)
        .execute();
    await deactivate(bravo);
    // Bravo chosen, and Bravo deactivated: the code still goes out (Alpha may sign in), and the session is Alpha's.
    const inA = await t.signIn(PAT, bravo);
    const signedIn = await session(inA);
    expect(signedIn.body).toMatchObject({ orgId: alpha, member: { id: 'pat' } });
    expect(signedIn.body.memberships.map((m: { orgName: string }) => m.orgName)).toEqual(['Alpha']);
    expect((await switchOrg(inA, bravo)).status).toBe(403);
    // Deactivated everywhere: no org signs them in.
    await deactivate(alpha);
    await expect(t.signIn(PAT)).rejects.toThrow(/refused/);
  });
});
