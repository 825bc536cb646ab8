import { DEFAULT_TEAM, type MemberStatus, type Role } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';

export const roleLabel = (role: Role): string => (role === 'admin' ? t('members_roleAdmin') : t('members_roleUser'));

export const statusLabel = (status: MemberStatus): string =>
  status === 'active'
    ? t('members_statusActive')
    : status === 'deactivated'
      ? t('members_statusDeactivated')
      : t('members_statusInvited');

/** A team as the page names it: the default team is stored as "Everyone" and shown in the page's language. */
export const teamLabel = (team: string): string => (team === DEFAULT_TEAM ? t('members_defaultTeam') : team);
