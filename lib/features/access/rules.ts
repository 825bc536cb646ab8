import type { GrantCandidate, GrantPlan, PlannedGrant, SkipReason } from '../../domain/grant.ts';
import type { Member } from '../../domain/member.ts';
import {
  connectionOf,
  type OrgConnection,
  type OrgConnectionState,
  type SharedOrgConnection,
} from '../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { isWaiting } from '../../domain/waiting-period.ts';

/**
 * Nobody removes their own access: an admin who could would then be free to
 * connect the org themselves and take it over. In a handover it is the
 * owner who removes the new admin's access (docs/RULES.md, rule 8).
 */
export function decideAccessRemoval(actor: Member, memberIds: readonly string[]): Result<void> {
  if (memberIds.includes(actor.id))
    return fail('remove-own-access', 'You cannot remove your own access: ask the owner of the org connection.');
  return ok(undefined);
}

/**
 * When the owner removes an admin's access, that admin may connect the org
 * next (the handover's first step). Answers the connection to store, or
 * undefined when nothing about the handover changed.
 */
export function handoverAfterRemoval(
  actor: Member,
  removed: readonly string[],
  members: readonly Member[],
  org: OrgConnectionState,
): OrgConnection | undefined {
  const connection = connectionOf(org);
  if (!connection || connection.ownerId !== actor.id) return undefined;
  const admins = new Set(members.filter((m) => m.role === 'admin').map((m) => m.id));
  const opened = removed.filter((id) => admins.has(id) && !connection.handoverTo?.includes(id));
  if (opened.length === 0) return undefined;
  return { ...connection, handoverTo: [...(connection.handoverTo ?? []), ...opened] };
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
  // The directory turned them off: no access until it turns them on again.
  if (candidate.member.status === 'deactivated') return 'deactivated';
  if (candidate.grant) return 'already-granted';
  return undefined;
}

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
