import type { ActivityEntry } from '../../domain/activity.ts';
import type { Member } from '../../domain/member.ts';
import { requireAdmin } from '../../domain/permissions.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import type { OrgDatabase } from '../../db/open.ts';
import type { OrgView } from '../port.ts';
import { currentMember, readOrgState, type LocalContext } from './context.ts';
import { allGrants, expandActivity, grantOf } from './grants.ts';

const ACTIVITY_SHOWN = 100;

/** The signed-in member's view, or, for an admin previewing, exactly what another member would see. */
export async function view(ctx: LocalContext, previewAs?: string): Promise<Result<OrgView>> {
  const me = await currentMember(ctx.db);
  if (previewAs === undefined) return ok(await viewFor(ctx.db, me));
  const admin = requireAdmin(me);
  if (!admin.ok) return admin;
  const target = await ctx.db.get('members', previewAs);
  if (!target) return fail('member-unknown', 'That member is no longer on the team: refresh the page.');
  return ok(await viewFor(ctx.db, target));
}

export async function activity(ctx: LocalContext): Promise<Result<ActivityEntry[]>> {
  const admin = requireAdmin(await currentMember(ctx.db));
  if (!admin.ok) return admin;
  return ok(expandActivity(await ctx.db.getAll('activity')).reverse());
}

/**
 * The first screen of an admin's view: the first `count` members by name and
 * the total, without reading the whole team (10,000 members take about 150 ms
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

/** An admin sees the whole team; a rep sees only themselves and their own grant. */
export async function viewFor(db: OrgDatabase, me: Member | undefined): Promise<OrgView> {
  const tx = db.transaction(['members', 'grantSets', 'org', 'workspaces', 'activity']);
  const org = await readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') });
  if (!me) return { me, org, members: [], grants: [], activity: [], admins: [], firstRun: (await tx.objectStore('members').count()) === 0 };
  const members = await tx.objectStore('members').getAll();
  const admins = members.filter((m) => m.role === 'admin').map(({ name, email }) => ({ name, email }));
  if (me.role !== 'admin') {
    const own = await grantOf(tx.objectStore('grantSets'), me.id);
    return { me, org, members: [me], grants: own ? [own] : [], activity: [], admins, firstRun: false };
  }
  // Requests issued together; the newest entries through one key range, not a cursor step each.
  // Keys are auto-incremented; aborted writes may leave gaps, hence twice the range, then trimmed.
  const [grants, newest] = await Promise.all([allGrants(tx.objectStore('grantSets')), tx.objectStore('activity').openKeyCursor(null, 'prev')]);
  const stored = newest ? await tx.objectStore('activity').getAll(IDBKeyRange.bound(Math.max(0, newest.key - ACTIVITY_SHOWN * 2), newest.key)) : [];
  return { me, org, members, grants, activity: expandActivity(stored).reverse().slice(0, ACTIVITY_SHOWN), admins, firstRun: false };
}
