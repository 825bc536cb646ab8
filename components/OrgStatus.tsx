import type { OrgConnectionState } from '../lib/domain/org-connection.ts';
import type { Member } from '../lib/domain/member.ts';
import { WaitingPeriod } from './WaitingPeriod.tsx';

export function OrgStatus({ org, members }: { org: OrgConnectionState; members: readonly Member[] }) {
  if (org.status !== 'connected') {
    return (
      <section aria-labelledby="org-status-title">
        <h2 id="org-status-title">Marketo</h2>
        <p data-testid="org-status">{org.status === 'disconnected' ? 'The org was disconnected from Marketo.' : 'The org is not connected to Marketo yet.'}</p>
      </section>
    );
  }
  const { connection } = org;
  const owner = members.find((m) => m.id === connection.ownerId);
  return (
    <section aria-labelledby="org-status-title">
      <h2 id="org-status-title">Marketo</h2>
      <p data-testid="org-status">
        Connected to <strong>{connection.munchkinId}</strong> since {new Date(connection.connectedAt).toLocaleString()}
        {owner ? ` by ${owner.name}` : ''}.
      </p>
      <p>{connection.workspacesEnabled ? `Workspaces: ${connection.workspaces.map((w) => w.name).join(', ')}` : 'This subscription has no workspaces: access uses the Default workspace.'}</p>
      <WaitingPeriod readyAt={connection.readyAt} />
    </section>
  );
}
