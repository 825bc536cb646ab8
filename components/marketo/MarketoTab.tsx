import type { AdminView } from '../../lib/ui/views.ts';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import { t } from '../../lib/ui/i18n.ts';
import { lazy } from '../Lazy.tsx';
import { OrgStatus } from './OrgStatus.tsx';

// The tab's forms load when it is opened: the console opens on User Access.
const ConnectOrgForm = lazy(() => import('./ConnectOrgForm.tsx').then((m) => m.ConnectOrgForm));
const DisconnectOrgButton = lazy(() => import('./DisconnectOrgButton.tsx').then((m) => m.DisconnectOrgButton), {
  quiet: true,
});
const Workspaces = lazy(() => import('./Workspaces.tsx').then((m) => m.Workspaces), { quiet: true });
const HandoverPanel = lazy(() => import('./HandoverPanel.tsx').then((m) => m.HandoverPanel), { quiet: true });
const ExportOrgButton = lazy(() => import('../org-file/ExportOrgButton.tsx').then((m) => m.ExportOrgButton), {
  quiet: true,
});
const IdentityPanel = lazy(() => import('../server/IdentityPanel.tsx').then((m) => m.IdentityPanel), { quiet: true });
const MoveOrgPanel = lazy(() => import('../org-file/MoveOrgPanel.tsx').then((m) => m.MoveOrgPanel), { quiet: true });

/**
 * Settings > Admin Settings > Marketo: the org connection.
 * `onServer`: the org lives on a team server, which calls Marketo itself (no host permission to ask here).
 */
export function MarketoTab({ view, onServer = false }: { view: AdminView; onServer?: boolean }) {
  const connection = connectionOf(view.org);
  const isOwner = connection?.ownerId === view.me.id;
  // After a handover the old owner's Disconnect ends it (the handover's third step).
  const endsHandover = connection?.previousOwnerId === view.me.id;
  // The org's file is its owner's once connected (exportOrg's rule); before that, any admin's.
  const mayExport = !connection || isOwner;
  return (
    <div>
      <h2>{t('marketo_title')}</h2>
      <OrgStatus org={view.org} members={view.members} />
      {connection && <Workspaces connection={connection} />}
      {connection && <HandoverPanel connection={connection} members={view.members} me={view.me} />}
      {connection && (isOwner || endsHandover) && <DisconnectOrgButton endsHandover={endsHandover} />}
      {connection && !isOwner && !endsHandover && <p class="hint">{t('marketo_onlyOwnerDisconnects')}</p>}
      {connection?.needsSecret && (
        <p class="banner" role="status" data-testid="needs-secret">
          {t('marketo_needsSecret')}
        </p>
      )}
      {connection && !connection.needsSecret ? (
        <details>
          <summary>{t('marketo_reconnectSummary')}</summary>
          <p class="hint">{t('marketo_reconnectHint')}</p>
          <ConnectOrgForm onServer={onServer} />
        </details>
      ) : (
        <ConnectOrgForm onServer={onServer} />
      )}
      {mayExport && <ExportOrgButton />}
      {/* The company sign-in and login policy: the same people as the org's file (decideIdentityAdmin). */}
      {mayExport && onServer && <IdentityPanel />}
      {/* A trial becomes the team's org on its server, without retyping. */}
      {mayExport && !onServer && <MoveOrgPanel />}
    </div>
  );
}
