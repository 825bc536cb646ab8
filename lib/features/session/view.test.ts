import { describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg, T0 } from '../../../tests/fixtures/domain.ts';
import { sharedOrgState, type OrgConnectionState } from '../../domain/org-connection.ts';
import { viewFor, type OrgData } from './view.ts';

const owner = aMember({
  id: 'owner',
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  role: 'admin',
  status: 'active',
});
const admin = aMember({ id: 'adam', name: 'Adam Admin', email: 'adam@example.com', role: 'admin', status: 'active' });
const rep = aMember({ id: 'rita', name: 'Rita Rep', email: 'rita@example.com' });
const other = aMember({ id: 'omar', name: 'Omar Other', email: 'omar@example.com' });
const org: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner', clientId: 'secret-id' }) };
const data: OrgData = {
  members: [owner, admin, rep, other],
  grants: [aGrant('rita', [2]), aGrant('omar', [3])],
  org,
  activity: [
    {
      seq: 1,
      at: T0,
      actorId: 'owner',
      kind: 'member-invited',
      memberId: 'omar',
      details: { email: 'omar@example.com' },
    },
  ],
};

describe('viewFor: what a person may see of the org', () => {
  it('signed out: nothing of the org but whether it is connected', () => {
    const view = viewFor(undefined, data);
    expect(view).toEqual({
      me: undefined,
      org: view.org,
      members: [],
      grants: [],
      activity: [],
      admins: [],
      firstRun: false,
    });
    expect(JSON.stringify(view)).not.toContain('secret-id');
    expect(viewFor(undefined, { ...data, members: [] }).firstRun).toBe(true);
  });

  it('a rep: themselves, their own grant, the admins to ask (name and email only), no log, no connection details', () => {
    const view = viewFor(rep, data);
    expect(view).toEqual({
      me: rep,
      org: sharedOrgState(org),
      members: [rep],
      grants: [aGrant('rita', [2])],
      activity: [],
      admins: [
        { name: 'Olivia Owner', email: 'olivia@example.com' },
        { name: 'Adam Admin', email: 'adam@example.com' },
      ],
      firstRun: false,
    });
    expect(JSON.stringify(view)).not.toContain('secret-id');
    expect(JSON.stringify(view)).not.toContain('omar');
    expect(viewFor(other, { ...data, grants: [aGrant('rita')] }).grants).toEqual([]);
  });

  it('an admin: the whole team, every grant, the log and the connection', () => {
    const view = viewFor(admin, data);
    expect(view).toEqual({
      me: admin,
      org,
      members: data.members,
      grants: data.grants,
      activity: data.activity,
      admins: [
        { name: 'Olivia Owner', email: 'olivia@example.com' },
        { name: 'Adam Admin', email: 'adam@example.com' },
      ],
      firstRun: false,
    });
  });
});

const ana = aMember({ id: 'rep', name: 'Ana Rep', email: 'ana@example.com', role: 'user', status: 'active' });
const orgOf = (members: OrgData['members']): OrgData => ({
  members,
  grants: [],
  org: { status: 'not-connected' },
  activity: [],
});

describe('who a rep is told to ask', () => {
  it('lists the admins who signed in, not an admin whose invitation was never answered', () => {
    const view = viewFor(
      ana,
      orgOf([
        ana,
        aMember({ id: 'o', name: 'Olivia Owner', email: 'olivia@example.com', role: 'admin', status: 'active' }),
        aMember({ id: 'n', name: 'Nadia New', email: 'nadia@example.com', role: 'admin', status: 'invited' }),
      ]),
    );
    expect(view.admins).toEqual([{ name: 'Olivia Owner', email: 'olivia@example.com' }]);
  });

  it('lists no admin the company directory deactivated; an admin still sees them, as deactivated', () => {
    const gone = aMember({ id: 'g', name: 'Gil Gone', email: 'gil@example.com', role: 'admin', status: 'deactivated' });
    expect(viewFor(ana, orgOf([ana, gone])).admins).toEqual([]);
    const admin = aMember({ id: 'o', role: 'admin', status: 'active' });
    expect(viewFor(admin, orgOf([admin, gone])).members.map((m) => [m.id, m.status])).toEqual([
      ['o', 'active'],
      ['g', 'deactivated'],
    ]);
  });

  it('lists nobody when no admin has signed in yet (the page then says to ask an admin)', () => {
    const view = viewFor(
      ana,
      orgOf([
        ana,
        aMember({ id: 'n', name: 'Nadia New', email: 'nadia@example.com', role: 'admin', status: 'invited' }),
      ]),
    );
    expect(view.admins).toEqual([]);
  });
});

describe('viewFor on a kept (frozen) members list', () => {
  it('names the same admins as on a fresh list, and a view changed by its caller changes no later one', () => {
    const kept: OrgData = { ...data, members: Object.freeze([...data.members]) };
    const first = viewFor(rep, kept);
    expect(first.admins).toEqual(viewFor(rep, data).admins);
    first.admins[0]!.name = 'changed by the caller';
    first.admins.pop();
    expect(viewFor(other, kept).admins).toEqual([
      { name: 'Olivia Owner', email: 'olivia@example.com' },
      { name: 'Adam Admin', email: 'adam@example.com' },
    ]);
  });

  it('another kept list (a new version) is read afresh', () => {
    const before: OrgData = { ...data, members: Object.freeze([...data.members]) };
    const after: OrgData = { ...data, members: Object.freeze(data.members.filter((m) => m.id !== 'adam')) };
    expect(viewFor(rep, before).admins).toHaveLength(2);
    expect(viewFor(rep, after).admins).toEqual([{ name: 'Olivia Owner', email: 'olivia@example.com' }]);
  });
});
