import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../tests/fixtures/domain.ts';
import { anOrgFile } from '../../tests/fixtures/org-file.ts';
import { COMMANDS, type CommandName } from '../../lib/features/registry.ts';
import { startContractBackend, type ContractBackend } from '../testing/contract-backend.ts';
import { dumpOrg } from '../testing/dump.ts';
import { callCommand, httpRequest } from '../testing/http.ts';
import { kyselyOrgStore } from '../store/org-store.ts';
import { seedOrg } from '../testing/seed.ts';

// Org A (the contract backend's org) and org B on one server. B's owner and
// admin aim every command at A's ids: A must not change, and no answer may
// carry anything of A.
let a: ContractBackend;
let orgB: string;
let ownerB: string;
const A_IDS = ['owner', 'admin', 'rep'];

beforeAll(async () => {
  a = await startContractBackend({ connected: true });
  const now = a.server.clock.now();
  orgB = await seedOrg(a.server.db, {
    name: 'Bravo',
    members: [
      aMember({ id: 'b-owner', email: 'b-owner@example.org', role: 'admin', status: 'active' }),
      aMember({ id: 'b-rep', email: 'b-rep@example.org' }),
    ],
    org: {
      status: 'connected',
      connection: anOrg({
        ownerId: 'b-owner',
        connectedAt: now - 3_600_000,
        restBaseUrl: a.marketo.restBaseUrl,
        identityBaseUrl: a.marketo.identityBaseUrl,
      }),
    },
  });
  ownerB = await a.server.signIn('b-owner@example.org');
});
afterAll(() => a.close());

const inputsAimedAtA = (): Record<CommandName, unknown[]> => ({
  getState: [{}],
  previewAs: [{ memberId: 'owner' }, { memberId: 'rep' }],
  getActivity: [{}],
  signIn: [{ name: 'X', email: 'owner@example.com' }],
  signOut: [{}],
  inviteMember: [{ name: 'Copy Of Owner', email: 'owner@example.com' }],
  inviteMembers: [{ rows: [{ name: 'Copy', email: 'admin@example.com' }] }],
  updateMember: [
    { memberId: 'rep', role: 'admin' },
    { memberId: 'owner', teams: ['Sales'] },
  ],
  removeMember: [{ memberId: 'rep' }, { memberId: 'admin' }],
  claimOrg: [{ token: 'not-a-claim', orgName: 'Copy of A', name: 'Copy', email: 'owner@example.com' }],
  // A's own people in a file: with no printed link, no org is made and A is untouched.
  importOrg: [{ token: 'not-a-claim', file: anOrgFile({ org: { name: 'Copy of A' } }) }],
  exportOrg: [{}],
  connectOrg: [a.marketo],
  disconnectOrg: [{}],
  getIdentitySettings: [{}],
  setIdentityProvider: [
    { name: 'Okta', issuer: 'http://127.0.0.1:9/oidc', clientId: 'a', clientSecret: 'b', domains: ['example.com'] },
  ],
  removeIdentityProvider: [{}],
  setLoginPolicy: [{ policy: 'sso-only' }, { policy: 'codes-and-passkeys' }],
  refreshWorkspaces: [{}],
  grantAccess: [{ memberIds: A_IDS, workspaceIds: [] }],
  removeAccess: [{ memberIds: A_IDS }],
  changeWorkspaces: [{ memberIds: A_IDS, workspaceIds: [2] }],
  // SCIM tokens are per org; the directory's commands refuse every member (server/tests/scim-isolation.test.ts
  // shows a token of one org reaching nothing of another).
  listDirectoryTokens: [{}],
  createDirectoryToken: [{ name: 'Okta' }],
  revokeDirectoryToken: [{ tokenId: 'a-token' }],
  readDirectory: [{}],
  provisionMember: [{ email: 'owner@example.com', name: { displayName: 'Copy' } }],
  changeDirectoryMember: [{ memberId: 'rep', active: false }],
  removeDirectoryMember: [{ memberId: 'rep' }],
  createDirectoryTeam: [{ name: 'Sales', memberIds: A_IDS }],
  changeDirectoryTeam: [{ teamId: 'a-team', memberIds: A_IDS }],
  removeDirectoryTeam: [{ teamId: 'a-team' }],
});

