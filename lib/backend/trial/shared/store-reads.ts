import type { IDBPTransaction } from 'idb';
import type { OrgDatabase } from '../../../db/database.ts';
import type { GrantSet, OrgDb, StoredOrgState } from '../../../db/schema.ts';
import { expandActivity } from '../../../domain/stored-activity.ts';
import type { Grant } from '../../../domain/grant.ts';
import type { Member } from '../../../domain/member.ts';
import type { OrgConnectionState } from '../../../domain/org-connection.ts';
import type { Workspace } from '../../../domain/workspace.ts';
import type { OrgReads } from '../../../features/store.ts';

/** Every store a command may touch: one transaction over all of them, so a command is all or nothing. */
export const ORG_STORES = [
  'members',
  'grantSets',
  'org',
  'workspaces',
  'activity',
  'secrets',
  'session',
  'jobs',
] as const;
type OrgStores = typeof ORG_STORES;
/** Typed as a write; a read transaction passed here refuses writes itself (IndexedDB's ReadOnlyError). */
export type OrgTransaction = IDBPTransaction<OrgDb, OrgStores, 'readwrite'>;

/** Anything with a `get` on the 'org' store and one on 'workspaces': a db or a transaction's stores. */
interface OrgReader {
  org: { get(key: 'connection'): Promise<StoredOrgState | undefined> };
  workspaces: { getAll(): Promise<Workspace[]> };
}

export async function readOrgState(reader: OrgReader): Promise<OrgConnectionState> {
  // Asked together: a page's first paint waits for the slower of the two, not for one and then the other.
  const [stored, workspaces] = await Promise.all([reader.org.get('connection'), reader.workspaces.getAll()]);
  if (!stored) return { status: 'not-connected' };
  if (stored.status === 'disconnected') return stored;
  return { status: 'connected', connection: { ...stored.connection, workspaces } };
}

const grantOfSet = (set: GrantSet, memberId: string): Grant => ({
  memberId,
  workspaceIds: set.workspaceIds,
  grantedAt: set.grantedAt,
  grantedBy: set.grantedBy,
});

/** One Grant per member of each set: what the rest of the code knows. */
export const grantsOf = (sets: readonly GrantSet[]): Grant[] =>
  sets.flatMap((set) => set.memberIds.map((memberId) => grantOfSet(set, memberId)));

/** The reads of the org in this browser, and who this browser says is signed in. */
export interface LocalOrgReads extends OrgReads {
  signedInMember(): Promise<Member | undefined>;
}

/**
 * The reads of the OrgStore port over one IndexedDB transaction: a page's
 * first paint needs nothing else, and carries none of the writes (the worker
 * is the one writer). Grant sets read once are kept for the transaction,
 * which holds every store; `sets` lets the writes keep them in step.
 */
export function idbOrgReads(tx: OrgTransaction): LocalOrgReads & {
  sets: { load(): Promise<GrantSet[]>; replace(next: GrantSet[]): void };
} {
  const members = tx.objectStore('members');
  const grantSets = tx.objectStore('grantSets');
  const activity = tx.objectStore('activity');
  let sets: GrantSet[] | undefined;
  const load = async () => (sets ??= await grantSets.getAll());
  return {
    sets: { load, replace: (next) => void (sets = next) },
    members: {
      get: (id) => members.get(id),
      byEmail: (email) => members.index('by-email').get(email),
      all: () => members.getAll(),
    },
    grants: {
      all: async () => grantsOf(await load()),
      of: async (memberId) => grantsOf(await load()).find((g) => g.memberId === memberId),
    },
    org: {
      get: () => readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }),
    },
    activity: {
      recent: async (count) => {
        // The newest lines through one key range, not a cursor step each. Keys are
        // auto-incremented; aborted writes may leave gaps, hence twice the range, then trimmed.
        const newest = await activity.openKeyCursor(null, 'prev');
        if (!newest) return [];
        const stored = await activity.getAll(IDBKeyRange.bound(Math.max(0, newest.key - count * 2), newest.key));
        return expandActivity(stored).reverse().slice(0, count);
      },
      all: async () => expandActivity(await activity.getAll()).reverse(),
    },
    jobs: {
      setAside: async () =>
        (await tx.objectStore('jobs').getAll()).filter((job) => job.setAsideAt !== undefined).length,
    },
    signedInMember: async () => {
      const session = await tx.objectStore('session').get('signed-in');
      return session ? members.get(session.memberId) : undefined;
    },
  };
}

/** A read-only view of the database (a page's first paint). */
export const pageReads = (db: OrgDatabase): LocalOrgReads =>
  idbOrgReads(db.transaction(ORG_STORES, 'readonly') as unknown as OrgTransaction);
