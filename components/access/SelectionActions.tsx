import { useState } from 'preact/hooks';
import type { OrgView } from '../../lib/backend/port.ts';
import { planGrant, type Grant, type GrantCandidate } from '../../lib/domain/grant.ts';
import type { Member } from '../../lib/domain/member.ts';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { formatRemaining, isWaiting } from '../../lib/domain/waiting-period.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useNow } from '../../lib/ui/use-now.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { GrantPreview } from './GrantPreview.tsx';
import { WorkspacePicker } from './WorkspacePicker.tsx';

/** Large selections go in chunks, each its own job, so the page can show progress. */
const CHUNK = 250;

type Outcome = { kind: 'connected' | 'changed'; done: number; skipped: number } | { kind: 'removed'; done: number };

/** What an admin does with the selected members: connect (with workspaces), change workspaces, remove access. */
export interface SelectionActionsProps {
  view: OrgView;
  /** The view's members and grants by member id, as the list above already has them. */
  members: ReadonlyMap<string, Member>;
  grants: ReadonlyMap<string, Grant>;
  selected: ReadonlySet<string>;
  onDone: () => void;
  nameOf: (id: string) => string;
  compact?: boolean;
}

export function SelectionActions({ view, members, grants, selected, onDone, nameOf, compact = false }: SelectionActionsProps) {
  const [workspaceIds, setWorkspaceIds] = useState<Set<number>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const connection = connectionOf(view.org);
  const now = useNow(connection !== undefined && isWaiting(connection.readyAt, Date.now()));
  const waiting = connection !== undefined && isWaiting(connection.readyAt, now);

  const ids = [...selected];
  const candidates: GrantCandidate[] = ids.map((memberId) => {
    const member = members.get(memberId);
    const grant = grants.get(memberId);
    return { memberId, ...(member && { member }), ...(grant && { grant }) };
  });
  const plan = planGrant(candidates, [...workspaceIds], connection, now);
  const connected = ids.filter((id) => grants.has(id));
  const busy = progress !== undefined;

  /** Sends the ids in chunks; stops at the first refusal, keeping what was done. */
  const inChunks = async (all: string[], send: (chunk: string[]) => Promise<{ done: number; skipped: number } | Problem>) => {
    setProblem(undefined);
    setOutcome(undefined);
    let done = 0;
    let skipped = 0;
    setProgress({ done: 0, total: all.length });
    try {
      for (let i = 0; i < all.length; i += CHUNK) {
        const result = await send(all.slice(i, i + CHUNK));
        if ('code' in result) {
          setProblem(result);
          return undefined;
        }
        done += result.done;
        skipped += result.skipped;
        setProgress({ done: Math.min(all.length, i + CHUNK), total: all.length });
      }
      return { done, skipped };
    } finally {
      setProgress(undefined);
    }
  };

  const grantCommand = (command: 'grantAccess' | 'changeWorkspaces') => async (chunk: string[]) => {
    const response = await sendCommand(command, { memberIds: chunk, workspaceIds: [...workspaceIds] });
    return response.ok ? { done: response.value.granted, skipped: response.value.entries.length - response.value.granted } : response.error;
  };

  /** Runs one action over its members in chunks; on success shows its outcome and clears the selection. */
  const act = async (kind: Outcome['kind'], all: string[], send: Parameters<typeof inChunks>[1]) => {
    const result = await inChunks(all, send);
    if (!result) return;
    setOutcome(kind === 'removed' ? { kind, done: result.done } : { kind, ...result });
    onDone();
  };
  const connect = () => act('connected', ids, grantCommand('grantAccess'));
  const changeWorkspaces = async () => {
    if (confirm(t('access_changeConfirm', connected.length))) await act('changed', connected, grantCommand('changeWorkspaces'));
  };
  const removeAccess = async () => {
    if (!confirm(t('access_removeConfirm', connected.length))) return;
    await act('removed', connected, async (chunk) => {
      const response = await sendCommand('revokeAccess', { memberIds: chunk });
      return response.ok ? { done: response.value.revoked.length, skipped: response.value.notConnected.length } : response.error;
    });
  };

  return (
    <div class="selection-actions" aria-label={t('access_actionsLabel')} role="group">
      {connection?.workspacesEnabled && <WorkspacePicker workspaces={connection.workspaces} selected={workspaceIds} onChange={setWorkspaceIds} />}
      {selected.size > 0 && <GrantPreview plan={plan} nameOf={nameOf} />}
      {waiting && connection && <p class="hint">{t('access_connectWaiting', formatRemaining(connection.readyAt, now))}</p>}
      <div class="actions">
        <button type="button" disabled={busy || waiting || plan.toGrant.length === 0} onClick={() => void connect()}>
          {t('access_connectButton', plan.toGrant.length)}
        </button>
        {/* The popup keeps to connecting; changing and removing access are in the console. */}
        {!compact && connection?.workspacesEnabled && (
          <button type="button" class="secondary" disabled={busy || waiting || connected.length === 0} onClick={() => void changeWorkspaces()}>
            {t('access_changeButton', connected.length)}
          </button>
        )}
        {!compact && (
          <button type="button" class="secondary danger" disabled={busy || connected.length === 0} onClick={() => void removeAccess()}>
            {t('access_removeButton', connected.length)}
          </button>
        )}
      </div>
      {progress && (
        <p role="status">
          <progress max={progress.total} value={progress.done} /> {t('access_progress', progress.done, progress.total)}
        </p>
      )}
      {outcome && (
        <p role="status" data-testid="action-outcome">
          {outcome.kind === 'removed' ? t('access_removedOutcome', outcome.done) : t(outcome.kind === 'connected' ? 'access_connectedOutcome' : 'access_changedOutcome', outcome.done, outcome.skipped)}
        </p>
      )}
      <ProblemMessage problem={problem} />
    </div>
  );
}
