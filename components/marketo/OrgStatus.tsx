import type { Member } from '../../lib/domain/member.ts';
import type { OrgConnectionState } from '../../lib/domain/org-connection.ts';
import { t } from '../../lib/ui/i18n.ts';
import { formatDate } from '../access/AccessStatus.tsx';
import { WaitingPeriod } from '../WaitingPeriod.tsx';

/** The org connection at a glance: Munchkin ID, since when, by whom, and the waiting period. */
export function OrgStatus({ org, members }: { org: OrgConnectionState; members: readonly Member[] }) {
  if (org.status !== 'connected') {
    return (
      <p data-testid="org-status">
        {org.status === 'disconnected'
          ? t('marketo_statusDisconnected', formatDate(org.disconnectedAt))
          : t('marketo_statusNotConnected')}
      </p>
    );
  }
  const { connection } = org;
  const owner = members.find((m) => m.id === connection.ownerId);
  return (
    <div>
      <p data-testid="org-status">
        {owner
          ? t('marketo_statusConnectedBy', connection.munchkinId, formatDate(connection.connectedAt), owner.name)
          : t('marketo_statusConnected', connection.munchkinId, formatDate(connection.connectedAt))}
      </p>
      <WaitingPeriod readyAt={connection.readyAt} />
    </div>
  );
}
