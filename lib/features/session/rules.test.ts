import { describe, expect, it } from 'vitest';
import { aMember } from '../../../tests/fixtures/domain.ts';
import { firstAdmin, signedIn } from './rules.ts';

describe('the first admin of a new org (the trial’s first sign-in, the team server’s claim link)', () => {
  it('is an admin in the Everyone team, invited until they sign in, with the name and email as parsed', () => {
    expect(firstAdmin({ name: '  Olivia   Owner ', email: 'Olivia@Example.com' }, 'id-1', 5)).toEqual({
      ok: true,
      value: {
        id: 'id-1',
        name: 'Olivia Owner',
        email: 'olivia@example.com',
        role: 'admin',
        teams: ['Everyone'],
        status: 'invited',
        invitedAt: 5,
      },
    });
  });

  it.each<[string, { name: unknown; email: unknown }, string]>([
    ['no name', { name: ' ', email: 'a@example.com' }, 'name-missing'],
    ['a bad email', { name: 'A', email: 'a@' }, 'email-shape'],
    ['an invisible character', { name: 'A\u200Bna', email: 'a@example.com' }, 'name-invisible-characters'],
  ])('%s → %s', (_case, input, code) => {
    const made = firstAdmin(input, 'id-1', 5);
    expect(made.ok || made.problem.code).toBe(code);
  });
});

describe('a sign-in', () => {
  it('makes the member active and logs it as theirs', () => {
    const member = aMember({ id: 'ana', status: 'invited' });
    expect(signedIn(member, 7)).toEqual({
      member: { ...member, status: 'active' },
      activity: { at: 7, actorId: 'ana', kind: 'signed-in', memberId: 'ana' },
    });
  });
});
