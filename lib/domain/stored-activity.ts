import type { ActivityEntry, NamedMember } from './activity.ts';

// Apart from activity.ts: the pages' first paint reads stored lines (the trial's store) and must not carry the
// list of every kind with it (the popup's start is budgeted).

/** A line as stored: a bulk change is one line naming every member. */
export type StoredActivity = ActivityEntry & { memberIds?: string[] };

/** A stored line naming several members becomes one entry per member, each with the names it needs. */
export function expandActivity(stored: readonly StoredActivity[]): ActivityEntry[] {
  return stored.flatMap(({ memberIds, ...entry }) =>
    memberIds ? memberIds.map((memberId) => withPeople({ ...entry, memberId })) : [entry],
  );
}

/** Keeps only the actor's and the member's names, so one line per member does not carry every name of a bulk change. */
function withPeople(entry: ActivityEntry): ActivityEntry {
  if (!entry.people) return entry;
  const people: Record<string, NamedMember> = {};
  for (const id of [entry.actorId, entry.memberId]) {
    const person = id === undefined ? undefined : entry.people[id];
    if (id !== undefined && person) people[id] = person;
  }
  return { ...entry, people };
}
