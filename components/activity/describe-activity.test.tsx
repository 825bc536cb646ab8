import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ActivityEntry, ActivityKind } from '../../lib/domain/activity.ts';
import { T0 } from '../../tests/fixtures/domain.ts';
import { useLocale } from '../../tests/unit/use-locale.ts';
import { ACTIVITY_KINDS, actorName, describeActivity, kindLabel } from './describe-activity.ts';

// Olivia and Ana are still members; Gus was removed since: only the lines remember him.
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
const GUS = { gus: { name: 'Gus Gone', email: 'gus@example.com' } };
const entry = (kind: ActivityEntry['kind'], more: Partial<ActivityEntry> = {}): ActivityEntry => ({
  at: T0,
  actorId: 'olivia',
  kind,
  ...more,
});

type Case = [what: string, entry: ActivityEntry, en: string, fr: string];

/** Every kind, with its sentence in both languages: a Record, so a new kind without a case is a type error. */
const CASES: Record<ActivityKind, Case[]> = {
  'org-created': [
    [
      'on a team server (the claim names the org)',
      entry('org-created', { memberId: 'olivia', details: { orgName: 'Acme' } }),
      'Created the org “Acme”, with Olivia Owner as its first admin',
      'A créé l’organisation «\u00a0Acme\u00a0», avec Olivia Owner comme premier admin',
    ],
    [
      'in trial mode (the first sign-in)',
      entry('org-created', { memberId: 'olivia' }),
      'Created the org, with Olivia Owner as its first admin',
      'A créé l’organisation, avec Olivia Owner comme premier admin',
    ],
  ],
  'signed-in': [
    [
      'a sign-in',
      entry('signed-in', { memberId: 'olivia' }),
      'Signed in to Marketo Access',
      'A ouvert une session Marketo Access',
    ],
  ],
  'member-invited': [
    [
      'a member still there',
      entry('member-invited', { memberId: 'ana', details: { email: 'ana@example.com' } }),
      'Invited Ana Rep (ana@example.com)',
      'A invité Ana Rep (ana@example.com)',
    ],
    [
      'a member removed since, named by the line',
      entry('member-invited', { memberId: 'gus', details: { email: 'gus@example.com' }, people: GUS }),
      'Invited Gus Gone (gus@example.com)',
      'A invité Gus Gone (gus@example.com)',
    ],
    [
      'an old line (no names kept) about a member removed since: their email',
      entry('member-invited', { memberId: 'gone', details: { email: 'gone@example.com' } }),
      'Invited gone@example.com',
      'A invité gone@example.com',
    ],
  ],
  'member-updated': [
    [
      'a new role and teams',
      entry('member-updated', { memberId: 'ana', details: { role: 'admin', teams: 'Everyone, EMEA' } }),
      'Changed Ana Rep: role admin, teams Everyone, EMEA',
      'A modifié Ana Rep\u00a0: rôle administrateur, équipes Everyone, EMEA',
    ],
  ],
  'member-removed': [
    [
      'the member is gone: the name the line kept',
      entry('member-removed', { memberId: 'gus', details: { email: 'gus@example.com' }, people: GUS }),
      'Removed Gus Gone from the org',
      'A retiré Gus Gone de l’organisation',
    ],
    [
      'an old line with no name or email: the raw id',
      entry('member-removed', { memberId: 'm-42' }),
      'Removed m-42 from the org',
      'A retiré m-42 de l’organisation',
    ],
  ],
  'access-granted': [
    [
      'with workspaces',
      entry('access-granted', { memberId: 'ana', details: { workspaceIds: [2, 3] } }),
      'Granted Ana Rep Marketo access (workspaces: EMEA, North America)',
      'A accordé à Ana Rep l’accès à Marketo (espaces de travail\u00a0: EMEA, North America)',
    ],
    [
      'the default workspace, to a member removed since',
      entry('access-granted', { memberId: 'gus', details: { workspaceIds: [] }, people: GUS }),
      'Granted Gus Gone Marketo access (workspaces: Default)',
      'A accordé à Gus Gone l’accès à Marketo (espaces de travail\u00a0: Default)',
    ],
    [
      'a workspace since deleted',
      entry('access-granted', { memberId: 'ana', details: { workspaceIds: [9] } }),
      'Granted Ana Rep Marketo access (workspaces: #9)',
      'A accordé à Ana Rep l’accès à Marketo (espaces de travail\u00a0: #9)',
    ],
  ],
  'access-removed': [
    [
      'by an admin',
      entry('access-removed', { memberId: 'ana' }),
      'Removed Ana Rep’s Marketo access',
      'A retiré à Ana Rep l’accès à Marketo',
    ],
    [
      'with the org',
      entry('access-removed', { memberId: 'gus', details: { reason: 'org-disconnected' }, people: GUS }),
      'Removed Gus Gone’s Marketo access: the org was disconnected',
      'A retiré à Gus Gone l’accès à Marketo\u00a0: l’organisation a été déconnectée',
    ],
    [
      'to change workspaces',
      entry('access-removed', { memberId: 'ana', details: { reason: 'workspaces-changed' } }),
      'Removed Ana Rep’s Marketo access to change their workspaces',
      'A retiré à Ana Rep l’accès à Marketo pour changer ses espaces de travail',
    ],
  ],
  'org-connected': [
    [
      'connected',
      entry('org-connected', { details: { munchkinId: '123-ABC-456', workspacesEnabled: true } }),
      'Connected the org to Marketo (123-ABC-456)',
      'A connecté l’organisation à Marketo (123-ABC-456)',
    ],
  ],
  'org-disconnected': [
    [
      'disconnected',
      entry('org-disconnected'),
      'Disconnected the org from Marketo',
      'A déconnecté l’organisation de Marketo',
    ],
  ],
  'workspaces-refreshed': [
    [
      'refreshed',
      entry('workspaces-refreshed', { details: { count: 4 } }),
      'Refreshed the Marketo workspace list (4 workspaces)',
      'A actualisé la liste des espaces de travail Marketo (4 espaces)',
    ],
  ],
  'org-handover-ended': [
    [
      'naming the new owner',
      entry('org-handover-ended', { memberId: 'ana' }),
      'Ended the handover: Ana Rep now owns the org connection',
      'A terminé la passation\u00a0: Ana Rep est désormais propriétaire de la connexion de l’organisation',
    ],
    [
      'an old line without the new owner',
      entry('org-handover-ended'),
      'Handover of the org connection ended',
      'Passation de la connexion de l’organisation terminée',
    ],
  ],
  'job-set-aside': [
    [
      'a bulk change that failed',
      entry('job-set-aside', { details: { command: 'grantAccess', attempts: 3 } }),
      'A bulk change (grantAccess) failed 3 times and was set aside: it was not applied',
      'Une modification groupée (grantAccess) a échoué 3 fois et a été mise de côté\u00a0: elle n’a pas été appliquée',
    ],
  ],
  'member-deactivated': [
    [
      'by the directory',
      entry('member-deactivated', { memberId: 'ana' }),
      'Deactivated Ana Rep: no Marketo access, seat freed',
      'A désactivé Ana Rep\u00a0: plus d’accès à Marketo, place libérée',
    ],
  ],
  'member-reactivated': [
    [
      'by the directory',
      entry('member-reactivated', { memberId: 'ana' }),
      'Reactivated Ana Rep (Marketo access is granted again separately)',
      'A réactivé Ana Rep (l’accès à Marketo s’accorde à nouveau à part)',
    ],
  ],
  'team-created': [
    [
      'a group pushed',
      entry('team-created', { details: { team: 'Sales' } }),
      'Created the team “Sales”',
      'A créé l’équipe «\u00a0Sales\u00a0»',
    ],
  ],
  'team-renamed': [
    [
      'a group renamed',
      entry('team-renamed', { details: { team: 'Field Sales', from: 'Sales' } }),
      'Renamed the team “Sales” to “Field Sales”',
      'A renommé l’équipe «\u00a0Sales\u00a0» en «\u00a0Field Sales\u00a0»',
    ],
  ],
  'team-removed': [
    [
      'a group deleted',
      entry('team-removed', { details: { team: 'Sales' } }),
      'Removed the team “Sales”',
      'A supprimé l’équipe «\u00a0Sales\u00a0»',
    ],
  ],
  'directory-token-created': [
    [
      'by the owner',
      entry('directory-token-created', { details: { token: 'Okta' } }),
      'Created the SCIM token “Okta”',
      'A créé le jeton SCIM «\u00a0Okta\u00a0»',
    ],
  ],
  'directory-token-revoked': [
    [
      'by the owner',
      entry('directory-token-revoked', { details: { token: 'Okta' } }),
      'Revoked the SCIM token “Okta”',
      'A révoqué le jeton SCIM «\u00a0Okta\u00a0»',
    ],
  ],
  'sso-provider-set': [
    [
      'a provider registered',
      entry('sso-provider-set', {
        details: { name: 'Okta', issuer: 'https://acme.okta.com', domains: 'acme.com acme.fr' },
      }),
      'Set the company sign-in: Okta (domains: acme.com, acme.fr)',
      'A réglé la connexion d’entreprise\u00a0: Okta (domaines\u00a0: acme.com, acme.fr)',
    ],
  ],
  'sso-provider-removed': [
    [
      'the provider removed',
      entry('sso-provider-removed'),
      'Removed the company sign-in',
      'A retiré la connexion d’entreprise',
    ],
  ],
  'login-policy-set': [
    [
      'company sign-in only',
      entry('login-policy-set', { details: { policy: 'sso-only' } }),
      'Members now sign in with the company sign-in only',
      'Les membres se connectent désormais uniquement avec la connexion d’entreprise',
    ],
    [
      'codes and passkeys again',
      entry('login-policy-set', { details: { policy: 'codes-and-passkeys' } }),
      'Members may sign in with emailed codes and passkeys',
      'Les membres peuvent se connecter avec des codes par e-mail et des clés d’accès',
    ],
  ],
};

