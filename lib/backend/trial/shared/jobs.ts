import type { OrgDatabase } from '../../../db/open.ts';
import type { PendingJob } from '../../../db/schema.ts';
import { withNamedActivity } from '../../../features/named-activity.ts';
import { idbOrgStore, ORG_STORES, type OrgTransaction } from './store.ts';

/** A job that threw this many times is set aside instead of blocking every later start. */
export const MAX_JOB_ATTEMPTS = 3;

/** Jobs still to apply, oldest first. */
export async function pendingJobs(db: OrgDatabase): Promise<PendingJob[]> {
  const jobs = await db.getAll('jobs');
  return jobs.filter((job) => job.setAsideAt === undefined).sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Counts a failed try. After MAX_JOB_ATTEMPTS the job is set aside, with a
 * line in the activity log, so the admin learns the change did not apply.
 */
export async function recordFailedTry(db: OrgDatabase, job: PendingJob, now: number): Promise<void> {
  const tx = db.transaction(ORG_STORES, 'readwrite') as unknown as OrgTransaction;
  const stored = await tx.objectStore('jobs').get(job.id);
  if (stored) {
    const attempts = stored.attempts + 1;
    const setAside = attempts >= MAX_JOB_ATTEMPTS;
    await tx.objectStore('jobs').put({ ...stored, attempts, ...(setAside && { setAsideAt: now }) });
    if (setAside)
      await withNamedActivity(idbOrgStore(tx)).activity.add({
        at: now,
        actorId: stored.actorId,
        kind: 'job-set-aside',
        details: { command: stored.command, attempts },
      });
  }
  await tx.done;
}
