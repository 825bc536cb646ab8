import { useState } from 'preact/hooks';
import type { OrgView } from '../lib/backend/port.ts';
import { SKIP_REASON_TEXT, type PlannedGrant } from '../lib/domain/grant.ts';
import { connectionOf } from '../lib/domain/org-connection.ts';
import { isWaiting } from '../lib/domain/waiting-period.ts';
import { workspaceNames } from '../lib/domain/workspace.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { useNow } from '../lib/ui/use-now.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/** Marketo > User Access: invited members, their access, select and Connect. */
export function AccessList({ view }: { view: OrgView }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [workspaceIds, setWorkspaceIds] = useState<ReadonlySet<number>>(new Set());
  const [skipped, setSkipped] = useState<PlannedGrant[]>([]);
  const grant = useCommand('grantAccess');
  const revoke = useCommand('revokeAccess');
  const connection = connectionOf(view.org);
  const now = useNow(connection !== undefined && isWaiting(connection.readyAt, Date.now()));
  const waiting = connection !== undefined && isWaiting(connection.readyAt, now);
  const grants = new Map(view.grants.map((g) => [g.memberId, g]));
  const names = new Map(view.members.map((m) => [m.id, m.name]));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  if (view.members.length === 0) return <p>No members yet: invite your team first.</p>;
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">User Access</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Select</span>
            </th>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Marketo access</th>
          </tr>
        </thead>
        <tbody>
          {view.members.map((member) => {
            const memberGrant = grants.get(member.id);
            return (
              <tr key={member.id} data-testid="member-row">
                <td>
                  <input type="checkbox" aria-label={`Select ${member.name}`} checked={selected.has(member.id)} onChange={() => toggle(member.id)} />
                </td>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td data-testid="member-access">
                  {memberGrant
                    ? `Connected (${workspaceNames(memberGrant.workspaceIds, connection?.workspaces ?? []).join(', ')})`
                    : 'Not connected'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {connection?.workspacesEnabled && (
        <fieldset>
          <legend>Workspaces (Default when none is chosen)</legend>
          {connection.workspaces.map((w) => (
            <label key={w.id} class="inline">
              <input
                type="checkbox"
                checked={workspaceIds.has(w.id)}
                onChange={() => {
                  const next = new Set(workspaceIds);
                  if (next.has(w.id)) next.delete(w.id);
                  else next.add(w.id);
                  setWorkspaceIds(next);
                }}
              />
              {w.name}
            </label>
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button
          type="button"
          disabled={selected.size === 0 || grant.busy || waiting || !connection}
          onClick={async () => {
            const report = await grant.run({ memberIds: [...selected], workspaceIds: [...workspaceIds] });
            if (report) {
              setSkipped(report.entries.filter((e) => e.outcome === 'skip'));
              setSelected(new Set());
            }
          }}
        >
          Connect {selected.size > 0 ? `${selected.size} selected` : ''}
        </button>
        <button
          type="button"
          disabled={selected.size === 0 || revoke.busy}
          onClick={async () => {
            if (await revoke.run({ memberIds: [...selected] })) setSelected(new Set());
          }}
        >
          Remove access
        </button>
      </div>
      {!connection && <p>Connect the org to Marketo before giving access.</p>}
      <ProblemMessage problem={grant.problem ?? revoke.problem} />
      {skipped.length > 0 && (
        <ul aria-label="Skipped members" data-testid="skipped">
          {skipped.map((entry) => (
            <li key={entry.memberId}>
              {names.get(entry.memberId) ?? entry.memberId}: {entry.outcome === 'skip' ? SKIP_REASON_TEXT[entry.reason] : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
