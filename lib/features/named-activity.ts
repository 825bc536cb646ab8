import type { NamedMember } from '../domain/activity.ts';
import type { NewActivity, OrgStore } from './store.ts';

/**
 * The store with an activity log that records names: every line written
 * through it keeps the actor's and its members' names and emails as they are
 * when it is written, so the log still names a member after they are removed
 * (a command writes a member's lines before it deletes them). Kept in the line
 * rather than looked up later: an audit line says who it was then, and a
 * line exported to a SIEM is complete on its own. One wrapper for both
 * backends, applied by the dispatcher and by the few writes made outside a
 * command (a server sign-in, the claim, a trial job set aside).
 */
export function withNamedActivity(store: OrgStore): OrgStore {
  return {
    ...store,
    activity: { ...store.activity, add: async (entry) => store.activity.add(await named(store, entry)) },
  };
}

async function named(store: OrgStore, entry: NewActivity): Promise<NewActivity> {
  const ids = new Set([
    entry.actorId,
    ...(entry.memberId === undefined ? [] : [entry.memberId]),
    ...(entry.memberIds ?? []),
  ]);
  const people: Record<string, NamedMember> = { ...entry.people };
  // A bulk change names up to every member: one read of them all rather than one each.
  const members =
    ids.size > 2
      ? await store.members.all()
      : (await Promise.all([...ids].map((id) => store.members.get(id)))).filter((m) => m !== undefined);
  for (const member of members)
    if (ids.has(member.id) && !people[member.id]) people[member.id] = { name: member.name, email: member.email };
  return Object.keys(people).length === 0 ? entry : { ...entry, people };
}
