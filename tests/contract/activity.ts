/**
 * The activity log's table test, run against both backends: one scenario
 * makes a line of every kind (but `job-set-aside`, which only the trial
 * backend's stored jobs can make), and every line, as the Activity tab shows
 * it (who, what), must be the expected sentence in English and in French,
 * naming its members, a member removed since too.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_KINDS,
  DIRECTORY_ACTIVITY_KINDS,
  SSO_ACTIVITY_KINDS,
  type ActivityEntry,
  type ActivityKind,
} from '../../lib/domain/activity.ts';
import type { OrgConnection } from '../../lib/domain/org-connection.ts';
import type { Member } from '../../lib/domain/member.ts';
import { actorName, describeActivity } from '../../components/activity/describe-activity.ts';
import { must, type Run } from './contract.ts';

export interface ActivityBackend {
  /** The org's first admin, Olivia Owner, just made (the org's first lines: created, signed in). */
  owner: Run;
  /** How the org was named when it was created (a team server's claim), if it was. */
  orgName?: string;
  /** Signs an invited member in as this backend does (a sign-in line). */
  signIn(email: string, name: string): Promise<Run>;
  advance(ms: number): void;
  connectInput: Record<string, string>;
  /** Trial mode only: a bulk change of the owner's that fails until it is set aside. */
  setAsideJob?: () => Promise<void>;
  /**
   * Team server only: the company directory at work, over SCIM with a token the
   * owner makes (named "Okta") and revokes at the end: Dana Directory is
   * provisioned, deactivated, reactivated, put in a team "Field" that is renamed
   * "Field Sales" and removed, and is removed.
   */
  directory?: (owner: Run) => Promise<void>;
  close(): Promise<void>;
}

type Locale = 'en' | 'fr';
type Line = { kind: ActivityKind; en: string; fr: string };

export function activityTable(
  name: string,
  factory: () => Promise<ActivityBackend>,
  setLocale: (locale: Locale) => void,
): void {
  describe(`activity lines of every kind, in both languages: ${name}`, () => {
    it('name every member, in the words of the product', async () => {
      const backend = await factory();
      try {
        const { owner } = backend;
        const invited = await must<{ invited: { member: Member }[] }>(
          owner('inviteMembers', {
            rows: [
              { name: 'Avery Admin', email: 'avery@example.com', role: 'admin' },
              { name: 'Rey Rep', email: 'rey@example.com' },
              { name: 'Gus Gone', email: 'gus@example.com' },
            ],
          }),
          'inviting',
        );
        const [avery, rey, gus] = invited.invited.map((r) => r.member.id) as [string, string, string];
        await must(owner('updateMember', { memberId: rey, teams: ['Everyone', 'Sales'] }), 'updating');
        const connection = await must<OrgConnection>(owner('connectOrg', backend.connectInput), 'connecting');
        const workspace = connection.workspaces[1]!;
        // While Olivia owns the org connection: only the owner makes and revokes SCIM tokens.
        await backend.directory?.(owner);
        backend.advance(10 * 60_000);
        await must(owner('grantAccess', { memberIds: [avery, rey, gus], workspaceIds: [] }), 'granting');
        await must(owner('changeWorkspaces', { memberIds: [rey], workspaceIds: [workspace.id] }), 'changing');
        await must(owner('removeMember', { memberId: gus }), 'removing Gus');
        // The handover: the owner removes Avery's access, Avery connects, the old owner's disconnect ends it.
        await must(owner('removeAccess', { memberIds: [avery] }), 'removing Avery’s access');
        const asAvery = await backend.signIn('avery@example.com', 'Avery Admin');
        await must(asAvery('connectOrg', backend.connectInput), 'Avery connecting');
        await must(owner('disconnectOrg', {}), 'ending the handover');
        const refreshed = await must<OrgConnection>(asAvery('refreshWorkspaces', {}), 'refreshing');
        await must(asAvery('disconnectOrg', {}), 'disconnecting');
        await backend.setAsideJob?.();

        const log = (await must<ActivityEntry[]>(asAvery('getActivity', {}), 'reading the log')).reverse();
        // The Activity tab's context: the members still there (Gus is not), the workspaces as last known.
        const members = await must<{ members: Member[] }>(asAvery('getState', {}), 'reading the org');
        const names = new Map(members.members.map((m) => [m.id, m.name]));
        expect(names.has(gus)).toBe(false);
        const context = { nameOf: (id: string) => names.get(id), workspaces: connection.workspaces };
        const shown = (locale: Locale) => {
          setLocale(locale);
          return log.map((e) => `${e.kind} | ${actorName(e, context)} | ${describeActivity(e, context)}`).sort();
        };

        const expected = expectedLines({
          orgName: backend.orgName,
          munchkinId: backend.connectInput.munchkinId!,
          workspace: workspace.name,
          workspaces: refreshed.workspaces.length,
          jobSetAside: backend.setAsideJob !== undefined,
          directory: backend.directory !== undefined,
        });
        for (const locale of ['en', 'fr'] as const)
          expect(shown(locale), locale).toEqual(expected.map((l) => `${l.kind} | ${l[locale]}`).sort());
        // Every kind is in the table (job-set-aside only where jobs are stored, the directory's only on a server). The
        // company sign-in's lines need an identity provider: their sentences are in describe-activity.test.tsx, their
        // writing in server/tests/sso.test.ts.
        const kinds = new Set(log.map((e) => e.kind));
        const needProvider: readonly ActivityKind[] = SSO_ACTIVITY_KINDS;
        expect(ACTIVITY_KINDS.filter((k) => !kinds.has(k) && !needProvider.includes(k))).toEqual([
          ...(backend.setAsideJob ? [] : ['job-set-aside']),
          ...(backend.directory ? [] : DIRECTORY_ACTIVITY_KINDS),
        ]);
      } finally {
        await backend.close();
      }
    });
  });
}

