import type { MemberStatus, Role } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';

export const roleLabel = (role: Role): string => (role === 'admin' ? t('team_roleAdmin') : t('team_roleUser'));

export const statusLabel = (status: MemberStatus): string =>
  status === 'active' ? t('team_statusActive') : t('team_statusInvited');
