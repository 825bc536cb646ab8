import { describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../../tests/fixtures/domain.ts';
import { MAX_DIRECTORY_TOKENS, type DirectoryTeam, type DirectoryToken } from '../../domain/directory.ts';
import { MAX_SEATS, MAX_TEAMS, type Member } from '../../domain/member.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import { authorize, authorizeDirectory } from '../authorize.ts';
import {
  checkNewToken,
  decideDirectoryChange,
  decideDirectoryRemoval,
  decideTeamChange,
  decideTeamRemoval,
  directoryName,
  planDirectoryMember,
  planDirectoryTeam,
  type DirectoryPerson,
} from './rules.ts';

const owner = aMember({ id: 'owner', role: 'admin', status: 'active', email: 'owner@example.com' });
const ana = aMember({ id: 'ana', email: 'ana@example.com', status: 'active', teams: ['Everyone', 'Sales'] });
const gone = aMember({ id: 'gone', email: 'gone@example.com', status: 'deactivated' });
const org: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };
const members = [owner, ana, gone];
const seatsFull = [
  owner,
  ...Array.from({ length: MAX_SEATS - 1 }, (_, i) => aMember({ id: `r${i}`, email: `r${i}@example.com` })),
  gone,
];
const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);
const named = { givenName: 'Nia', familyName: 'New' };