describe('no reads or writes across orgs', () => {
  it('covers every command of the registry', () => {
    expect(Object.keys(inputsAimedAtA()).sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it("changes nothing of org A and reveals nothing of it, whatever B's owner sends", async () => {
    const before = await a.dump();
    const answers: unknown[] = [];
    const invitations = new Set<number>();
    const codes: Record<string, string[]> = {};
    for (const [name, inputs] of Object.entries(inputsAimedAtA())) {
      for (const input of inputs) {
        const answer = await callCommand(a.server.url, name, input, { token: ownerB });
        if (name === 'inviteMember' || name === 'inviteMembers') invitations.add(answers.length);
        answers.push(answer.body);
        (codes[name] ??= []).push(answer.body.ok ? 'ok' : answer.body.error.code);
      }
    }
    expect(codes).toMatchObject({
      getState: ['ok'],
      previewAs: ['member-unknown', 'member-unknown'],
      claimOrg: ['not-invited'],
      importOrg: ['not-invited'],
      exportOrg: ['ok'],
      signIn: ['unknown-command'],
      // A's people invited into B: B's own members now (one person may be in both orgs); A is untouched.
      inviteMember: ['ok'],
      inviteMembers: ['ok'],
      updateMember: ['member-unknown', 'member-unknown'],
      removeMember: ['member-unknown', 'member-unknown'],
      removeAccess: ['ok'],
    });
    expect(await a.dump()).toEqual(before);
    const text = JSON.stringify(answers);
    // A's emails are no secret of A's any more: B's owner typed them, and B's own invitees have them now. A's
    // names, ids' org and anything before those invitations are.
    for (const secret of ['Olivia Owner', 'Adam Admin', 'Rita Rep', a.orgId]) expect(text).not.toContain(secret);
    expect(JSON.stringify(answers.slice(0, Math.min(...invitations)))).not.toMatch(
      /owner@example\.com|admin@example\.com|rep@example\.com/,
    );
    // B's own org did change: the same emails are B's members too, under B's own ids.
    const b = await dumpOrg(a.server.db, orgB);
    expect(b.members.map((m) => (m as { email: string }).email).sort()).toEqual([
      'admin@example.com',
      'b-owner@example.org',
      'b-rep@example.org',
      'owner@example.com',
    ]);
  });

  it("B's view lists only B", async () => {
    const state = await callCommand(a.server.url, 'getState', {}, { token: ownerB });
    const members = state.body.value.members as { id: string; name: string }[];
    expect(members.map((m) => m.id)).toEqual(expect.arrayContaining(['b-owner', 'b-rep']));
    // Besides B's own, only the people B's owner invited above, under B's ids and the names B gave them.
    expect(
      members
        .filter((m) => !m.id.startsWith('b-'))
        .map((m) => m.name)
        .sort(),
    ).toEqual(['Copy', 'Copy Of Owner']);
  });
});

// Org C shares A's member ids ('owner', 'admin', 'rep'), has grants and an activity log naming people, as a real
// org does. C's admins work on their own members: every query that forgot its org would reach A's rows of the
// same id (a grant removed, a member deleted, a session ended, a log line or a stored answer shown).
describe('an org whose member ids collide with another’s', () => {
  let orgC: string;
  const tokens: Record<string, string> = {};
  const KEY = '6f0c1f5e-8f7a-4d3b-9c2e-1a2b3c4d5e6f';

  beforeAll(async () => {
    const now = a.server.clock.now();
    // A: a grant and named log lines, and an answer stored under KEY.
    tokens.aOwner = await a.server.signIn('owner@example.com');
    tokens.aAdmin = await a.server.signIn('admin@example.com');
    tokens.aRep = await a.server.signIn('rep@example.com');
    const invited = await callCommand(
      a.server.url,
      'inviteMember',
      { name: 'Ines Alpha', email: 'ines@example.com' },
      { token: tokens.aOwner, key: KEY },
    );
    expect(invited.body.ok).toBe(true);
    const granted = await a.callers.owner('grantAccess', { memberIds: ['rep', 'admin'], workspaceIds: [] });
    expect(granted.ok).toBe(true);

    orgC = await seedOrg(a.server.db, {
      name: 'Charlie',
      members: [
        aMember({ id: 'owner', name: 'Cora Owner', email: 'c-owner@example.net', role: 'admin', status: 'active' }),
        // The same ids as A's, with the other role: A's 'admin' is an admin and its 'rep' a rep; here the reverse.
        aMember({ id: 'admin', name: 'Cal User', email: 'c-admin@example.net', status: 'active' }),
        aMember({ id: 'rep', name: 'Cid Admin', email: 'c-rep@example.net', role: 'admin', status: 'active' }),
      ],
      org: {
        status: 'connected',
        connection: anOrg({
          ownerId: 'owner',
          connectedAt: now - 3_600_000,
          restBaseUrl: a.marketo.restBaseUrl,
          identityBaseUrl: a.marketo.identityBaseUrl,
        }),
      },
    });
    const store = kyselyOrgStore(a.server.db, orgC);
    await store.grants.add(['rep', 'admin'], { workspaceIds: [], grantedAt: now - 1_000, grantedBy: 'owner' });
    await store.activity.add({
      at: now - 2_000,
      actorId: 'owner',
      kind: 'member-invited',
      memberId: 'rep',
      details: { email: 'c-rep@example.net' },
    });
    tokens.cOwner = await a.server.signIn('c-owner@example.net');
    tokens.cAdmin = await a.server.signIn('c-admin@example.net');
    tokens.cRep = await a.server.signIn('c-rep@example.net');
  });

  const A_SECRETS = () => [
    'owner@example.com',
    'admin@example.com',
    'rep@example.com',
    'ines@example.com',
    'Olivia Owner',
    'Rita Rep',
    'Ines Alpha',
    a.orgId,
  ];

  it('GET /api/activity: C reads only C’s lines, in every format, even asking for A’s member ids', async () => {
    const read = (query: string, token = tokens.cOwner) =>
      httpRequest(`${a.server.url}/api/activity${query}`, { headers: { authorization: `Bearer ${token}` } });
    const texts: string[] = [];
    for (const query of ['', '?format=csv', '?format=jsonl', '?member=rep', '?member=admin&format=jsonl']) {
      const answer = await read(query);
      expect(answer.status, query).toBe(200);
      texts.push(answer.text);
    }
    const [page] = texts.map((text) => JSON.parse(text.startsWith('{"ok"') ? text : '{}'));
    const emails = page.value.entries.map((e: { member?: { email?: string } }) => e.member?.email);
    expect(emails).toContain('c-rep@example.net');
    expect(emails.every((email: string) => email.endsWith('@example.net'))).toBe(true);
    expect(texts[1]).toContain('Cid Admin');
    for (const secret of A_SECRETS()) expect(texts.join('\n')).not.toContain(secret);
    // C's "admin" is a rep in C (A's member of that id is an admin): refused, as a rep.
    const asCal = await read('', tokens.cAdmin);
    expect([asCal.status, JSON.parse(asCal.text).error.code]).toEqual([403, 'not-admin']);
    // A's owner reads A's lines, none of C's.
    const fromA = await read('?format=jsonl', tokens.aOwner);
    expect(fromA.text).toContain('Rita Rep');
    expect(fromA.text).not.toContain('c-rep@example.net');
  });

  it('reads: C sees its own session, members, grants and log, nothing of A', async () => {
    const answers = [
      await callCommand(a.server.url, 'getState', {}, { token: tokens.cOwner }),
      await callCommand(a.server.url, 'getActivity', {}, { token: tokens.cOwner }),
      await callCommand(a.server.url, 'getState', {}, { token: tokens.cRep }),
    ];
    const [state, activity] = answers.map((x) => x.body.value);
    expect(state.members.map((m: { email: string }) => m.email).sort()).toEqual([
      'c-admin@example.net',
      'c-owner@example.net',
      'c-rep@example.net',
    ]);
    expect(state.grants.map((g: { memberId: string }) => g.memberId).sort()).toEqual(['admin', 'rep']);
    expect(JSON.stringify(activity)).toContain('c-rep@example.net');
    for (const [token, email, orgName, orgId] of [
      [tokens.cOwner, 'c-owner@example.net', 'Charlie', orgC],
      [tokens.cRep, 'c-rep@example.net', 'Charlie', orgC],
      [tokens.aOwner, 'owner@example.com', 'Acme', a.orgId],
      [tokens.aRep, 'rep@example.com', 'Acme', a.orgId],
    ] as const) {
      const session = await (
        await fetch(`${a.server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect({ email: session.member?.email, orgName: session.orgName, orgId: session.orgId }).toEqual({
        email,
        orgName,
        orgId,
      });
    }
    const text = JSON.stringify(answers.map((x) => x.body));
    for (const secret of A_SECRETS()) expect(text).not.toContain(secret);
  });

  it('writes: C removes access, changes a role and removes its own members and reuses an idempotency key of A; A is untouched', async () => {
    const status = async (token: string) =>
      (await fetch(`${a.server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status;
    // A new team for A's rep (C's 'rep' is an admin): A's rep keeps their session, as their role did not change.
    const teamsA = await callCommand(
      a.server.url,
      'updateMember',
      { memberId: 'rep', teams: ['Field'] },
      { token: tokens.aOwner },
    );
    expect(teamsA.body.ok).toBe(true);
    expect(await status(tokens.aRep!)).toBe(200);

    const before = await a.dump();
    const call = (name: string, input: unknown, key?: string) =>
      callCommand(a.server.url, name, input, { token: tokens.cOwner, ...(key && { key }) });
    const answers = [
      await call('removeAccess', { memberIds: ['rep'] }),
      // C's 'admin' is a rep (A's is an admin): a new team leaves their session alone.
      await call('updateMember', { memberId: 'admin', teams: ['Field'] }),
    ];
    expect(await status(tokens.cAdmin!)).toBe(200);
    answers.push(
      await call('updateMember', { memberId: 'rep', role: 'user' }),
      await call('removeMember', { memberId: 'admin' }),
      // The same key as A's invitation, for the same command: C's own invitation is made and answered.
      await call('inviteMember', { name: 'Cleo Charlie', email: 'cleo@example.net' }, KEY),
    );
    expect(answers.map((x) => (x.body.ok ? 'ok' : x.body.error.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(answers[4]!.body.value).toMatchObject({ name: 'Cleo Charlie', email: 'cleo@example.net' });
    const text = JSON.stringify(answers.map((x) => x.body));
    for (const secret of A_SECRETS()) expect(text).not.toContain(secret);

    expect(await a.dump()).toEqual(before);
    // A's sessions of the same member ids are still good; C's rep (new role) and admin (removed) are signed out.
    expect([await status(tokens.aAdmin!), await status(tokens.aRep!), await status(tokens.aOwner!)]).toEqual([
      200, 200, 200,
    ]);
    expect([await status(tokens.cAdmin!), await status(tokens.cRep!), await status(tokens.cOwner!)]).toEqual([
      401, 401, 200,
    ]);
    const c = await dumpOrg(a.server.db, orgC);
    expect(c.members.map((m) => (m as { email: string }).email).sort()).toEqual([
      'c-owner@example.net',
      'c-rep@example.net',
      'cleo@example.net',
    ]);
    expect(c.grants).toEqual([]);
  });
});
