import type { OrgDatabase } from '../../../db/open.ts';
import type { Member } from '../../../domain/member.ts';
import { readOrgData } from '../../../features/session/commands.ts';
import { viewFor, type OrgView } from '../../../features/session/view.ts';
import { readOrgState } from './context.ts';
import { allGrants } from './grants.ts';
import { withSetAside } from './jobs.ts';
import { readOrgStore } from './store.ts';

/**
 * The first screen of an admin's view: the first `count` members by name and
 * the total, without reading every member (10,000 members take about 150 ms
 * to read in Chromium). No activity: nothing on a first screen shows it.
 */
export async function firstScreenFor(db: OrgDatabase, me: Member, count: number): Promise<OrgView> {
  const tx = db.transaction(['members', 'grantSets', 'org', 'workspaces']);
  const members = tx.objectStore('members');
  const [org, first, membersTotal, grants] = await Promise.all([
    readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }),
    members.index('by-name').getAll(null, count),
    members.count(),
    allGrants(tx.objectStore('grantSets')),
  ]);
  return { me, org, members: first, membersTotal, grants, activity: [], admins: [], firstRun: false };
}

/** What getState answers for whoever is signed in here, read straight from the store by the same rule. */
export async function signedInView(db: OrgDatabase, options: { firstScreen?: number } = {}): Promise<OrgView> {
  const store = readOrgStore(db);
  const me = await store.signedInMember();
  // Only an admin's view is large; a rep's holds one member.
  if (options.firstScreen !== undefined && me?.role === 'admin') return firstScreenFor(db, me, options.firstScreen);
  return withSetAside(db, viewFor(me, await readOrgData(store)));
}
