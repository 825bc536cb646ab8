import type { OrgDatabase } from '../../../db/database.ts';
import { readOrgData, viewFor, type OrgView } from '../../../features/session/view.ts';
import { grantsOf, pageReads, readOrgState } from './store-reads.ts';

/**
 * The first screen of an admin's view: the first `count` members by name and
 * the total, without reading every member (10,000 members take about 150 ms
 * to read in Chromium). No activity: nothing on a first screen shows it.
 */
async function firstScreen(db: OrgDatabase, count: number): Promise<Omit<OrgView, 'me'>> {
  const tx = db.transaction(['members', 'grantSets', 'org', 'workspaces']);
  const members = tx.objectStore('members');
  const [org, first, membersTotal, grants] = await Promise.all([
    readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') }),
    members.index('by-name').getAll(null, count),
    members.count(),
    tx.objectStore('grantSets').getAll().then(grantsOf),
  ]);
  return { org, members: first, membersTotal, grants, activity: [], admins: [], firstRun: false };
}

/** What getState answers for whoever is signed in here, read straight from the store by the same rule. */
export async function signedInView(db: OrgDatabase, options: { firstScreen?: number } = {}): Promise<OrgView> {
  const store = pageReads(db);
  // Who is signed in and the first screen are read together: only an admin's view is large, a rep's holds one member.
  const [me, first] = await Promise.all([
    store.signedInMember(),
    options.firstScreen === undefined ? undefined : firstScreen(db, options.firstScreen),
  ]);
  if (first && me?.role === 'admin') return { me, ...first };
  // After waiting on the first screen's own transaction, this one may have finished: a rep's view reads anew.
  return viewFor(me, await readOrgData(first ? pageReads(db) : store));
}
