import * as v from 'valibot';
import { DB_NAME, openIfCurrent, type OrgDatabase } from '../../../db/open.ts';
import type { StoredReplica } from '../../../db/schema.ts';
import type { OrgView } from '../../port.ts';
import { orgViewSchema } from './results.ts';

const KEY = 'view';
const ReplicaSchema = v.object({ view: orgViewSchema, at: v.pipe(v.number(), v.finite()) });

/**
 * In team server mode IndexedDB holds a replica: the last view of their own
 * the server answered this member, and when. Only the worker writes it (the
 * one writer); pages paint from it first, and show "as of" its time while the
 * server cannot be reached.
 */
export async function saveReplica(db: OrgDatabase, view: OrgView, at: number): Promise<void> {
  await db.put('replica', { view, at }, KEY);
}

/** Read back through the same schema the server's answer passed: an older build may have left another shape. */
export async function readReplica(db: OrgDatabase): Promise<StoredReplica | undefined> {
  const parsed = v.safeParse(ReplicaSchema, await db.get('replica', KEY));
  return parsed.success ? parsed.output : undefined;
}

/** Another member, another server or back to this browser: the old view must not paint. */
export async function clearReplica(db: OrgDatabase): Promise<void> {
  await db.clear('replica');
}

/**
 * A page's read of the replica, without waking the worker and without ever
 * creating or migrating the database (that is the worker's): undefined when
 * there is none yet.
 */
export async function readReplicaFast(name: string = DB_NAME): Promise<StoredReplica | undefined> {
  const db = await openIfCurrent(name);
  if (!db) return undefined;
  try {
    return await readReplica(db);
  } finally {
    db.close();
  }
}
