// Rule numbers are docs/RULES.md's.
import { describe, expect, it } from 'vitest';
import { aMember, anOrg } from '../../../tests/fixtures/domain.ts';
import { MAX_SEATS, MAX_TEAMS, parseTeams, type Member } from '../../domain/member.ts';
import type { OrgConnectionState } from '../../domain/org-connection.ts';
import { checkInvite, decideMemberRemoval, decideMemberUpdate, planInvites } from './rules.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin2', role: 'admin' });
const ana = aMember({ id: 'ana' });
const org: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };
const members = [owner, admin, ana];
const code = (r: { ok: boolean; problem?: { code: string } }) => (r.ok ? 'ok' : r.problem?.code);

describe('changing a member', () => {
  it.each<[string, typeof owner, typeof owner | undefined, { role?: unknown; teams?: unknown }, string]>([
    ['an admin makes a rep an admin', admin, ana, { role: 'admin' }, 'ok'],
    ['an admin demotes themselves', admin, admin, { role: 'user' }, 'demote-self'],
    ['an admin demotes the owner', admin, owner, { role: 'user' }, 'demote-owner'],
    ['the owner changes their own teams', owner, owner, { teams: ['EMEA'] }, 'ok'],
    ['a member who left', admin, undefined, { teams: ['EMEA'] }, 'member-unknown'],
    ['an unknown role', admin, ana, { role: 'boss' }, 'role-unknown'],
    [
      'one members too many for the org',
      admin,
      ana,
      { teams: Array.from({ length: MAX_TEAMS }, (_, i) => `T${i}`) },
      'teams-full',
    ],
  ])('%s → %s', (_case, actor, member, changes, expected) => {
    expect(code(decideMemberUpdate(actor, member, changes, org, members))).toBe(expected);
  });
});

describe('removing a member', () => {
  it.each<[string, typeof owner, typeof owner | undefined, string]>([
    ['an admin removes a rep', admin, ana, 'ok'],
    ['an admin removes themselves', admin, admin, 'remove-self'],
    ['an admin removes the owner', admin, owner, 'remove-owner'],
    ['a member who already left', admin, undefined, 'member-unknown'],
  ])('%s → %s', (_case, actor, member, expected) => {
    expect(code(decideMemberRemoval(actor, member, org))).toBe(expected);
  });
});

const someMembers = (n: number, extra: Partial<Member> = {}): Member[] =>
  Array.from({ length: n }, (_, i) => aMember({ id: `m${i}`, ...extra }));

describe('checkInvite', () => {
  it('rule 9: teams the company directory manages count toward the 20, even with no member yet', () => {
    const nineteen = Array.from({ length: MAX_TEAMS - 1 }, (_, i) => `Directory ${i}`);
    const invite = { name: 'Ana', email: 'ana@example.com', teams: ['New Team'] };
    expect(checkInvite(invite, someMembers(1)).ok).toBe(true);
    const refused = checkInvite(invite, someMembers(1), nineteen);
    expect(!refused.ok && refused.problems.map((p) => p.code)).toEqual(['teams-full']);
    expect(checkInvite({ ...invite, teams: ['Directory 3'] }, someMembers(1), nineteen).ok).toBe(true);
    expect(code(decideMemberUpdate(owner, ana, { teams: ['New Team'] }, org, members, nineteen))).toBe('teams-full');
  });

  it('rule 9: a member the company directory deactivated frees their seat', () => {
    const gone = aMember({ id: 'gone', email: 'gone@example.com', status: 'deactivated' });
    expect(checkInvite({ name: 'Ana', email: 'ana@example.com' }, [...someMembers(MAX_SEATS - 1), gone]).ok).toBe(true);
  });

  it('accepts a new member, with the "Everyone" team and the user role by default', () => {
    expect(checkInvite({ name: '  Ana   Lopez ', email: 'Ana@Example.com' }, someMembers(3))).toEqual({
      ok: true,
      value: { name: 'Ana Lopez', email: 'ana@example.com', role: 'user', teams: ['Everyone'] },
    });
  });

  it.each([
    ['no name', { name: ' ', email: 'ana@example.com' }, someMembers(1), ['name-missing']],
    ['a bad email', { name: 'Ana', email: 'ana@' }, someMembers(1), ['email-shape']],
    ['an unknown role', { name: 'Ana', email: 'ana@example.com', role: 'owner' }, someMembers(1), ['role-unknown']],
    [
      'an email already a member’s, whatever its case',
      { name: 'Ana', email: 'M0@EXAMPLE.com' },
      someMembers(1),
      ['email-duplicate'],
    ],
    ['rule 9: the 101st seat', { name: 'Ana', email: 'ana@example.com' }, someMembers(MAX_SEATS), ['seats-full']],
    [
      'rule 9: a 21st team',
      { name: 'Ana', email: 'ana@example.com', teams: ['New'] },
      someMembers(19).map((m, i) => ({ ...m, teams: [`T${i}`] })),
      ['teams-full'],
    ],
    [
      'several problems at once',
      { name: '', email: 'x', role: 3 },
      someMembers(0),
      ['name-missing', 'email-at-sign', 'role-unknown'],
    ],
  ])('refuses %s', (_name, input, members, codes) => {
    const result = checkInvite(input, members);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toEqual(codes);
  });

  it('rule 9: the 20th team is allowed', () => {
    const members = someMembers(18).map((m, i) => ({ ...m, teams: [`T${i}`] }));
    expect(checkInvite({ name: 'Ana', email: 'ana@example.com', teams: ['New'] }, members).ok).toBe(true);
  });

  it('the 100th seat is allowed', () => {
    expect(checkInvite({ name: 'Ana', email: 'ana@example.com' }, someMembers(MAX_SEATS - 1)).ok).toBe(true);
  });
});

