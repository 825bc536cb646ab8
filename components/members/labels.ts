import type { MemberStatus, Role } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';

export const roleLabel = (role: Role): string => (role === 'admin' ? t('members_roleAdmin') : t('members_roleUser'));

export const statusLabel = (status: MemberStatus): string =>
  status === 'active' ? t('members_statusActive') : t('members_statusInvited');
