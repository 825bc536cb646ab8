import { describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg, T0 } from '../../../tests/fixtures/domain.ts';
import { anOrgFile } from '../../../tests/fixtures/org-file.ts';
import type { Member } from '../../domain/member.ts';
import { MAX_FILE_ACTIVITY } from './file.ts';
import { decideExport, orgFileOf, planImport } from './rules.ts';

const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);
const withMembers = (members: Member[]) => anOrgFile({ members, grants: [] });
const owner = aMember({ id: 'owner', role: 'admin' });

describe('who may export the org', () => {
  it.each<[string, string, Member, Parameters<typeof decideExport>[1]]>([
    ['the owner of the connection', 'ok', owner, { status: 'connected', connection: anOrg() }],
    [
      'another admin, once connected',
      'not-owner',
      aMember({ id: 'a2', role: 'admin' }),
      { status: 'connected', connection: anOrg() },
    ],
    ['any admin, before a connection', 'ok', aMember({ id: 'a2', role: 'admin' }), { status: 'not-connected' }],
  ])('%s → %s', (_case, expected, actor, org) => {
    expect(code(decideExport(actor, org))).toBe(expected);
  });
});

describe('the export file', () => {
  it('never holds the client secret, nor a sign that one is needed', () => {
    const file = orgFileOf(
      {
        members: [owner],
        grants: [],
        // Whatever a store hands over beside the connection's fields stays out of the file.
        org: {
          status: 'connected',
          connection: { ...anOrg(), needsSecret: true, clientSecret: 'shh' } as ReturnType<typeof anOrg>,
        },
        activity: [],
      },
      T0,
    );
    expect(JSON.stringify(file)).not.toMatch(/secret/i);
    expect(file.connection).toMatchObject({ status: 'connected', connection: { munchkinId: '123-ABC-456' } });
  });

  it('lists members and grants in an order that does not depend on ids, and the log oldest first', () => {
    const [b, a] = [aMember({ id: 'z', email: 'b@example.com' }), aMember({ id: 'y', email: 'a@example.com' })];
    const file = orgFileOf(
      {
        members: [b, a],
        grants: [aGrant('z'), aGrant('y')],
        org: { status: 'connected', connection: anOrg() },
        activity: [
          { seq: 2, at: 2, actorId: 'z', kind: 'signed-in', memberId: 'z' },
          { seq: 1, at: 1, actorId: 'y', kind: 'signed-in', memberId: 'y' },
        ],
      },
      T0,
    );
    expect(file.members.map((m) => m.email)).toEqual(['a@example.com', 'b@example.com']);
    expect(file.grants.map((g) => g.memberId)).toEqual(['y', 'z']);
    expect(file.activity).toEqual([
      { at: 1, actorId: 'y', kind: 'signed-in', memberId: 'y' },
      { at: 2, actorId: 'z', kind: 'signed-in', memberId: 'z' },
    ]);
    expect(file.teams).toEqual(['Everyone']);
  });

  it('keeps the newest lines of a log longer than a file holds, and says older ones were left out', () => {
    const line = (at: number) => ({ seq: at, at, actorId: 'owner', kind: 'signed-in' as const, memberId: 'owner' });
    const newestFirst = Array.from({ length: MAX_FILE_ACTIVITY + 1 }, (_, i) => line(MAX_FILE_ACTIVITY - i));
    const file = orgFileOf(
      { members: [owner], grants: [], org: { status: 'not-connected' }, activity: newestFirst },
      T0,
    );
    expect(file.activity).toHaveLength(MAX_FILE_ACTIVITY);
    expect([file.activity[0]!.at, file.activity.at(-1)!.at]).toEqual([1, MAX_FILE_ACTIVITY]);
    expect(file.activityTruncated).toBe(true);
    const whole = orgFileOf(
      { members: [owner], grants: [], org: { status: 'not-connected' }, activity: newestFirst.slice(1) },
      T0,
    );
    expect(whole).not.toHaveProperty('activityTruncated');
  });
});

