import type { OrgView } from '../port.ts';
import { currentMember, readOrgState, type LocalContext } from './context.ts';

const ACTIVITY_SHOWN = 100;

/** An admin sees the whole team; a rep sees only themselves and their own grant. */
export async function view(ctx: LocalContext): Promise<OrgView> {
  const me = await currentMember(ctx.db);
  const tx = ctx.db.transaction(['members', 'grants', 'org', 'workspaces', 'activity']);
  const org = await readOrgState({ org: tx.objectStore('org'), workspaces: tx.objectStore('workspaces') });
  if (!me) return { me, org, members: [], grants: [], activity: [], admins: [], firstRun: (await tx.objectStore('members').count()) === 0 };
  const members = await tx.objectStore('members').getAll();
  const admins = members.filter((m) => m.role === 'admin').map(({ name, email }) => ({ name, email }));
  if (me.role !== 'admin') {
    const own = await tx.objectStore('grants').get(me.id);
    return { me, org, members: [me], grants: own ? [own] : [], activity: [], admins, firstRun: false };
  }
  const grants = await tx.objectStore('grants').getAll();
  const activity = [];
  let cursor = await tx.objectStore('activity').openCursor(null, 'prev');
  while (cursor && activity.length < ACTIVITY_SHOWN) {
    activity.push(cursor.value);
    cursor = await cursor.continue();
  }
  return { me, org, members, grants, activity, admins, firstRun: false };
}
