import type { PendingJob } from '../../db/schema.ts';
import { connectionOf } from '../../domain/org-connection.ts';
import { planGrant, planWorkspaceChange, type GrantCandidate } from '../../domain/grant.ts';
import { requireAdmin } from '../../domain/permissions.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { GrantReport, RevokeReport } from '../port.ts';
import { currentMember, readOrgState, writeAtomically, type LocalContext } from './context.ts';

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
  const tx = ctx.db.transaction(['members', 'grants', 'org', 'workspaces', 'activity', 'jobs'], 'readwrite');
  const result = await writeAtomically(tx, async () => {
    const grants = tx.objectStore('grants');
    // Planned inside the write, against the stored org, at the time it is applied.
    // Whole stores in one request each: thousands of awaited gets one by one are slow.
    const [org, members, existing] = await Promise.all([
      readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }),
      tx.objectStore('members').getAll(),
      grants.getAll(),
    ]);
    const memberById = new Map(members.map((m) => [m.id, m]));
    const grantById = new Map(existing.map((g) => [g.memberId, g]));
    const candidates: GrantCandidate[] = job.memberIds.map((memberId) => {
      const member = memberById.get(memberId);
      const grant = grantById.get(memberId);
      return { memberId, ...(member && { member }), ...(grant && { grant }) };
    });
    const now = ctx.now();
    const changing = job.kind === 'change-workspaces';
    const plan = (changing ? planWorkspaceChange : planGrant)(candidates, job.workspaceIds, connectionOf(org), now);
    const activity = tx.objectStore('activity');
    const writes: Promise<unknown>[] = [];
    for (const entry of plan.entries) {
      if (entry.outcome !== 'grant') continue;
      // The old grant and the new one, in the same transaction: never half-changed.
      if (changing) writes.push(activity.add({ at: now, actorId: job.actorId, kind: 'access-removed', memberId: entry.memberId, details: { reason: 'workspaces-changed' } }));
      writes.push(grants.put({ memberId: entry.memberId, workspaceIds: entry.workspaceIds, grantedAt: now, grantedBy: job.actorId }));
      writes.push(activity.add({ at: now, actorId: job.actorId, kind: 'access-granted', memberId: entry.memberId, details: { workspaceIds: entry.workspaceIds } }));
    }
    writes.push(tx.objectStore('jobs').delete(job.id));
    // Issued together, awaited together: one round of waiting, not one per write.
    await Promise.all(writes);
    return ok({ entries: plan.entries, granted: plan.toGrant.length });
  });
  return unwrap(result);
}

async function applyRevokeJob(ctx: LocalContext, job: PendingJob): Promise<RevokeReport> {
  const tx = ctx.db.transaction(['grants', 'activity', 'jobs'], 'readwrite');
  const result = await writeAtomically(tx, async () => {
    const grants = tx.objectStore('grants');
    const connected = new Set(await grants.getAllKeys());
    const report: RevokeReport = { revoked: [], notConnected: [] };
    const now = ctx.now();
    const writes: Promise<unknown>[] = [];
    for (const memberId of job.memberIds) {
      if (!connected.has(memberId)) {
        report.notConnected.push(memberId);
        continue;
      }
      writes.push(grants.delete(memberId));
      writes.push(tx.objectStore('activity').add({ at: now, actorId: job.actorId, kind: 'access-removed', memberId }));
      report.revoked.push(memberId);
    }
    writes.push(tx.objectStore('jobs').delete(job.id));
    await Promise.all(writes);
    return ok(report);
  });
  return unwrap(result);
}

/** Jobs are never refused once written (the plan says who is skipped), so a refusal here is a bug. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`A job was refused: ${result.problem.code}`);
  return result.value;
}
