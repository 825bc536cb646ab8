import type { ActivityEntry, ActivityKind } from '../../lib/domain/activity.ts';
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
  'org-connected': () => t('activity_kindOrgConnected'),
  'org-disconnected': () => t('activity_kindOrgDisconnected'),
  'workspaces-refreshed': () => t('activity_kindWorkspacesRefreshed'),
  'signed-in': () => t('activity_kindSignedIn'),
  'org-handover-ended': () => t('activity_kindOrgHandoverEnded'),
  'job-set-aside': () => t('activity_kindJobSetAside'),
};

export const ACTIVITY_KINDS = Object.keys(KIND_LABEL) as ActivityKind[];

export const kindLabel = (kind: ActivityKind): string => KIND_LABEL[kind]?.() ?? kind;

const detail = (entry: ActivityEntry, key: string): string | undefined => {
  const value = entry.details?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/**
 * The member an entry is about: their name while they are still a member, else
 * the email the entry recorded (a removed member), else the raw id.
 */
function memberOf(entry: ActivityEntry, context: ActivityContext): string {
  const name = entry.memberId === undefined ? undefined : context.nameOf(entry.memberId);
  return name ?? detail(entry, 'email') ?? entry.memberId ?? '?';
}

const roleText = (role: string | undefined) =>
  role === 'admin' ? t('activity_roleAdmin') : role === 'user' ? t('activity_roleUser') : (role ?? '');

/** What happened, as a sentence in the page's language (who did it is shown beside it). */
export function describeActivity(entry: ActivityEntry, context: ActivityContext): string {
  const member = memberOf(entry, context);
  switch (entry.kind) {
    case 'signed-in':
      return t('activity_signedIn');
    case 'member-invited': {
      const email = detail(entry, 'email');
      return email && email !== member
        ? t('activity_memberInvitedWithEmail', member, email)
        : t('activity_memberInvited', member);
    }
    case 'member-updated':
      return t('activity_memberUpdated', member, roleText(detail(entry, 'role')), detail(entry, 'teams') ?? '');
    case 'member-removed':
      return t('activity_memberRemoved', member);
    case 'access-granted': {
      const ids = entry.details?.workspaceIds;
      const names = workspaceNames(Array.isArray(ids) ? ids : [], context.workspaces);
      return t('activity_accessGranted', member, names.join(', '));
    }
    case 'access-removed': {
      const reason = detail(entry, 'reason');
      if (reason === 'org-disconnected') return t('activity_accessRemovedOrgDisconnected', member);
      if (reason === 'workspaces-changed') return t('activity_accessRemovedToChange', member);
      return t('activity_accessRemoved', member);
    }
    case 'org-connected':
      return t('activity_orgConnected', detail(entry, 'munchkinId') ?? '');
    case 'org-disconnected':
      return t('activity_orgDisconnected');
    case 'workspaces-refreshed': {
      const count = Number(detail(entry, 'count') ?? 0);
      return tp('activity_workspacesRefreshed', count, count);
    }
    default:
      // A kind this page does not know yet (a newer worker): say what it is rather than nothing.
      return String((entry as { kind: unknown }).kind);
  }
}
