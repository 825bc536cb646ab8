import { describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { planInvites } from './invite-batch.ts';
import { MAX_SEATS } from './member.ts';

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