describe('the directory’s name for a person', () => {
  it.each<[string, Parameters<typeof directoryName>[0], string]>([
    ['given and family name', { givenName: 'Ana', familyName: 'Lima' }, 'Ana Lima'],
    ['given name only', { givenName: 'Ana' }, 'Ana'],
    ['the formatted name when no parts', { formatted: 'Ana B. Lima' }, 'Ana B. Lima'],
    ['the display name last', { displayName: 'Ana (Sales)' }, 'Ana (Sales)'],
    ['parts win over the display name', { givenName: 'Ana', familyName: 'Lima', displayName: 'A. L.' }, 'Ana Lima'],
    ['blank parts are skipped', { givenName: ' ', familyName: 'Lima', formatted: 'X' }, 'Lima'],
  ])('%s', (_case, name, expected) => {
    expect(directoryName(name)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, Parameters<typeof directoryName>[0], string]>([
    ['no name at all', undefined, 'name-missing'],
    ['a look-alike letter', { givenName: 'Вob' }, 'name-mixed-scripts'],
    ['an invisible character', { givenName: 'A\u200bna' }, 'name-invisible-characters'],
  ])('refuses %s', (_case, name, expected) => {
    expect(code(directoryName(name))).toBe(expected);
  });
});

describe('a person the directory assigns', () => {
  it.each<[string, DirectoryPerson, readonly Member[], string]>([
    ['a new person', { email: 'Nia@Example.com', name: named }, members, 'ok'],
    [
      'an email already in the org, in another case',
      { email: 'ANA@example.com', name: named },
      members,
      'email-duplicate',
    ],
    ['a deactivated member’s email', { email: 'gone@example.com', name: named }, members, 'email-duplicate'],
    ['the 101st active member', { email: 'nia@example.com', name: named }, seatsFull, 'seats-full'],
    [
      'a deactivated person when seats are full (no seat taken)',
      { email: 'nia@example.com', name: named, active: false },
      seatsFull,
      'ok',
    ],
    ['no email', { name: named }, members, 'email-missing'],
    ['no name', { email: 'nia@example.com' }, members, 'name-missing'],
  ])('%s → %s', (_case, person, list, expected) => {
    expect(code(planDirectoryMember(person, list))).toBe(expected);
  });

  it('is invited, from the directory, with its id, as a user in "Everyone"', () => {
    expect(planDirectoryMember({ email: 'Nia@Example.com', name: named, externalId: '00u1' }, members)).toEqual({
      ok: true,
      value: {
        name: 'Nia New',
        email: 'nia@example.com',
        role: 'user',
        teams: ['Everyone'],
        status: 'invited',
        source: 'directory',
        externalId: '00u1',
      },
    });
    const off = planDirectoryMember({ email: 'nia@example.com', name: named, active: false }, members);
    expect(off.ok && off.value.status).toBe('deactivated');
  });
});

describe('a change from the directory', () => {
  it.each<[string, Member | undefined, DirectoryPerson, readonly Member[], string, string | undefined]>([
    ['turns a member off', ana, { active: false }, members, 'ok', 'deactivate'],
    ['turns a deactivated member on', gone, { active: true }, members, 'ok', 'reactivate'],
    ['turns on a member already on: no turn', ana, { active: true }, members, 'ok', undefined],
    ['turns off a member already off: no turn', gone, { active: false }, members, 'ok', undefined],
    ['turns the owner off', owner, { active: false }, members, 'directory-owner', undefined],
    ['renames the owner', owner, { name: { givenName: 'Olivia', familyName: 'O.' } }, members, 'ok', undefined],
    ['turns a member on when the seats are full', gone, { active: true }, seatsFull, 'seats-full', undefined],
    [
      'gives a member another member’s email',
      ana,
      { email: 'owner@example.com' },
      members,
      'email-duplicate',
      undefined,
    ],
    ['gives a member their own email in capitals', ana, { email: 'ANA@example.com' }, members, 'ok', undefined],
    ['names a member who is not in the org', undefined, { active: false }, members, 'member-unknown', undefined],
    ['sends a bad email', ana, { email: 'not an email' }, members, 'email-has-space', undefined],
  ])('%s → %s', (_case, member, person, list, expected, turn) => {
    const decided = decideDirectoryChange(member, person, org, list);
    expect(code(decided)).toBe(expected);
    if (decided.ok) expect(decided.value.turn).toBe(turn);
  });

  it('a reactivated member is invited again (their sessions ended) and the member becomes the directory’s', () => {
    const decided = decideDirectoryChange(gone, { active: true }, org, members);
    expect(decided.ok && decided.value.member).toMatchObject({ status: 'invited', source: 'directory' });
    const off = decideDirectoryChange(ana, { active: false }, org, members);
    expect(off.ok && off.value.member.status).toBe('deactivated');
  });

  it.each<[string, Member | undefined, string]>([
    ['removes a member', ana, 'ok'],
    ['removes a deactivated member', gone, 'ok'],
    ['removes the owner', owner, 'directory-owner'],
    ['removes nobody', undefined, 'member-unknown'],
  ])('%s → %s', (_case, member, expected) => {
    expect(code(decideDirectoryRemoval(member, org))).toBe(expected);
  });
});

describe('teams the directory manages', () => {
  const sales: DirectoryTeam = { id: 't1', name: 'Sales', createdAt: 0 };
  const nineteen = Array.from({ length: MAX_TEAMS - 1 }, (_, i): DirectoryTeam => ({
    id: `t${i}`,
    name: `T${i}`,
    createdAt: 0,
  }));

  it.each<[string, unknown, readonly DirectoryTeam[], string[] | undefined, string]>([
    ['a new team with a member', 'EMEA', [], ['ana'], 'ok'],
    ['the team admins already use (taken over)', 'sales', [], ['ana'], 'ok'],
    ['a team the directory already manages, in another case', 'SALES', [sales], [], 'team-duplicate'],
    ['a 21st team', 'One Too Many', nineteen, [], 'teams-full'],
    ['a member of no org of ours', 'EMEA', [], ['nobody'], 'member-unknown'],
    ['no name', '  ', [], [], 'teams-shape'],
    ['a name too long', 'x'.repeat(51), [], [], 'team-name-too-long'],
  ])('%s → %s', (_case, name, teams, memberIds, expected) => {
    expect(code(planDirectoryTeam({ name, memberIds }, 'new', 0, teams, members))).toBe(expected);
  });

  it('a group sets exactly who is in its team; a member left with no team is in "Everyone"', () => {
    const only = aMember({ id: 'only', email: 'only@example.com', teams: ['Sales'] });
    const plan = decideTeamChange(sales, { memberIds: ['owner'] }, [sales], [owner, ana, only]);
    expect(plan.ok && plan.value.changed.map((m) => [m.id, m.teams])).toEqual([
      ['owner', ['Everyone', 'Sales']],
      ['ana', ['Everyone']],
      ['only', ['Everyone']],
    ]);
  });

  it('a rename moves every member of the team to the new name; absent members leave them as they are', () => {
    const plan = decideTeamChange(sales, { name: 'Field Sales' }, [sales], members);
    expect(plan.ok && plan.value.changed.map((m) => [m.id, m.teams])).toEqual([['ana', ['Everyone', 'Field Sales']]]);
    expect(
      code(decideTeamChange(sales, { name: 'T1' }, [sales, { id: 't2', name: 't1', createdAt: 0 }], members)),
    ).toBe('team-duplicate');
    expect(code(decideTeamChange(undefined, { name: 'X' }, [sales], members))).toBe('team-unknown');
  });

  it('a removed group leaves its members', () => {
    const plan = decideTeamRemoval(sales, members);
    expect(plan.ok && plan.value.changed.map((m) => [m.id, m.teams])).toEqual([['ana', ['Everyone']]]);
    expect(code(decideTeamRemoval(undefined, members))).toBe('team-unknown');
  });
});

describe('the owner’s SCIM tokens', () => {
  const token = (name: string): DirectoryToken => ({ id: name, name, createdAt: 0 });
  it.each<[string, unknown, readonly DirectoryToken[], string]>([
    ['a first token', ' Okta ', [], 'ok'],
    ['a second name', 'Entra ID', [token('Okta')], 'ok'],
    ['a name taken, in another case', 'okta', [token('Okta')], 'token-name-duplicate'],
    [
      'one token too many',
      'Spare',
      Array.from({ length: MAX_DIRECTORY_TOKENS }, (_, i) => token(`T${i}`)),
      'tokens-full',
    ],
    ['no name', '   ', [], 'token-name-missing'],
    ['a name too long', 'x'.repeat(61), [], 'token-name-too-long'],
    ['a name with an invisible character', 'Ok\u202eta', [], 'name-invisible-characters'],
  ])('%s → %s', (_case, name, tokens, expected) => {
    expect(code(checkNewToken(name, tokens))).toBe(expected);
  });
});

describe('who is the directory', () => {
  it('no member, not even the owner, runs the directory’s commands; only a token of the org does', () => {
    for (const actor of [undefined, owner, ana]) expect(code(authorize('directory', actor, org))).toBe('not-directory');
    expect(code(authorizeDirectory(undefined))).toBe('not-directory');
    expect(code(authorizeDirectory({ kind: 'directory', tokenId: 't', name: 'Okta' }))).toBe('ok');
  });
});
