import type { GrantSet } from '../../../db/schema.ts';
import type { Grant } from '../../../domain/grant.ts';
import type { Requests } from './context.ts';
import { expandActivity } from '../../../domain/stored-activity.ts';
import { grantsOf } from './store-reads.ts';

export { expandActivity, grantsOf };

/** The slices of the grantSets store these helpers use: a transaction's store or the database's. */
export interface GrantSetReader {
  getAll(): Promise<GrantSet[]>;
}
export interface GrantSetWriter extends GrantSetReader {
  add(set: GrantSet): Promise<number>;
  put(set: GrantSet): Promise<number>;
  delete(id: number): Promise<void>;
  clear(): Promise<void>;
}

export async function allGrants(store: GrantSetReader): Promise<Grant[]> {
  return grantsOf(await store.getAll());
}

/** Sets are few (one per bulk grant still standing), so a scan is cheap. */
export async function grantOf(store: GrantSetReader, memberId: string): Promise<Grant | undefined> {
  return grantsOf(await store.getAll()).find((g) => g.memberId === memberId);
}

/**
 * Takes these members out of the sets they are in (`sets` as read in this
 * transaction), rewriting or deleting each set touched; returns who had a grant.
 */
export function removeFromSets(
  store: GrantSetWriter,
  sets: readonly GrantSet[],
  memberIds: ReadonlySet<string>,
  requests: Requests,
): string[] {
  const removed: string[] = [];
  for (const set of sets) {
    const kept = set.memberIds.filter((id) => !memberIds.has(id));
    if (kept.length === set.memberIds.length) continue;
    removed.push(...set.memberIds.filter((id) => memberIds.has(id)));
    requests.add<unknown>(kept.length === 0 ? store.delete(set.id!) : store.put({ ...set, memberIds: kept }));
  }
  return removed;
}
