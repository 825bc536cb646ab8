import * as v from 'valibot';
import type { ActivityEntry, NamedMember } from '../../lib/domain/activity.ts';
import { ACTIVITY_CSV_COLUMNS, type ActivityCsvLabels } from '../../lib/domain/activity-csv.ts';
import { activity } from '../../lib/features/answers.ts';

/** Members still in the org, for lines written before lines kept names. */
export type CurrentMembers = ReadonlyMap<string, NamedMember>;

const activityPerson = v.object({ id: v.string(), name: v.optional(v.string()), email: v.optional(v.string()) });
export type ActivityPerson = v.InferOutput<typeof activityPerson>;

/** One line as the JSON page and JSON Lines carry it: a SIEM needs no other lookup. The route's and the OpenAPI document's shape. */
export const activityLineSchema = v.object({
  seq: v.number(),
  time: v.string(),
  kind: activity.entries.kind,
  actor: activityPerson,
  member: v.optional(activityPerson),
  details: activity.entries.details,
});
export type ActivityLine = v.InferOutput<typeof activityLineSchema>;

/** A JSON page of `GET /api/activity`: `next` is the cursor to send for the following one. */
export const activityPageSchema = v.object({
  entries: v.array(activityLineSchema),
  next: v.string(),
  more: v.boolean(),
});

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
