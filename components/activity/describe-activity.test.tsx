import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from '../../lib/domain/activity.ts';
import { T0 } from '../../tests/fixtures/domain.ts';
import { ACTIVITY_KINDS, describeActivity, kindLabel } from './describe-activity.ts';

const names = new Map([
  ['olivia', 'Olivia Owner'],
  ['ana', 'Ana Rep'],
]);
const context = {
  nameOf: (id: string) => names.get(id),
  workspaces: [
    { id: 2, name: 'EMEA' },
    { id: 3, name: 'North America' },
  ],
};
const entry = (kind: ActivityEntry['kind'], more: Partial<ActivityEntry> = {}): ActivityEntry => ({
  at: T0,
  actorId: 'olivia',
  kind,
  ...more,
});

describe('describeActivity', () => {
  it.each<[string, ActivityEntry, string]>([
    ['a sign-in', entry('signed-in', { memberId: 'olivia' }), 'Signed in to SIA'],
    [
      'an invitation of a member still on the team',
      entry('member-invited', { memberId: 'ana', details: { email: 'ana@example.com' } }),
      'Invited Ana Rep (ana@example.com)',
    ],
    [
      'an invitation of a member removed since',
      entry('member-invited', { memberId: 'gone', details: { email: 'gone@example.com' } }),
      'Invited gone@example.com',
    ],
    [
      'a change of role and teams',
      entry('member-updated', { memberId: 'ana', details: { role: 'admin', teams: 'Everyone, EMEA' } }),
      'Changed Ana Rep: role admin, teams Everyone, EMEA',
    ],
    [
      'a removal (the member is gone: their recorded email)',
      entry('member-removed', { memberId: 'gone', details: { email: 'gone@example.com' } }),
      'Removed gone@example.com from the team',
    ],
    [
      'a removal with no email recorded: the raw id',
      entry('member-removed', { memberId: 'm-42' }),
      'Removed m-42 from the team',
    ],
    [
      'access with workspaces',
      entry('access-granted', { memberId: 'ana', details: { workspaceIds: [2, 3] } }),
      'Gave Ana Rep Marketo access (workspaces: EMEA, North America)',
    ],
    [
      'access with the default workspace',
      entry('access-granted', { memberId: 'ana', details: { workspaceIds: [] } }),
      'Gave Ana Rep Marketo access (workspaces: Default)',
    ],
    [
      'access with a workspace since deleted',
      entry('access-granted', { memberId: 'ana', details: { workspaceIds: [9] } }),
      'Gave Ana Rep Marketo access (workspaces: #9)',
    ],
    ['access removed', entry('access-removed', { memberId: 'ana' }), 'Removed Ana Rep’s Marketo access'],
    [
      'access removed with the org',
      entry('access-removed', { memberId: 'ana', details: { reason: 'org-disconnected' } }),
      'Removed Ana Rep’s Marketo access: the org was disconnected',
    ],
    [
      'access removed to change workspaces',
      entry('access-removed', { memberId: 'ana', details: { reason: 'workspaces-changed' } }),
      'Removed Ana Rep’s Marketo access to change their workspaces',
    ],
    [
      'the org connected',
      entry('org-connected', { details: { munchkinId: '123-ABC-456', workspacesEnabled: true } }),
      'Connected the org to Marketo (123-ABC-456)',
    ],
    ['the org disconnected', entry('org-disconnected'), 'Disconnected the org from Marketo'],
    [
      'the workspaces refreshed',
      entry('workspaces-refreshed', { details: { count: 4 } }),
      'Refreshed the Marketo workspace list (4 workspaces)',
    ],
    ['a kind this page does not know', entry('future-kind' as ActivityEntry['kind']), 'future-kind'],
  ])('%s', (_case, given, sentence) => {
    expect(describeActivity(given, context)).toBe(sentence);
  });

  it('names every kind for the filter', () => {
    expect(ACTIVITY_KINDS).toHaveLength(11);
    for (const kind of ACTIVITY_KINDS) expect(kindLabel(kind)).not.toMatch(/^activity_/);
  });
});
