import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { ActivityEntry } from '../../lib/domain/activity.ts';
import { expandActivity } from '../../lib/domain/stored-activity.ts';
import type { Database } from '../db/schema.ts';
import { activityFrom } from '../store/rows.ts';
import type { ActivityQuery } from './query.ts';

/** Rows read at once while streaming: memory holds one batch, whatever the log's length. */
export const STREAM_BATCH = 1000;

/** One of the org's lines, by seq, that the filters let through; every query names the org. */
function matching(db: Kysely<Database>, orgId: string, query: ActivityQuery) {
  let q: SelectQueryBuilder<Database, 'activity', object> = db
    .selectFrom('activity')
    .where('org_id', '=', orgId)
    .where('seq', '>', query.after);
  if (query.from !== undefined) q = q.where('at', '>=', query.from);
  if (query.to !== undefined) q = q.where('at', '<', query.to);
  if (query.kinds) q = q.where('kind', 'in', query.kinds);
  const member = query.member;
  if (member !== undefined)
    q = q.where((eb) =>
      eb.or([
        eb('actor_id', '=', member),
        eb('member_id', '=', member),
        eb(sql<boolean>`member_ids @> ${JSON.stringify([member])}::jsonb`, '=', true),
      ]),
    );
  return q;
}

/** One entry per member; with a member filter, only the entries by or about that member. */
function entriesOf(rows: Parameters<typeof activityFrom>[0][], query: ActivityQuery): ActivityEntry[] {
  const entries = expandActivity(rows.map(activityFrom));
  const member = query.member;
  return member === undefined ? entries : entries.filter((e) => e.actorId === member || e.memberId === member);
}

export interface ActivityPage {
  entries: ActivityEntry[];
  /** The last line read (the cursor to send next), or the one asked from when none matched. */
  lastSeq: number;
  more: boolean;
}

/** One page, oldest first: `limit` stored lines (a bulk change is one line and may give several entries). */
export async function activityPage(db: Kysely<Database>, orgId: string, query: ActivityQuery): Promise<ActivityPage> {
  const rows = await matching(db, orgId, query)
    .selectAll()
    .orderBy('seq')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    entries: entriesOf(page, query),
    lastSeq: page.at(-1)?.seq ?? query.after,
    more: rows.length > query.limit,
  };
}

/** The org's newest line now: a streamed export ends there, so lines written meanwhile wait for the next cursor. */
export async function newestSeq(db: Kysely<Database>, orgId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('activity')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? undefined : Number(row.seq);
}

/**
 * Every matching line up to `until`, oldest first, in batches read by keyset
 * (seq > the last one read), each its own short query: no transaction or
 * server-side cursor stays open between batches, so this works through a
 * transaction-mode pooler and holds one batch in memory.
 */
export async function* activityBatches(
  db: Kysely<Database>,
  orgId: string,
  query: ActivityQuery,
  until: number,
  batch = STREAM_BATCH,
): AsyncGenerator<ActivityEntry[]> {
  let after = query.after;
  for (;;) {
    const rows = await matching(db, orgId, { ...query, after })
      .where('seq', '<=', until)
      .selectAll()
      .orderBy('seq')
      .limit(batch)
      .execute();
    if (rows.length === 0) return;
    after = rows.at(-1)!.seq;
    yield entriesOf(rows, query);
    if (rows.length < batch) return;
  }
}
