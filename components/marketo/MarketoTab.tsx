import type { AdminView } from '../../lib/ui/views.ts';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import { t } from '../../lib/ui/i18n.ts';
import { ConnectOrgForm } from './ConnectOrgForm.tsx';
import { DisconnectOrgButton } from './DisconnectOrgButton.tsx';
import { HandoverPanel } from './HandoverPanel.tsx';
import { OrgStatus } from './OrgStatus.tsx';
import { Workspaces } from './Workspaces.tsx';

/** Settings > Admin Settings > Marketo: the org connection. */
export function MarketoTab({ view }: { view: AdminView }) {
  const connection = connectionOf(view.org);
  const isOwner = connection?.ownerId === view.me.id;
  // After a handover the old owner's Disconnect ends it (the handover's third step).
  const endsHandover = connection?.previousOwnerId === view.me.id;
  return (
    <div>
      <h2>{t('marketo_title')}</h2>
      <OrgStatus org={view.org} members={view.members} />
      {connection && <Workspaces connection={connection} />}
      {connection && <HandoverPanel connection={connection} members={view.members} me={view.me} />}
      {connection && (isOwner || endsHandover) && <DisconnectOrgButton endsHandover={endsHandover} />}
      {connection && !isOwner && !endsHandover && <p class="hint">{t('marketo_onlyOwnerDisconnects')}</p>}
      {connection ? (
        <details>
          <summary>{t('marketo_reconnectSummary')}</summary>
          <p class="hint">{t('marketo_reconnectHint')}</p>
          <ConnectOrgForm />
        </details>
      ) : (
        <ConnectOrgForm />
      )}
    </div>
  );
}
