// Rule numbers are docs/RULES.md's.
import { describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { checkInvite, MAX_SEATS, parseTeams, type Member } from './member.ts';

const someMembers = (n: number, extra: Partial<Member> = {}): Member[] =>
  Array.from({ length: n }, (_, i) => aMember({ id: `m${i}`, ...extra }));

describe('checkInvite', () => {
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

describe('parseTeams', () => {
  it.each([
    [undefined, ['Everyone']],
    [[], ['Everyone']],
    ['Sales; EMEA, sales', ['Sales', 'EMEA']],
    [[' Sales ', 'SALES', ''], ['Sales']],
  ])('%j gives %j', (raw, teams) => {
    expect(parseTeams(raw)).toEqual({ ok: true, value: teams });
  });

  it('refuses something that is not a list of names', () => {
    expect(parseTeams([1, 2]).ok).toBe(false);
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
