import { Hono, type Context } from 'hono';
import { activityCsvHeader, activityCsvLines } from '../../lib/domain/activity-csv.ts';
import { authorize } from '../../lib/features/authorize.ts';
import { activityBatches, activityPage, newestSeq } from '../activity/log.ts';
import { activityLine, exportCsvLabels, type CurrentMembers } from '../activity/lines.ts';
import { cursorAfter, parseActivityQuery, type ActivityQuery } from '../activity/query.ts';
import type { AppContext } from '../app-context.ts';
import { refuse } from '../http/answers.ts';
import { noteCaller } from '../observability/request-log.ts';
import { orgStoreAccess } from '../store/store-access.ts';

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson' } as const;

/**
 * GET /api/activity: the caller's org's activity log, for an admin, oldest
 * first. JSON pages with a cursor, or the whole log (from a cursor) streamed
 * as CSV or JSON Lines in bounded batches. See server/README.md.
 */
export function activityRoutes(ctx: AppContext) {
  return new Hono().get('/', async (c) => {
    const caller = await ctx.callers(c.req.raw.headers);
    noteCaller(c, caller);
    // The same permission check as the registry's admin commands, against the stored member and org.
    const allowed = await orgStoreAccess(ctx.db, caller).read(async (store) => {
      const actor = caller && (await store.members.get(caller.memberId));
      return authorize('admin', actor, await store.org.get());
    });
    if (!allowed.ok) return refuse(c, allowed.problem);
    const query = parseActivityQuery(new URL(c.req.url).searchParams);
    if (!query.ok) return refuse(c, query.problem);
    const orgId = caller!.orgId;
    const members: CurrentMembers = new Map(
      (await ctx.db.selectFrom('members').select(['id', 'name', 'email']).where('org_id', '=', orgId).execute()).map(
        (m) => [m.id, { name: m.name, email: m.email }],
      ),
    );
    if (query.value.format === 'json') {
      const page = await activityPage(ctx.db, orgId, query.value);
      return c.json({
        ok: true,
        value: {
          entries: page.entries.map((e) => activityLine(e, members)),
          next: cursorAfter(page.lastSeq),
          more: page.more,
        },
      });
    }
    return streamed(c, ctx, orgId, query.value, members);
  });
}

async function streamed(c: Context, ctx: AppContext, orgId: string, query: ActivityQuery, members: CurrentMembers) {
  const until = (await newestSeq(ctx.db, orgId)) ?? query.after;
  const format = query.format as 'csv' | 'jsonl';
  const labels = exportCsvLabels(members);
  const batches = activityBatches(ctx.db, orgId, query, until);
  const encoder = new TextEncoder();
  // Every CSV line, the header's too, ends in CRLF; every JSON line in LF.
  const text = (entries: Parameters<typeof activityCsvLines>[0]) =>
    format === 'csv'
      ? `${activityCsvLines(entries, labels)}\r\n`
      : entries.map((e) => `${JSON.stringify(activityLine(e, members))}\n`).join('');
  // Pulled one batch at a time: a reader that stops reading stops the queries.
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (format === 'csv') controller.enqueue(encoder.encode(`${activityCsvHeader(labels)}\r\n`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      if (next.value.length > 0) controller.enqueue(encoder.encode(text(next.value)));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return c.body(body, 200, {
    'Content-Type': CONTENT_TYPE[format],
    // Where to resume: the lines written after this answer began come after this cursor.
    'X-Activity-Cursor': cursorAfter(until),
    'Cache-Control': 'no-store',
  });
}
