import type { IDBPTransaction } from 'idb';
import type { OrgDatabase } from '../../../db/open.ts';
import type { GrantSet, OrgDb } from '../../../db/schema.ts';
import { expandActivity } from '../../../domain/activity.ts';
import type { Member } from '../../../domain/member.ts';
import type { OrgConnectionState } from '../../../domain/org-connection.ts';
import type { OrgStore } from '../../../features/store.ts';
import { readOrgState, Requests } from './context.ts';
import { grantsOf, removeFromSets } from './grants.ts';

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

/** The org in this browser, behind the port every command runs against; the signed-in member from this browser's session. */
export interface LocalOrgStore extends OrgStore {
  signedInMember(): Promise<Member | undefined>;
}

/**
 * The OrgStore port over one IndexedDB transaction. Grants are stored as
 * sets of members granted together (one record per bulk grant); the sets
 * read once are kept for the rest of the transaction, which holds every
 * store, so nobody else can change them meanwhile.
 */
export function idbOrgStore(tx: OrgTransaction): LocalOrgStore {
  const members = tx.objectStore('members');
  const grantSets = tx.objectStore('grantSets');
  const activity = tx.objectStore('activity');
  let sets: GrantSet[] | undefined;
  const loadSets = async () => (sets ??= await grantSets.getAll());

  return {
    members: {
      get: (id) => members.get(id),
      byEmail: (email) => members.index('by-email').get(email),
      all: () => members.getAll(),
      put: async (member) => void (await tx.objectStore('members').put(member)),
      delete: (id) => tx.objectStore('members').delete(id),
    },
    grants: {
      all: async () => grantsOf(await loadSets()),
      of: async (memberId) => grantsOf(await loadSets()).find((g) => g.memberId === memberId),
      add: async (memberIds, grant) => {
        const set: GrantSet = { memberIds: [...memberIds], ...grant };
        set.id = await tx.objectStore('grantSets').add(set);
        (await loadSets()).push(set);
      },
      remove: async (memberIds) => {
        const current = await loadSets();
        const leaving = new Set(memberIds);
        const writes = new Requests();
        const removed = removeFromSets(tx.objectStore('grantSets'), current, leaving, writes);
        await writes.all();
        sets = current
          .map((s) => ({ ...s, memberIds: s.memberIds.filter((id) => !leaving.has(id)) }))
          .filter((s) => s.memberIds.length > 0);
        return removed;
      },
      clear: async () => {
        await tx.objectStore('grantSets').clear();
        sets = [];
      },
    },
    org: {
      get: () => readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }),
      put: async (state: OrgConnectionState) => {
        const org = tx.objectStore('org');
        const workspaces = tx.objectStore('workspaces');
        await workspaces.clear();
        if (state.status === 'not-connected') return void (await org.delete('connection'));
        if (state.status === 'disconnected') return void (await org.put(state, 'connection'));
        const { workspaces: list, ...connection } = state.connection;
        await org.put({ status: 'connected', connection }, 'connection');
        const writes = new Requests();
        for (const workspace of list) writes.add(workspaces.put(workspace));
        await writes.all();
      },
    },
    secret: {
      get: () => tx.objectStore('secrets').get('client-secret'),
      put: async (sealed) => void (await tx.objectStore('secrets').put(sealed as never, 'client-secret')),
      delete: () => tx.objectStore('secrets').delete('client-secret'),
    },
    activity: {
      add: async (entry) => void (await tx.objectStore('activity').add(entry)),
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
    session: {
      signIn: async (memberId) => void (await tx.objectStore('session').put({ memberId }, 'signed-in')),
      signOut: () => tx.objectStore('session').delete('signed-in'),
    },
    signedInMember: async () => {
      const session = await tx.objectStore('session').get('signed-in');
      return session ? members.get(session.memberId) : undefined;
    },
  };
}

/** A read-only store over the database (a page's first paint, a command's read). */
export const readOrgStore = (db: OrgDatabase): LocalOrgStore =>
  idbOrgStore(db.transaction(ORG_STORES, 'readonly') as unknown as OrgTransaction);