describe('importing a file: all of it is checked first', () => {
  const many = (n: number) => [
    owner,
    ...Array.from({ length: n - 1 }, (_, i) => aMember({ id: `m${i}`, email: `m${i}@example.com` })),
  ];
  const { connection: _c, ...noFormat } = anOrgFile();
  it.each<[string, string, unknown]>(
    (
      [
        ['a valid file', anOrgFile(), 'ok'],
        ['not an object', '[]', 'import-file-invalid'],
        ['another format', { ...anOrgFile(), format: 'something-else' }, 'import-file-invalid'],
        ['a newer version', { ...anOrgFile(), version: 2 }, 'import-version-unknown'],
        [
          'a client secret beside the connection',
          anOrgFile({
            connection: { status: 'connected', connection: { ...anOrgFile().connection, clientSecret: 's' } as never },
          }),
          'import-has-secret',
        ],
        ['a secret anywhere', { ...anOrgFile(), clientSecret: 's' }, 'import-has-secret'],
        ['a field this version does not know', { ...anOrgFile(), extra: 1 }, 'import-file-invalid'],
        ['a part missing', noFormat, 'import-file-invalid'],
        ['100 members', withMembers(many(100)), 'ok'],
        ['101 members: past the seats', withMembers(many(101)), 'seats-full'],
        [
          '21 teams',
          withMembers([owner, ...Array.from({ length: 20 }, (_, i) => aMember({ id: `t${i}`, teams: [`Team ${i}`] }))]),
          'teams-full',
        ],
        ['an email twice', withMembers([owner, aMember({ id: 'x', email: 'OWNER@example.com' })]), 'email-duplicate'],
        ['an id twice', withMembers([owner, aMember({ id: 'owner', email: 'x@example.com' })]), 'import-file-invalid'],
        ['a malformed email', withMembers([owner, aMember({ id: 'x', email: 'not an email' })]), 'email-has-space'],
        ['an empty name', withMembers([owner, aMember({ id: 'x', name: '  ' })]), 'name-missing'],
        ['a look-alike name', withMembers([owner, aMember({ id: 'x', name: 'Вob' })]), 'name-mixed-scripts'],
        [
          'no admin',
          anOrgFile({ members: [aMember({ id: 'r' })], grants: [], connection: { status: 'not-connected' } }),
          'import-no-admin',
        ],
        ['a grant for someone not in the file', anOrgFile({ grants: [aGrant('gone')] }), 'import-member-unknown'],
        ['a member granted twice', anOrgFile({ grants: [aGrant('rep'), aGrant('rep')] }), 'import-file-invalid'],
        [
          'grants without an org connection',
          anOrgFile({ connection: { status: 'not-connected' } }),
          'import-file-invalid',
        ],
        [
          'an owner who is not an admin of the file',
          anOrgFile({ connection: { ...anOrgFile().connection, connection: { ...anOrg(), ownerId: 'rep' } } as never }),
          'import-file-invalid',
        ],
        ['no org name at all', anOrgFile({ org: {} }), 'org-name-missing'],
      ] as [string, unknown, string][]
    ).map(([c, file, expected]) => [c, expected, file]),
  )('%s → %s', (_case, expected, file) => {
    expect(code(planImport(file, undefined, counter()))).toBe(expected);
  });

  it('gives every id a new one, the same wherever it appears, and keeps history of people since removed', () => {
    const plan = planImport(anOrgFile(), undefined, counter());
    if (!plan.ok) throw new Error(plan.problem.message);
    const { members, grantSets, org, activity, signInAs, orgName } = plan.value;
    const idOf = (email: string) => members.find((m) => m.email === email)!.id;
    expect(orgName).toBe('Acme');
    expect(members.map((m) => m.id).every((id) => id.startsWith('new-'))).toBe(true);
    expect(members.find((m) => m.email === 'rep@example.com')!.invitedBy).toBe(idOf('owner@example.com'));
    expect(grantSets).toEqual([
      {
        memberIds: [idOf('rep@example.com')],
        grant: { workspaceIds: [2], grantedAt: T0 + 700_000, grantedBy: idOf('owner@example.com') },
      },
    ]);
    expect(org).toMatchObject({
      status: 'connected',
      connection: { ownerId: idOf('owner@example.com'), needsSecret: true, connectedAt: T0, munchkinId: '123-ABC-456' },
    });
    expect(signInAs.email).toBe('owner@example.com');
    // The removed member's line stays, under an id of its own that names nobody.
    const removed = activity.find((line) => line.kind === 'member-removed')!;
    expect(removed.details).toEqual({ email: 'gone@example.com' });
    expect(members.map((m) => m.id)).not.toContain(removed.memberId);
    expect(activity.find((line) => line.kind === 'access-granted')!.memberIds).toEqual([idOf('rep@example.com')]);
  });

  it('takes the name typed on the server over the file’s', () => {
    const plan = planImport(anOrgFile({ org: {} }), '  Acme   Europe ', counter());
    expect(plan.ok && plan.value.orgName).toBe('Acme Europe');
  });

  it('signs in the first admin when the org was never connected', () => {
    const plan = planImport(
      anOrgFile({
        grants: [],
        connection: { status: 'not-connected' },
        members: [
          aMember({ id: 'late', role: 'admin', invitedAt: 5 }),
          aMember({ id: 'first', role: 'admin', invitedAt: 1 }),
        ],
      }),
      undefined,
      counter(),
    );
    expect(plan.ok && plan.value.signInAs.email).toBe('first@example.com');
  });
});
