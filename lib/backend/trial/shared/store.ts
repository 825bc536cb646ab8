import type { OrgDatabase } from '../../../db/database.ts';
import type { GrantSet } from '../../../db/schema.ts';
import type { OrgConnectionState } from '../../../domain/org-connection.ts';
import type { OrgStore } from '../../../features/store.ts';
import { Requests } from './context.ts';
import { removeFromSets } from './grants.ts';
import { idbOrgReads, ORG_STORES, type LocalOrgReads, type OrgTransaction } from './store-reads.ts';

export { ORG_STORES, type OrgTransaction };

/** The org in this browser, behind the port every command runs against; the signed-in member from this browser's session. */
export type LocalOrgStore = OrgStore & LocalOrgReads;

/**
 * The OrgStore port over one IndexedDB transaction: the reads
 * (store-reads.ts), and the writes, the worker's only. Grants are stored as
 * sets of members granted together (one record per bulk grant).
 */
export function idbOrgStore(tx: OrgTransaction): LocalOrgStore {
  const { sets, ...reads } = idbOrgReads(tx);
  return {
    ...reads,
    members: {
      ...reads.members,
      put: async (member) => void (await tx.objectStore('members').put(member)),
      delete: (id) => tx.objectStore('members').delete(id),
    },
    grants: {
      ...reads.grants,
      add: async (memberIds, grant) => {
        const set: GrantSet = { memberIds: [...memberIds], ...grant };
        set.id = await tx.objectStore('grantSets').add(set);
        (await sets.load()).push(set);
      },
      remove: async (memberIds) => {
        const current = await sets.load();
        const leaving = new Set(memberIds);
        const writes = new Requests();
        const removed = removeFromSets(tx.objectStore('grantSets'), current, leaving, writes);
        await writes.all();
        sets.replace(
          current
            .map((s) => ({ ...s, memberIds: s.memberIds.filter((id) => !leaving.has(id)) }))
            .filter((s) => s.memberIds.length > 0),
        );
        return removed;
      },
      clear: async () => {
        await tx.objectStore('grantSets').clear();
        sets.replace([]);
      },
    },
    org: {
      ...reads.org,
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
      ...reads.activity,
      add: async (entry) => void (await tx.objectStore('activity').add(entry)),
      addMany: async (entries) => {
        const writes = new Requests();
        for (const entry of entries) writes.add(tx.objectStore('activity').add(entry));
        await writes.all();
      },
    },
    session: {
      signIn: async (memberId) => void (await tx.objectStore('session').put({ memberId }, 'signed-in')),
      signOut: () => tx.objectStore('session').delete('signed-in'),
    },
  };
}

/** A read-only store over the database (a command's read). */
export const readOrgStore = (db: OrgDatabase): LocalOrgStore =>
  idbOrgStore(db.transaction(ORG_STORES, 'readonly') as unknown as OrgTransaction);
