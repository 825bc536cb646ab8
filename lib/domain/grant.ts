import type { Member } from './member.ts';
import type { SharedOrgConnection } from './org-connection.ts';
import { isWaiting } from './waiting-period.ts';

/** A member's access to the org's Marketo connection. Workspaces are set once: change means removing access, then granting it again. */
export interface Grant {
  memberId: string;
  /** Empty: Marketo's Default workspace. */
  workspaceIds: number[];
  grantedAt: number;
  grantedBy: string;
}

export type SkipReason =
  | 'no-org-connection'
  | 'waiting-period'
  | 'workspaces-not-enabled'
  | 'unknown-workspace'
  | 'not-invited'
  | 'already-granted'
  | 'not-granted';

/** One member asked for: the member record if they are a member, their grant if they have one. */
export interface GrantCandidate {
  memberId: string;
  member?: Member;
  grant?: Grant;
}

export type PlannedGrant =
  | { memberId: string; outcome: 'grant'; workspaceIds: number[] }
  | { memberId: string; outcome: 'skip'; reason: SkipReason };

export interface GrantPlan {
  entries: PlannedGrant[];
  toGrant: string[];
}

/**
 * Decides, member by member, who a bulk grant would grant access to and who it
 * skips and why. Org-wide reasons (no connection, waiting period, bad
 * workspaces) skip everyone; then each member must be invited and not yet
 * granted access. Duplicated ids count once.
 */
export function planGrant(
  candidates: readonly GrantCandidate[],
  workspaceIds: readonly number[],
  org: SharedOrgConnection | undefined,
  now: number,
): GrantPlan {
  const workspaces = [...new Set(workspaceIds)].sort((a, b) => a - b);
  const orgReason = orgWideSkipReason(workspaces, org, now);
  const entries: PlannedGrant[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.memberId)) continue;
    seen.add(candidate.memberId);
    const reason = orgReason ?? memberSkipReason(candidate);
    entries.push(
      reason === undefined
        ? { memberId: candidate.memberId, outcome: 'grant', workspaceIds: workspaces }
        : { memberId: candidate.memberId, outcome: 'skip', reason },
    );
  }
  return { entries, toGrant: entries.filter((e) => e.outcome === 'grant').map((e) => e.memberId) };
}

function orgWideSkipReason(
  workspaceIds: readonly number[],
  org: SharedOrgConnection | undefined,
  now: number,
): SkipReason | undefined {
  if (!org) return 'no-org-connection';
  if (isWaiting(org.readyAt, now)) return 'waiting-period';
  if (workspaceIds.length > 0 && !org.workspacesEnabled) return 'workspaces-not-enabled';
  if (workspaceIds.some((id) => !org.workspaces.some((w) => w.id === id))) return 'unknown-workspace';
  return undefined;
}

function memberSkipReason(candidate: GrantCandidate): SkipReason | undefined {
  if (!candidate.member) return 'not-invited';
  if (candidate.grant) return 'already-granted';
  return undefined;
}

/** English for each skip reason; pages show their own translations keyed by the same code. */
export const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  'no-org-connection':
    'The org is not connected to Marketo yet: connect it under Settings > Admin Settings > Marketo first.',
  'waiting-period':
    'Marketo asks for ten minutes after the org connection before granting access: wait for the countdown to end.',
  'workspaces-not-enabled':
    'This Marketo subscription has no workspaces: connect without choosing any (the Default workspace is used).',
  'unknown-workspace':
    'One of the chosen workspaces no longer exists in Marketo: refresh the workspace list and choose again.',
  'not-invited': 'Not on the team: only invited members can be given access.',
  'already-granted': 'Already has access: to change workspaces, remove access and grant it again.',
  'not-granted': 'No access yet: grant it instead of changing workspaces.',
};

/**
 * Changing workspaces is removing access and granting it again (docs/RULES.md, rule 5), as
 * one step: a member with access is planned as if they had none; one
 * without access is skipped.
 */
export function planWorkspaceChange(
  candidates: readonly GrantCandidate[],
  workspaceIds: readonly number[],
  org: SharedOrgConnection | undefined,
  now: number,
): GrantPlan {
  const plan = planGrant(
    candidates.map(({ grant: _old, ...rest }) => rest),
    workspaceIds,
    org,
    now,
  );
  const granted = new Set(candidates.filter((c) => c.member && c.grant).map((c) => c.memberId));
  const entries = plan.entries.map((entry): PlannedGrant =>
    entry.outcome === 'grant' && !granted.has(entry.memberId)
      ? { memberId: entry.memberId, outcome: 'skip', reason: 'not-granted' }
      : entry,
  );
  return { entries, toGrant: entries.filter((e) => e.outcome === 'grant').map((e) => e.memberId) };
}
