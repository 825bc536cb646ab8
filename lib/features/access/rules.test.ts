// Rule numbers are docs/RULES.md's.
import { describe, expect, it } from 'vitest';
import { aGrant, aMember, anOrg, T0 } from '../../../tests/fixtures/domain.ts';
import type { GrantCandidate, SkipReason } from '../../domain/grant.ts';
import type { OrgConnection, OrgConnectionState } from '../../domain/org-connection.ts';
import { decideAccessRemoval, handoverAfterRemoval, planGrant, planWorkspaceChange } from './rules.ts';

const owner = aMember({ id: 'owner', role: 'admin' });
const admin = aMember({ id: 'admin2', role: 'admin' });
const ana = aMember({ id: 'ana' });
const members = [owner, admin, ana];
const org: OrgConnectionState = { status: 'connected', connection: anOrg({ ownerId: 'owner' }) };

describe('removing access', () => {
  it('nobody removes their own access, alone or in a selection', () => {
    expect(decideAccessRemoval(admin, ['ana']).ok).toBe(true);
    const refused = decideAccessRemoval(admin, ['ana', 'admin2']);
    expect(!refused.ok && refused.problem.code).toBe('remove-own-access');
  });

  it('the owner removing an admin’s access opens the handover to that admin, and only to them', () => {
    expect(handoverAfterRemoval(owner, ['admin2', 'ana'], members, org)?.handoverTo).toEqual(['admin2']);
  });

  it('another admin removing it, or removing a rep’s, opens nothing', () => {
    expect(handoverAfterRemoval(admin, ['ana'], members, org)).toBeUndefined();
    expect(handoverAfterRemoval(owner, ['ana'], members, org)).toBeUndefined();
    expect(handoverAfterRemoval(owner, ['admin2'], members, { status: 'not-connected' })).toBeUndefined();
  });
});

const afterWait = T0 + 10 * 60_000;
const anaToGrant = aMember({ id: 'ana' });
const bo = aMember({ id: 'bo' });
const invitedAna: GrantCandidate = { memberId: 'ana', member: anaToGrant };
const invitedBo: GrantCandidate = { memberId: 'bo', member: bo };
const grantedBo: GrantCandidate = { memberId: 'bo', member: bo, grant: aGrant('bo') };
const stranger: GrantCandidate = { memberId: 'zed' };

type Case = [
  string,
  GrantCandidate[],
  number[],
  OrgConnection | undefined,
  number,
  Record<string, 'grant' | SkipReason>,
];

describe('planGrant', () => {
  it.each<Case>([
    [
      'rule 4: invited members are granted access',
      [invitedAna, invitedBo],
      [],
      anOrg(),
      afterWait,
      { ana: 'grant', bo: 'grant' },
    ],
    [
      'rule 1: a non-member cannot be granted',
      [invitedAna, stranger],
      [],
      anOrg(),
      afterWait,
      { ana: 'grant', zed: 'not-invited' },
    ],
    [
      'a member the company directory deactivated gets no access',
      [invitedAna, { memberId: 'dee', member: aMember({ id: 'dee', status: 'deactivated' }) }],
      [],
      anOrg(),
      afterWait,
      { ana: 'grant', dee: 'deactivated' },
    ],
    [
      'rule 2: nobody during the waiting period',
      [invitedAna, invitedBo],
      [],
      anOrg(),
      afterWait - 1,
      { ana: 'waiting-period', bo: 'waiting-period' },
    ],
    ['rule 2: the period ends at exactly readyAt', [invitedAna], [], anOrg(), afterWait, { ana: 'grant' }],
    ['rule 3: nobody without an org connection', [invitedAna], [], undefined, afterWait, { ana: 'no-org-connection' }],
    [
      'rule 5: workspaces are set once, a member with access is skipped',
      [invitedAna, grantedBo],
      [2],
      anOrg(),
      afterWait,
      { ana: 'grant', bo: 'already-granted' },
    ],
    [
      'rule 6: no workspaces on a subscription without them',
      [invitedAna],
      [2],
      anOrg({ workspacesEnabled: false, workspaces: [] }),
      afterWait,
      { ana: 'workspaces-not-enabled' },
    ],
    [
      'rule 6: default workspace without workspaces enabled',
      [invitedAna],
      [],
      anOrg({ workspacesEnabled: false, workspaces: [] }),
      afterWait,
      { ana: 'grant' },
    ],
    [
      'an unknown workspace skips everyone',
      [invitedAna, invitedBo],
      [2, 99],
      anOrg(),
      afterWait,
      { ana: 'unknown-workspace', bo: 'unknown-workspace' },
    ],
    [
      'no org beats the waiting period and bad workspaces',
      [stranger],
      [99],
      undefined,
      T0,
      { zed: 'no-org-connection' },
    ],
  ])('%s', (_name, candidates, workspaceIds, org, now, expected) => {
    const plan = planGrant(candidates, workspaceIds, org, now);
    const outcomes = Object.fromEntries(
      plan.entries.map((e) => [e.memberId, e.outcome === 'grant' ? 'grant' : e.reason]),
    );
    expect(outcomes).toEqual(expected);
    expect(plan.toGrant).toEqual(Object.keys(expected).filter((id) => expected[id] === 'grant'));
  });

  it('rule 4: several workspaces for a whole selection, de-duplicated and sorted', () => {
    const plan = planGrant([invitedAna, invitedBo], [3, 2, 3], anOrg(), afterWait);
    expect(plan.entries).toEqual([
      { memberId: 'ana', outcome: 'grant', workspaceIds: [2, 3] },
      { memberId: 'bo', outcome: 'grant', workspaceIds: [2, 3] },
    ]);
  });

  it('a member selected twice is planned once', () => {
    expect(planGrant([invitedAna, invitedAna], [], anOrg(), afterWait).toGrant).toEqual(['ana']);
  });
});

describe('planWorkspaceChange', () => {
  it.each<[string, GrantCandidate[], number[], number, Record<string, 'grant' | SkipReason>]>([
    [
      'a member with access gets the new workspaces',
      [{ memberId: 'bo', member: bo, grant: aGrant('bo', [2]) }],
      [3],
      afterWait,
      { bo: 'grant' },
    ],
    ['a member without access is skipped', [invitedAna], [3], afterWait, { ana: 'not-granted' }],
    ['not during the waiting period', [grantedBo], [3], afterWait - 1, { bo: 'waiting-period' }],
    ['not with an unknown workspace', [grantedBo], [42], afterWait, { bo: 'unknown-workspace' }],
    ['not for someone who is not a member', [stranger], [], afterWait, { zed: 'not-invited' }],
  ])('%s', (_name, candidates, workspaceIds, now, expected) => {
    const plan = planWorkspaceChange(candidates, workspaceIds, anOrg(), now);
    expect(
      Object.fromEntries(plan.entries.map((e) => [e.memberId, e.outcome === 'grant' ? 'grant' : e.reason])),
    ).toEqual(expected);
  });
});
