import { describe, expect, it } from 'vitest';
import { aMember } from '../../../tests/fixtures/domain.ts';
import { viewFor, type OrgData } from './view.ts';

const rep = aMember({ id: 'rep', name: 'Ana Rep', email: 'ana@example.com', role: 'user', status: 'active' });
const data = (members: OrgData['members']): OrgData => ({
  members,
  grants: [],
  org: { status: 'not-connected' },
  activity: [],
});

describe('who a rep is told to ask', () => {
  it('lists the admins who signed in, not an admin whose invitation was never answered', () => {
    const view = viewFor(
      rep,
      data([
        rep,
        aMember({ id: 'o', name: 'Olivia Owner', email: 'olivia@example.com', role: 'admin', status: 'active' }),
        aMember({ id: 'n', name: 'Nadia New', email: 'nadia@example.com', role: 'admin', status: 'invited' }),
      ]),
    );
    expect(view.admins).toEqual([{ name: 'Olivia Owner', email: 'olivia@example.com' }]);
  });

  it('lists nobody when no admin has signed in yet (the page then says to ask an admin)', () => {
    const view = viewFor(
      rep,
      data([
        rep,
        aMember({ id: 'n', name: 'Nadia New', email: 'nadia@example.com', role: 'admin', status: 'invited' }),
      ]),
    );
    expect(view.admins).toEqual([]);
  });
});
