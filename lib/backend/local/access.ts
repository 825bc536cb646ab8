import type { PendingJob } from '../../db/schema.ts';
import { connectionOf } from '../../domain/org-connection.ts';
import { planGrant, planWorkspaceChange, type GrantCandidate } from '../../domain/grant.ts';
import { requireAdmin } from '../../domain/permissions.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { GrantReport, RevokeReport } from '../port.ts';
import { currentMember, readOrgState, Requests, writeAtomically, type LocalContext } from './context.ts';
import { grantsOf, removeFromSets } from './grants.ts';

/**
 * A bulk change is first written as a job, then applied in one transaction
 * that also logs it and deletes the job. A worker killed between the two
 * finds the job on its next start and applies it then: no grant is ever
 * half-applied, and none is applied twice (a connected member is skipped).
 */
export async function grant(ctx: LocalContext, memberIds: string[], workspaceIds: number[]): Promise<Result<GrantReport>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const job = await writeJob(ctx, { kind: 'grant', actorId: actor.value.id, memberIds, workspaceIds });
  return ok(await applyGrantJob(ctx, job));
}

export async function revoke(ctx: LocalContext, memberIds: string[]): Promise<Result<RevokeReport>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const job = await writeJob(ctx, { kind: 'revoke', actorId: actor.value.id, memberIds, workspaceIds: [] });
  return ok(await applyRevokeJob(ctx, job));
}

export async function changeWorkspaces(ctx: LocalContext, memberIds: string[], workspaceIds: number[]): Promise<Result<GrantReport>> {
  const actor = requireAdmin(await currentMember(ctx.db));
  if (!actor.ok) return actor;
  const job = await writeJob(ctx, { kind: 'change-workspaces', actorId: actor.value.id, memberIds, workspaceIds });
  return ok(await applyGrantJob(ctx, job));
}

export async function resumePendingJobs(ctx: LocalContext): Promise<number> {
  const jobs = await ctx.db.getAll('jobs');
  jobs.sort((a, b) => a.createdAt - b.createdAt);
  for (const job of jobs) await (job.kind === 'revoke' ? applyRevokeJob(ctx, job) : applyGrantJob(ctx, job));
  return jobs.length;
}

async function writeJob(ctx: LocalContext, fields: Omit<PendingJob, 'id' | 'createdAt'>): Promise<PendingJob> {
  const job: PendingJob = { id: ctx.newId(), createdAt: ctx.now(), ...fields, memberIds: [...new Set(fields.memberIds)] };
  await ctx.db.put('jobs', job);
  return job;
}

async function applyGrantJob(ctx: LocalContext, job: PendingJob): Promise<GrantReport> {
  const tx = ctx.db.transaction(['members', 'grantSets', 'org', 'workspaces', 'activity', 'jobs'], 'readwrite');
  const result = await writeAtomically(tx, async () => {
    const grantSets = tx.objectStore('grantSets');
    // Planned inside the write, against the stored org, at the time it is applied.
    // Whole stores in one request each: thousands of awaited gets one by one are slow.
    const [org, members, sets] = await Promise.all([
      readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }),
      tx.objectStore('members').getAll(),
      grantSets.getAll(),
    ]);
    const memberById = new Map(members.map((m) => [m.id, m]));
    const grantById = new Map(grantsOf(sets).map((g) => [g.memberId, g]));
    const candidates: GrantCandidate[] = job.memberIds.map((memberId) => {
      const member = memberById.get(memberId);
      const grant = grantById.get(memberId);
      return { memberId, ...(member && { member }), ...(grant && { grant }) };
    });
    const now = ctx.now();
    const changing = job.kind === 'change-workspaces';
    const plan = (changing ? planWorkspaceChange : planGrant)(candidates, job.workspaceIds, connectionOf(org), now);
    // Every member granted here gets the same workspaces (the plan sorts and de-duplicates them).
    const workspaceIds = plan.entries.find((e) => e.outcome === 'grant')?.workspaceIds ?? [];
    const activity = tx.objectStore('activity');
    // Requests run in order within the transaction: old grants go before the new set is added.
    const writes = new Requests();
    if (plan.toGrant.length > 0) {
      if (changing) {
        removeFromSets(grantSets, sets, new Set(plan.toGrant), writes);
        writes.add(activity.add({ at: now, actorId: job.actorId, kind: 'access-removed', memberIds: plan.toGrant, details: { reason: 'workspaces-changed' } }));
      }
      writes.add(grantSets.add({ memberIds: plan.toGrant, workspaceIds, grantedAt: now, grantedBy: job.actorId }));
      writes.add(activity.add({ at: now, actorId: job.actorId, kind: 'access-granted', memberIds: plan.toGrant, details: { workspaceIds } }));
    }
    writes.add(tx.objectStore('jobs').delete(job.id));
    await writes.all();
    return ok({ entries: plan.entries, granted: plan.toGrant.length });
  });
  return unwrap(result);
}

async function applyRevokeJob(ctx: LocalContext, job: PendingJob): Promise<RevokeReport> {
  const tx = ctx.db.transaction(['grantSets', 'activity', 'jobs'], 'readwrite');
  const result = await writeAtomically(tx, async () => {
    const grantSets = tx.objectStore('grantSets');
    const writes = new Requests();
    const revoked = new Set(removeFromSets(grantSets, await grantSets.getAll(), new Set(job.memberIds), writes));
    const report: RevokeReport = { revoked: job.memberIds.filter((id) => revoked.has(id)), notConnected: job.memberIds.filter((id) => !revoked.has(id)) };
    if (report.revoked.length > 0) {
      writes.add(tx.objectStore('activity').add({ at: ctx.now(), actorId: job.actorId, kind: 'access-removed', memberIds: report.revoked }));
    }
    writes.add(tx.objectStore('jobs').delete(job.id));
    await writes.all();
    return ok(report);
  });
  return unwrap(result);
}

/** Jobs are never refused once written (the plan says who is skipped), so a refusal here is a bug. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`A job was refused: ${result.problem.code}`);
  return result.value;
}
