import * as v from 'valibot';
import {
  planGrant,
  planWorkspaceChange,
  type GrantCandidate,
  type GrantPlan,
  type PlannedGrant,
} from '../../domain/grant.ts';
import { connectionOf } from '../../domain/org-connection.ts';
import { ok, type Result } from '../../domain/result.ts';
import { defineCommand, type RunContext } from '../command.ts';
import { memberIds, workspaceIds } from '../schemas.ts';
import { decideAccessRemoval, handoverAfterRemoval } from './rules.ts';

export interface GrantReport {
  entries: PlannedGrant[];
  granted: number;
}

export interface RemovalReport {
  removed: string[];
  notGranted: string[];
}

type Planner = typeof planGrant;

/**
 * Planned inside the write, against the stored org at the time it applies
 * (the same pure rule the page's preview uses): a stored job resumed later
 * skips whoever already has access, so nothing is applied twice.
 */
async function applyPlan(
  plan: Planner,
  ids: readonly string[],
  chosen: readonly number[],
  { store, actor, now }: RunContext,
): Promise<Result<GrantReport>> {
  const [members, grants, org] = await Promise.all([store.members.all(), store.grants.all(), store.org.get()]);
  const memberById = new Map(members.map((m) => [m.id, m]));
  const grantById = new Map(grants.map((g) => [g.memberId, g]));
  const candidates: GrantCandidate[] = ids.map((memberId) => {
    const member = memberById.get(memberId);
    const grant = grantById.get(memberId);
    return { memberId, ...(member && { member }), ...(grant && { grant }) };
  });
  const planned: GrantPlan = plan(candidates, chosen, connectionOf(org), now);
  if (planned.toGrant.length > 0) {
    // Every member granted here gets the same workspaces (the plan sorts and de-duplicates them).
    const granted = planned.entries.find((e) => e.outcome === 'grant')?.workspaceIds ?? [];
    if (plan === planWorkspaceChange) {
      await store.grants.remove(planned.toGrant);
      await store.activity.add({
        at: now,
        actorId: actor.id,
        kind: 'access-removed',
        memberIds: planned.toGrant,
        details: { reason: 'workspaces-changed' },
      });
    }
    await store.grants.add(planned.toGrant, { workspaceIds: granted, grantedAt: now, grantedBy: actor.id });
    await store.activity.add({
      at: now,
      actorId: actor.id,
      kind: 'access-granted',
      memberIds: planned.toGrant,
      details: { workspaceIds: granted },
    });
  }
  return ok({ entries: planned.entries, granted: planned.toGrant.length });
}

const selection = v.strictObject({ memberIds, workspaceIds });

export const grantAccess = defineCommand({
  input: selection,
  who: 'admin',
  writes: true,
  resumable: true,
  run: ({ memberIds: ids, workspaceIds: chosen }, ctx) => applyPlan(planGrant, ids, chosen, ctx),
});

/** Workspaces are set once: this removes access and grants it again with new ones, in one step. */
export const changeWorkspaces = defineCommand({
  input: selection,
  who: 'admin',
  writes: true,
  resumable: true,
  run: ({ memberIds: ids, workspaceIds: chosen }, ctx) => applyPlan(planWorkspaceChange, ids, chosen, ctx),
});

export const removeAccess = defineCommand({
  input: v.strictObject({ memberIds }),
  who: 'admin',
  writes: true,
  resumable: true,
  run: async ({ memberIds: ids }, { store, actor, now }): Promise<Result<RemovalReport>> => {
    const allowed = decideAccessRemoval(actor, ids);
    if (!allowed.ok) return allowed;
    const unique = [...new Set(ids)];
    const removed = new Set(await store.grants.remove(unique));
    const report: RemovalReport = {
      removed: unique.filter((id) => removed.has(id)),
      notGranted: unique.filter((id) => !removed.has(id)),
    };
    if (report.removed.length > 0) {
      await store.activity.add({ at: now, actorId: actor.id, kind: 'access-removed', memberIds: report.removed });
      const handover = handoverAfterRemoval(actor, report.removed, await store.members.all(), await store.org.get());
      if (handover) await store.org.put({ status: 'connected', connection: handover });
    }
    return ok(report);
  },
});
