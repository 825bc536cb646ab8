import type { Grant } from '../lib/domain/grant.ts';
import type { Member } from '../lib/domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../lib/domain/org-connection.ts';
import { workspaceNames } from '../lib/domain/workspace.ts';

/** "Your integrations": a sales rep's own Marketo access. */
export function RepStatus({ me, grant, org, admins }: { me: Member; grant: Grant | undefined; org: OrgConnectionState; admins: readonly Pick<Member, 'name' | 'email'>[] }) {
  const connection = connectionOf(org);
  return (
    <section class="card" aria-labelledby="rep-status-title">
      <h2 id="rep-status-title">Your integrations: Marketo</h2>
      {grant ? (
        <>
          <p data-testid="rep-status">
            Connected since {new Date(grant.grantedAt).toLocaleString()}.
          </p>
          <p>Workspaces: {workspaceNames(grant.workspaceIds, connection?.workspaces ?? []).join(', ')}</p>
          <p>Unlocks Interesting Moments in the Live Feed and Marketing Campaigns.</p>
        </>
      ) : (
        <p data-testid="rep-status">
          Not connected, {me.name}. Ask an admin of your team{admins.length > 0 ? ` (${admins.map((a) => `${a.name} <${a.email}>`).join(', ')})` : ''} to give you access.
        </p>
      )}
    </section>
  );
}
