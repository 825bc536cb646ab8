import { useEffect, useRef, useState } from 'preact/hooks';
import type { OrgView } from '../../lib/backend/port.ts';
import type { Grant, GrantCandidate } from '../../lib/domain/grant.ts';
import type { Member } from '../../lib/domain/member.ts';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { formatRemaining, isWaiting } from '../../lib/domain/waiting-period.ts';
import { planGrant } from '../../lib/features/access/rules.ts';
import { sendCommand } from '../../lib/messaging/client.ts';
import { t, tp } from '../../lib/ui/i18n.ts';
import { useNow } from '../../lib/ui/use-now.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { AccessConfirm, type AccessAction } from './AccessConfirm.tsx';
import { GrantPreview } from './GrantPreview.tsx';
import { WorkspacePicker } from './WorkspacePicker.tsx';

/** Large selections go in chunks, each its own job, so the page can show progress. */
const CHUNK = 250;

type Outcome = { action: AccessAction; done: number; skipped: number };
type Tally = { done: number; skipped: number };

/** What an admin does with the selected members: grant access (with workspaces), change workspaces, remove access. */
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

/** "Connect (2)": the count in one form on every button, and none when nothing would change. */
const counted = (label: string, count: number) => (count > 0 ? t('common_withCount', label, count) : label);

function outcomeText({ action, done, skipped }: Outcome): string {
  const key =
    action === 'grant'
      ? 'access_grantedOutcome'
      : action === 'change'
        ? 'access_changedOutcome'
        : 'access_removedOutcome';
  const main = tp(key, done, done);
  return skipped > 0 ? `${main} ${tp('access_skippedOutcome', skipped, skipped)}` : main;
}

export function SelectionActions({
  view,
  members,
  grants,
  selected,
  onDone,
  nameOf,
  compact = false,
}: SelectionActionsProps) {
  const [workspaceIds, setWorkspaceIds] = useState<Set<number>>(new Set());
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [asking, setAsking] = useState<AccessAction | undefined>(undefined);
  const outcomeLine = useRef<HTMLParagraphElement | null>(null);
  const connection = connectionOf(view.org);
  const now = useNow(connection !== undefined && isWaiting(connection.readyAt, Date.now()));
  const waiting = connection !== undefined && isWaiting(connection.readyAt, now);

  // The button that started the action is disabled now (nothing selected): focus goes to what it did, not to the page's top.
  useEffect(() => {
    if (outcome) outcomeLine.current?.focus();
  }, [outcome]);

  // A new selection starts a new action: the last one's result line and refusal no longer describe it.
  useEffect(() => {
    if (selected.size === 0) return;
    setOutcome(undefined);
    setProblem(undefined);
  }, [selected]);

  const ids = [...selected];
  const candidates: GrantCandidate[] = ids.map((memberId) => {
    const member = members.get(memberId);
    const grant = grants.get(memberId);
    return { memberId, ...(member && { member }), ...(grant && { grant }) };
  });
  const plan = planGrant(candidates, [...workspaceIds], connection, now);
  const granted = ids.filter((id) => grants.has(id));
  const busy = progress !== undefined;
  const chosenWorkspaces = (connection?.workspaces ?? []).filter((w) => workspaceIds.has(w.id));

  /** Sends the ids in chunks; stops at the first refusal, keeping what was done. */
  const inChunks = async (
    all: string[],
    send: (chunk: string[]) => Promise<Tally | Problem>,
  ): Promise<Tally | undefined> => {
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

  const grantCommand = (command: 'grantAccess' | 'changeWorkspaces', chosen: number[]) => async (chunk: string[]) => {
    const response = await sendCommand(command, { memberIds: chunk, workspaceIds: chosen });
    return response.ok
      ? { done: response.value.granted, skipped: response.value.entries.length - response.value.granted }
      : response.error;
  };
  const removeAccess = async (chunk: string[]) => {
    const response = await sendCommand('removeAccess', { memberIds: chunk });
    return response.ok
      ? { done: response.value.removed.length, skipped: response.value.notGranted.length }
      : response.error;
  };

  /**
   * Runs the confirmed action. Success resets the selection and the workspace
   * picker (a later action must not silently reuse these picks) and leaves one
   * result line, this action's.
   */
  const run = async (action: AccessAction) => {
    setAsking(undefined);
    setOutcome(undefined);
    setProblem(undefined);
    const chosen = [...workspaceIds];
    const result =
      action === 'grant'
        ? await inChunks(ids, grantCommand('grantAccess', chosen))
        : action === 'change'
          ? await inChunks(granted, grantCommand('changeWorkspaces', chosen))
          : await inChunks(granted, removeAccess);
    if (!result) return;
    setOutcome({ action, ...result });
    setWorkspaceIds(new Set());
    onDone();
  };

  const countFor = (action: AccessAction) => (action === 'grant' ? plan.toGrant.length : granted.length);

  return (
    <div class="selection-actions" aria-label={t('access_actionsLabel')} role="group">
      {connection?.workspacesEnabled && (
        <WorkspacePicker workspaces={connection.workspaces} selected={workspaceIds} onChange={setWorkspaceIds} />
      )}
      {/* The preview describes a grant still to come: not while an action runs or is being confirmed, nor during
          the wait, which the line below states once (not as every ticked member "skipped"). */}
      {selected.size > 0 && !busy && !asking && !waiting && <GrantPreview plan={plan} nameOf={nameOf} />}
      {waiting && connection && (
        <p class="hint">{t('access_grantWaiting', formatRemaining(connection.readyAt, now))}</p>
      )}
      <div class="actions">
        <button
          type="button"
          disabled={busy || waiting || plan.toGrant.length === 0}
          onClick={() => setAsking('grant')}
        >
          {counted(t('access_grantConfirmButton'), plan.toGrant.length)}
        </button>
        {/* The popup keeps to granting; changing and removing access are in the console. */}
        {!compact && connection?.workspacesEnabled && (
          <button
            type="button"
            class="secondary"
            disabled={busy || waiting || granted.length === 0}
            onClick={() => setAsking('change')}
          >
            {counted(t('access_changeConfirmButton'), granted.length)}
          </button>
        )}
        {!compact && (
          <button
            type="button"
            class="secondary danger"
            disabled={busy || granted.length === 0}
            onClick={() => setAsking('remove')}
          >
            {counted(t('access_removeConfirmButton'), granted.length)}
          </button>
        )}
      </div>
      {asking && (
        <AccessConfirm
          action={asking}
          count={countFor(asking)}
          names={(asking === 'grant' ? plan.toGrant : granted).map(nameOf)}
          workspaces={chosenWorkspaces}
          onConfirm={() => void run(asking)}
          onCancel={() => setAsking(undefined)}
        />
      )}
      {progress && (
        <p role="status">
          <progress max={progress.total} value={progress.done} /> {t('access_progress', progress.done, progress.total)}
        </p>
      )}
      {outcome && (
        <p role="status" data-testid="action-outcome" tabIndex={-1} ref={outcomeLine}>
          {outcomeText(outcome)}
        </p>
      )}
      <ProblemMessage problem={problem} />
    </div>
  );
}
