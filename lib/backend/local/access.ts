import type { PendingJob } from '../../db/schema.ts';
import { connectionOf } from '../../domain/org-connection.ts';
import { planGrant, planWorkspaceChange, type GrantCandidate } from '../../domain/grant.ts';
import { requireAdmin } from '../../domain/permissions.ts';
import { ok, type Result } from '../../domain/result.ts';
import type { GrantReport, RevokeReport } from '../port.ts';
import { currentMember, readOrgState, type LocalContext } from './context.ts';

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
  const members = tx.objectStore('members');
  const grants = tx.objectStore('grants');
  // Planned inside the write, against the stored org, at the time it is applied.
  const org = connectionOf(await readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }));
  const candidates: GrantCandidate[] = [];
  for (const memberId of job.memberIds) {
    const member = await members.get(memberId);
    const existing = await grants.get(memberId);
    candidates.push({ memberId, ...(member && { member }), ...(existing && { grant: existing }) });
  }
  const now = ctx.now();
  const changing = job.kind === 'change-workspaces';
  const plan = (changing ? planWorkspaceChange : planGrant)(candidates, job.workspaceIds, org, now);
  const activity = tx.objectStore('activity');
  for (const entry of plan.entries) {
    if (entry.outcome !== 'grant') continue;
    // The old grant and the new one, in the same transaction: never half-changed.
    if (changing) await activity.add({ at: now, actorId: job.actorId, kind: 'access-removed', memberId: entry.memberId, details: { reason: 'workspaces-changed' } });
    await grants.put({ memberId: entry.memberId, workspaceIds: entry.workspaceIds, grantedAt: now, grantedBy: job.actorId });
    await activity.add({ at: now, actorId: job.actorId, kind: 'access-granted', memberId: entry.memberId, details: { workspaceIds: entry.workspaceIds } });
  }
  await tx.objectStore('jobs').delete(job.id);
  await tx.done;
  return { entries: plan.entries, granted: plan.toGrant.length };
}

async function applyRevokeJob(ctx: LocalContext, job: PendingJob): Promise<RevokeReport> {
  const tx = ctx.db.transaction(['grants', 'activity', 'jobs'], 'readwrite');
  const grants = tx.objectStore('grants');
  const report: RevokeReport = { revoked: [], notConnected: [] };
  const now = ctx.now();
  for (const memberId of job.memberIds) {
    if (!(await grants.get(memberId))) {
      report.notConnected.push(memberId);
      continue;
    }
    await grants.delete(memberId);
    await tx.objectStore('activity').add({ at: now, actorId: job.actorId, kind: 'access-removed', memberId });
    report.revoked.push(memberId);
  }
  await tx.objectStore('jobs').delete(job.id);
  await tx.done;
  return report;
}