/** Who | what, as the Activity tab shows each line of the scenario, in both languages. */
function expectedLines(o: {
  orgName: string | undefined;
  munchkinId: string;
  workspace: string;
  workspaces: number;
  jobSetAside: boolean;
  directory: boolean;
}): Line[] {
  const O = 'Olivia Owner';
  const A = 'Avery Admin';
  const nb = '\u00a0';
  const lines: Line[] = [
    o.orgName
      ? {
          kind: 'org-created',
          en: `${O} | Created the org “${o.orgName}”, with ${O} as its first admin`,
          fr: `${O} | A créé l’organisation «${nb}${o.orgName}${nb}», avec ${O} comme premier admin`,
        }
      : {
          kind: 'org-created',
          en: `${O} | Created the org, with ${O} as its first admin`,
          fr: `${O} | A créé l’organisation, avec ${O} comme premier admin`,
        },
    { kind: 'signed-in', en: `${O} | Signed in to Marketo Access`, fr: `${O} | A ouvert une session Marketo Access` },
    ...(
      [
        ['Avery Admin', 'avery@example.com'],
        ['Rey Rep', 'rey@example.com'],
        ['Gus Gone', 'gus@example.com'],
      ] as const
    ).map(([name, email]): Line => ({
      kind: 'member-invited',
      en: `${O} | Invited ${name} (${email})`,
      fr: `${O} | A invité ${name} (${email})`,
    })),
    {
      kind: 'member-updated',
      en: `${O} | Changed Rey Rep: role user, teams Everyone, Sales`,
      fr: `${O} | A modifié Rey Rep${nb}: rôle utilisateur, équipes Everyone, Sales`,
    },
    {
      kind: 'org-connected',
      en: `${O} | Connected the org to Marketo (${o.munchkinId})`,
      fr: `${O} | A connecté l’organisation à Marketo (${o.munchkinId})`,
    },
    ...['Avery Admin', 'Rey Rep', 'Gus Gone'].map((name): Line => ({
      kind: 'access-granted',
      en: `${O} | Granted ${name} Marketo access (workspaces: Default)`,
      fr: `${O} | A accordé à ${name} l’accès à Marketo (espaces de travail${nb}: Default)`,
    })),
    {
      kind: 'access-removed',
      en: `${O} | Removed Rey Rep’s Marketo access to change their workspaces`,
      fr: `${O} | A retiré à Rey Rep l’accès à Marketo pour changer ses espaces de travail`,
    },
    {
      kind: 'access-granted',
      en: `${O} | Granted Rey Rep Marketo access (workspaces: ${o.workspace})`,
      fr: `${O} | A accordé à Rey Rep l’accès à Marketo (espaces de travail${nb}: ${o.workspace})`,
    },
    // Gus is gone: his lines still name him.
    {
      kind: 'access-removed',
      en: `${O} | Removed Gus Gone’s Marketo access`,
      fr: `${O} | A retiré à Gus Gone l’accès à Marketo`,
    },
    {
      kind: 'member-removed',
      en: `${O} | Removed Gus Gone from the org`,
      fr: `${O} | A retiré Gus Gone de l’organisation`,
    },
    {
      kind: 'access-removed',
      en: `${O} | Removed Avery Admin’s Marketo access`,
      fr: `${O} | A retiré à Avery Admin l’accès à Marketo`,
    },
    { kind: 'signed-in', en: `${A} | Signed in to Marketo Access`, fr: `${A} | A ouvert une session Marketo Access` },
    {
      kind: 'org-connected',
      en: `${A} | Connected the org to Marketo (${o.munchkinId})`,
      fr: `${A} | A connecté l’organisation à Marketo (${o.munchkinId})`,
    },
    {
      kind: 'org-handover-ended',
      en: `${O} | Ended the handover: ${A} now owns the org connection`,
      fr: `${O} | A terminé la passation${nb}: ${A} est désormais propriétaire de la connexion de l’organisation`,
    },
    {
      kind: 'workspaces-refreshed',
      en: `${A} | Refreshed the Marketo workspace list (${o.workspaces} workspaces)`,
      fr: `${A} | A actualisé la liste des espaces de travail Marketo (${o.workspaces} espaces)`,
    },
    {
      kind: 'access-removed',
      en: `${A} | Removed Rey Rep’s Marketo access: the org was disconnected`,
      fr: `${A} | A retiré à Rey Rep l’accès à Marketo${nb}: l’organisation a été déconnectée`,
    },
    {
      kind: 'org-disconnected',
      en: `${A} | Disconnected the org from Marketo`,
      fr: `${A} | A déconnecté l’organisation de Marketo`,
    },
  ];
  if (o.directory) {
    const D = 'Dana Directory';
    const changed = (teams: string): Line => ({
      kind: 'member-updated',
      en: `Okta | Changed ${D}: role user, teams ${teams}`,
      fr: `Okta | A modifié ${D}${nb}: rôle utilisateur, équipes ${teams}`,
    });
    lines.push(
      {
        kind: 'directory-token-created',
        en: `${O} | Created the SCIM token “Okta”`,
        fr: `${O} | A créé le jeton SCIM «${nb}Okta${nb}»`,
      },
      {
        kind: 'member-invited',
        en: `Okta | Invited ${D} (dana@example.com)`,
        fr: `Okta | A invité ${D} (dana@example.com)`,
      },
      {
        kind: 'member-deactivated',
        en: `Okta | Deactivated ${D}: no Marketo access, seat freed`,
        fr: `Okta | A désactivé ${D}${nb}: plus d’accès à Marketo, place libérée`,
      },
      {
        kind: 'member-reactivated',
        en: `Okta | Reactivated ${D} (Marketo access is granted again separately)`,
        fr: `Okta | A réactivé ${D} (l’accès à Marketo s’accorde à nouveau à part)`,
      },
      { kind: 'team-created', en: 'Okta | Created the team “Field”', fr: `Okta | A créé l’équipe «${nb}Field${nb}»` },
      changed('Everyone, Field'),
      {
        kind: 'team-renamed',
        en: 'Okta | Renamed the team “Field” to “Field Sales”',
        fr: `Okta | A renommé l’équipe «${nb}Field${nb}» en «${nb}Field Sales${nb}»`,
      },
      changed('Everyone, Field Sales'),
      {
        kind: 'team-removed',
        en: 'Okta | Removed the team “Field Sales”',
        fr: `Okta | A supprimé l’équipe «${nb}Field Sales${nb}»`,
      },
      changed('Everyone'),
      {
        kind: 'member-removed',
        en: `Okta | Removed ${D} from the org`,
        fr: `Okta | A retiré ${D} de l’organisation`,
      },
      {
        kind: 'directory-token-revoked',
        en: `${O} | Revoked the SCIM token “Okta”`,
        fr: `${O} | A révoqué le jeton SCIM «${nb}Okta${nb}»`,
      },
    );
  }
  if (o.jobSetAside)
    lines.push({
      kind: 'job-set-aside',
      en: `${O} | A bulk change (grantAccess) failed 3 times and was set aside: it was not applied`,
      fr: `${O} | Une modification groupée (grantAccess) a échoué 3 fois et a été mise de côté${nb}: elle n’a pas été appliquée`,
    });
  return lines;
}
