import type { ActivityEntry, NamedMember } from '../../lib/domain/activity.ts';
import { ACTIVITY_CSV_COLUMNS, type ActivityCsvLabels } from '../../lib/domain/activity-csv.ts';

/** Members still in the org, for lines written before lines kept names. */
export type CurrentMembers = ReadonlyMap<string, NamedMember>;

export interface ActivityPerson {
  id: string;
  name?: string;
  email?: string;
}

/** One line as the JSON page and JSON Lines carry it: a SIEM needs no other lookup. */
export interface ActivityLine {
  seq: number;
  time: string;
  kind: ActivityEntry['kind'];
  actor: ActivityPerson;
  member?: ActivityPerson;
  details?: ActivityEntry['details'];
}

const person = (entry: ActivityEntry, id: string, members: CurrentMembers): ActivityPerson => ({
  id,
  ...(entry.people?.[id] ?? members.get(id)),
});

export function activityLine(entry: ActivityEntry, members: CurrentMembers): ActivityLine {
  const line: ActivityLine = {
    seq: entry.seq ?? 0,
    time: new Date(entry.at).toISOString(),
    kind: entry.kind,
    actor: person(entry, entry.actorId, members),
  };
  if (entry.memberId !== undefined) line.member = person(entry, entry.memberId, members);
  if (entry.details !== undefined) line.details = entry.details;
  return line;
}

/**
 * The CSV columns of the export, titled by their ids (a tool reads them, in
 * any language): the page's columns but its sentence, which is the page's
 * language. The same writer as the page's export, formula guard included.
 */
export const exportCsvLabels = (members: CurrentMembers): ActivityCsvLabels => ({
  columns: Object.fromEntries(ACTIVITY_CSV_COLUMNS.filter((c) => c !== 'description').map((c) => [c, c])),
  nameOf: (id) => members.get(id)?.name,
});