describe('hostile input never throws', () => {
  it.each([
    [
      'a role whose toString is not a function',
      { name: 'A', email: 'a@example.com', role: { toString: false } },
      'role-unknown',
    ],
    [
      'a role whose toString throws',
      {
        name: 'A',
        email: 'a@example.com',
        role: {
          toString: () => {
            throw new Error('x');
          },
        },
      },
      'role-unknown',
    ],
    // eslint-disable-next-line no-sparse-arrays
    ['a sparse teams array', { name: 'A', email: 'a@example.com', teams: [, 'Sales'] }, 'teams-shape'],
  ])('%s', (_name, input, code) => {
    const result = checkInvite(input, []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toEqual([code]);
  });
});

describe('invisible and direction-changing characters', () => {
  it.each([
    ['a right-to-left override', 'Ana\u202Egnp.exe'],
    ['a right-to-left isolate', 'Ana \u2067Bo\u2069'],
    ['a zero-width joiner', 'A\u200Dna'],
    ['a zero-width space', 'Ana\u200B'],
    ['a byte-order mark inside', 'A\uFEFFna'],
    ['a soft hyphen', 'A\u00ADna'],
  ])('a name with %s is refused', (_case, name) => {
    const result = checkInvite({ name, email: 'ana@example.com' }, []);
    expect(result.ok ? 'ok' : result.problems.map((p) => p.code)).toEqual(['name-invisible-characters']);
  });

  it('a team name with one is refused', () => {
    expect(parseTeams(['EMEA\u202E']).ok).toBe(false);
  });

  it('names in other scripts and with accents are welcome', () => {
    for (const name of ['Zoë Ångström', 'Łukasz', 'محمد', '李小龙', 'Ана'])
      expect(checkInvite({ name, email: 'x@example.com' }, []).ok).toBe(true);
  });
});

const outcomes = (plan: ReturnType<typeof planInvites>) =>
  plan.map((p) => (p.outcome === 'invite' ? 'invite' : p.problems.map((x) => x.code).join('+')));

describe('planInvites', () => {
  it('rejects bad rows with their reasons and keeps the good ones', () => {
    const plan = planInvites(
      [
        { name: 'Ana', email: 'ana@example.com' },
        { name: 'Bad', email: 'not-an-email' },
        { name: 'Ana again', email: 'ANA@example.com' },
        { name: 'Existing', email: 'm0@example.com' },
        { name: '', email: 'noname@example.com' },
        { name: 'Bo', email: 'bo@example.com', role: 'admin', teams: 'EMEA; Sales' },
      ],
      [aMember({ id: 'm0' })],
    );
    expect(outcomes(plan)).toEqual([
      'invite',
      'email-at-sign',
      'email-duplicate',
      'email-duplicate',
      'name-missing',
      'invite',
    ]);
    expect(plan[5]).toEqual({
      row: 5,
      outcome: 'invite',
      draft: { name: 'Bo', email: 'bo@example.com', role: 'admin', teams: ['EMEA', 'Sales'] },
    });
  });

  it('stops at the 100th seat, counting the rows accepted before', () => {
    const members = Array.from({ length: MAX_SEATS - 2 }, (_, i) => aMember({ id: `m${i}` }));
    const rows = ['a', 'b', 'c', 'd'].map((x) => ({ name: x, email: `${x}@new.example.com` }));
    expect(outcomes(planInvites(rows, members))).toEqual(['invite', 'invite', 'seats-full', 'seats-full']);
  });
});