beforeEach(() => fakeBrowser.reset());

describe.each([
  ['en', 2],
  ['fr', 3],
] as const)('describeActivity in %s', (locale, column) => {
  beforeEach(() => useLocale(locale));

  describe.each(Object.entries(CASES))('%s', (_kind, cases) => {
    it.each(cases)('%s', (...row) => {
      const [, given] = row;
      expect(describeActivity(given, context)).toBe(row[column]);
    });
  });

  it('names every kind for the filter', () => {
    expect(ACTIVITY_KINDS.sort()).toEqual(Object.keys(CASES).sort());
    for (const kind of ACTIVITY_KINDS) expect(kindLabel(kind)).not.toMatch(/^activity_/);
  });
});

describe('who did it', () => {
  it('an actor removed since is named as the line kept them, else by the org, else by id', () => {
    expect(actorName(entry('org-disconnected', { actorId: 'gus', people: GUS }), context)).toBe('Gus Gone');
    expect(actorName(entry('org-disconnected', { actorId: 'olivia' }), context)).toBe('Olivia Owner');
    expect(actorName(entry('org-disconnected', { actorId: 'm-7' }), context)).toBe('m-7');
  });

  it('a kind this page does not know yet is shown as its name', () => {
    expect(describeActivity(entry('future-kind' as ActivityKind), context)).toBe('future-kind');
  });
});
