import { recordedName, type ActivityEntry, type ActivityKind } from '../../lib/domain/activity.ts';
import { workspaceNames, type Workspace } from '../../lib/domain/workspace.ts';
import { t, tp } from '../../lib/ui/i18n.ts';

/** What a sentence needs besides the entry: names of members still in the org, and the org's workspaces. */
export interface ActivityContext {
  nameOf: (memberId: string) => string | undefined;
  workspaces: readonly Workspace[];
}

/** Every kind, in the order the filter lists them; a Record so a new kind cannot be forgotten here. */
const KIND_LABEL: Record<ActivityKind, () => string> = {
  'member-invited': () => t('activity_kindMemberInvited'),
  'member-updated': () => t('activity_kindMemberUpdated'),
  'member-removed': () => t('activity_kindMemberRemoved'),
  'access-granted': () => t('activity_kindAccessGranted'),
  'access-removed': () => t('activity_kindAccessRemoved'),
  'org-created': () => t('activity_kindOrgCreated'),
  'org-connected': () => t('activity_kindOrgConnected'),
  'org-disconnected': () => t('activity_kindOrgDisconnected'),
  'workspaces-refreshed': () => t('activity_kindWorkspacesRefreshed'),
  'signed-in': () => t('activity_kindSignedIn'),
  'org-handover-ended': () => t('activity_kindOrgHandoverEnded'),
  'job-set-aside': () => t('activity_kindJobSetAside'),
  'member-deactivated': () => t('activity_kindMemberDeactivated'),
  'member-reactivated': () => t('activity_kindMemberReactivated'),
  'team-created': () => t('activity_kindTeamCreated'),
  'team-renamed': () => t('activity_kindTeamRenamed'),
  'team-removed': () => t('activity_kindTeamRemoved'),
  'directory-token-created': () => t('activity_kindDirectoryTokenCreated'),
  'directory-token-revoked': () => t('activity_kindDirectoryTokenRevoked'),
  'sso-provider-set': () => t('activity_kindSsoProviderSet'),
  'sso-provider-removed': () => t('activity_kindSsoProviderRemoved'),
  'login-policy-set': () => t('activity_kindLoginPolicySet'),
};

export const ACTIVITY_KINDS = Object.keys(KIND_LABEL) as ActivityKind[];

export const kindLabel = (kind: ActivityKind): string => KIND_LABEL[kind]?.() ?? kind;

const detail = (entry: ActivityEntry, key: string): string | undefined => {
  const value = entry.details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/**
 * A member a line names: as the line recorded them, else (a line written
 * before names were kept) their name while they are still a member, else
 * the email the line recorded, else the raw id.
 */
function nameIn(entry: ActivityEntry, memberId: string | undefined, context: ActivityContext): string {
  if (memberId === undefined) return '?';
  return (
    recordedName(entry, memberId) ??
    context.nameOf(memberId) ??
    (memberId === entry.memberId ? detail(entry, 'email') : undefined) ??
    memberId
  );
}

/** Who did it, for the "Who" column and the CSV's actor. */
export const actorName = (entry: ActivityEntry, context: ActivityContext): string =>
  nameIn(entry, entry.actorId, context);

const roleText = (role: string | undefined) =>
  role === 'admin' ? t('activity_roleAdmin') : role === 'user' ? t('activity_roleUser') : (role ?? '');

type Sentence = (entry: ActivityEntry, member: string, context: ActivityContext) => string;

/** What happened, by kind; who did it is shown beside it. A Record: a new kind without words is a type error. */
const SENTENCE: Record<ActivityKind, Sentence> = {
  'org-created': (entry, member) => {
    const orgName = detail(entry, 'orgName');
    return orgName ? t('activity_orgCreatedNamed', orgName, member) : t('activity_orgCreated', member);
  },
  'signed-in': () => t('activity_signedIn'),
  'member-invited': (entry, member) => {
    const email = detail(entry, 'email');
    return email && email !== member
      ? t('activity_memberInvitedWithEmail', member, email)
      : t('activity_memberInvited', member);
  },
  'member-updated': (entry, member) =>
    t('activity_memberUpdated', member, roleText(detail(entry, 'role')), detail(entry, 'teams') ?? ''),
  'member-removed': (_entry, member) => t('activity_memberRemoved', member),
  'access-granted': (entry, member, context) => {
    const ids = entry.details?.workspaceIds;
    const names = workspaceNames(Array.isArray(ids) ? ids : [], context.workspaces);
    return t('activity_accessGranted', member, names.join(', '));
  },
  'access-removed': (entry, member) => {
    const reason = detail(entry, 'reason');
    if (reason === 'org-disconnected') return t('activity_accessRemovedOrgDisconnected', member);
    if (reason === 'workspaces-changed') return t('activity_accessRemovedToChange', member);
    return t('activity_accessRemoved', member);
  },
  'org-connected': (entry) => t('activity_orgConnected', detail(entry, 'munchkinId') ?? ''),
  'org-disconnected': () => t('activity_orgDisconnected'),
  'workspaces-refreshed': (entry) => {
    const count = Number(detail(entry, 'count') ?? 0);
    return tp('activity_workspacesRefreshed', count, count);
  },
  // Lines written before the new owner was recorded say what happened without a name.
  'org-handover-ended': (entry, member) =>
    entry.memberId === undefined ? kindLabel(entry.kind) : t('activity_orgHandoverEnded', member),
  'job-set-aside': (entry) =>
    t('activity_jobSetAside', detail(entry, 'command') ?? '', Number(detail(entry, 'attempts') ?? 3)),
  // The company directory's lines: their actor is the SCIM token, by the name the owner gave it.
  'member-deactivated': (_entry, member) => t('activity_memberDeactivated', member),
  'member-reactivated': (_entry, member) => t('activity_memberReactivated', member),
  'team-created': (entry) => t('activity_teamCreated', detail(entry, 'team') ?? ''),
  'team-renamed': (entry) => t('activity_teamRenamed', detail(entry, 'from') ?? '', detail(entry, 'team') ?? ''),
  'team-removed': (entry) => t('activity_teamRemoved', detail(entry, 'team') ?? ''),
  'directory-token-created': (entry) => t('activity_directoryTokenCreated', detail(entry, 'token') ?? ''),
  'directory-token-revoked': (entry) => t('activity_directoryTokenRevoked', detail(entry, 'token') ?? ''),
  'sso-provider-set': (entry) =>
    t('activity_ssoProviderSet', detail(entry, 'name') ?? '', (detail(entry, 'domains') ?? '').split(' ').join(', ')),
  'sso-provider-removed': () => t('activity_ssoProviderRemoved'),
  'login-policy-set': (entry) =>
    detail(entry, 'policy') === 'sso-only' ? t('activity_loginPolicySsoOnly') : t('activity_loginPolicyCodes'),
};

/** What happened, as a sentence in the page's language (who did it is shown beside it). */
export function describeActivity(entry: ActivityEntry, context: ActivityContext): string {
  const sentence = SENTENCE[entry.kind] as Sentence | undefined;
  // A kind this page does not know yet (a newer worker): say what it is rather than nothing.
  if (!sentence) return String((entry as { kind: unknown }).kind);
  return sentence(entry, nameIn(entry, entry.memberId, context), context);
}
