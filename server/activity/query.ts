import { ACTIVITY_KINDS, isActivityKind, type ActivityKind } from '../../lib/domain/activity.ts';
import { fail, ok, type Result } from '../../lib/domain/result.ts';

export const ACTIVITY_FORMATS = ['json', 'csv', 'jsonl'] as const;
export type ActivityFormat = (typeof ACTIVITY_FORMATS)[number];

/** What GET /api/activity was asked for, checked. */
export interface ActivityQuery {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Lines by or about this member. */
  member?: string;
  kinds?: ActivityKind[];
  /** Lines after this seq (the cursor's). */
  after: number;
  limit: number;
  format: ActivityFormat;
}

export const PAGE_DEFAULT = 100;
export const PAGE_MAX = 1000;
/** The query's parameters, each with what it means: the parser's list and the OpenAPI document's. */
export const ACTIVITY_QUERY_PARAMETERS = [
  { name: 'from', description: 'ISO 8601 time with a time zone; lines at or after it.' },
  { name: 'to', description: 'ISO 8601 time with a time zone; lines before it.' },
  { name: 'member', description: 'A member id: lines by or about them.' },
  { name: 'kind', description: 'An activity kind; repeated or comma-separated for several.' },
  { name: 'cursor', description: 'Opaque, from an earlier answer (`next`, or the `X-Activity-Cursor` header).' },
  { name: 'limit', description: `Lines per JSON page, 1 to ${PAGE_MAX} (default ${PAGE_DEFAULT}).` },
  { name: 'format', description: '`json` (default), `csv` or `jsonl`.' },
] as const;
const PARAMETERS = new Set<string>(ACTIVITY_QUERY_PARAMETERS.map((p) => p.name));
/** ISO 8601 with a time zone: Date.parse alone would read "2026-12-01" as UTC and "12/01/2026" as local time. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const CURSOR_PREFIX = 'a1.';

/**
 * The cursor is opaque to clients: the last line's seq, which grows with
 * every line an org writes (its writes queue on the org's row), so lines
 * appended meanwhile come after it and none is skipped or repeated.
 */
export const cursorAfter = (seq: number): string => Buffer.from(`${CURSOR_PREFIX}${seq}`).toString('base64url');

function seqOf(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(cursor)) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  const digits = text.startsWith(CURSOR_PREFIX) ? text.slice(CURSOR_PREFIX.length) : '';
  if (!/^(0|[1-9]\d{0,15})$/.test(digits)) return undefined;
  const seq = Number(digits);
  return Number.isSafeInteger(seq) ? seq : undefined;
}

const timeProblem = (field: string) =>
  fail<never>(
    'activity-time-invalid',
    `"${field}" must be an ISO 8601 time with a time zone (2026-12-01T00:00:00Z), and "from" before "to".`,
    field,
  );

/** Checks the query string; a refusal names the parameter. */
export function parseActivityQuery(params: URLSearchParams): Result<ActivityQuery> {
  for (const key of params.keys())
    if (!PARAMETERS.has(key))
      return fail('bad-input', `Unknown parameter "${key.slice(0, 40)}": use ${[...PARAMETERS].join(', ')}.`, key);
  for (const key of PARAMETERS)
    if (key !== 'kind' && params.getAll(key).length > 1) return fail('bad-input', `"${key}" may be given once.`, key);
  const query: ActivityQuery = { after: 0, limit: PAGE_DEFAULT, format: 'json' };
  for (const field of ['from', 'to'] as const) {
    const value = params.get(field);
    if (value === null) continue;
    const at = ISO_TIME.test(value) ? Date.parse(value) : NaN;
    if (!Number.isFinite(at)) return timeProblem(field);
    query[field] = at;
  }
  if (query.from !== undefined && query.to !== undefined && query.from >= query.to) return timeProblem('to');
  const member = params.get('member');
  if (member !== null) {
    if (member.length === 0 || member.length > 200) return fail('bad-input', '"member" must be a member id.', 'member');
    query.member = member;
  }
  const kinds = params.getAll('kind').flatMap((k) => k.split(','));
  if (kinds.length > 0) {
    const unknown = kinds.find((k) => !isActivityKind(k));
    if (unknown !== undefined)
      return fail(
        'activity-kind-unknown',
        `There is no activity kind "${unknown.slice(0, 40)}": use ${ACTIVITY_KINDS.join(', ')}.`,
        'kind',
      );
    query.kinds = [...new Set(kinds as ActivityKind[])];
  }
  const cursor = params.get('cursor');
  if (cursor !== null) {
    const after = seqOf(cursor);
    if (after === undefined)
      return fail(
        'activity-cursor-invalid',
        'That cursor is not one this server gave: start without one, or send the last answer’s "next".',
        'cursor',
      );
    query.after = after;
  }
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > PAGE_MAX)
      return fail('bad-input', `"limit" must be a whole number from 1 to ${PAGE_MAX}.`, 'limit');
    query.limit = Number(limit);
  }
  const format = params.get('format');
  if (format !== null) {
    if (!(ACTIVITY_FORMATS as readonly string[]).includes(format))
      return fail('bad-input', `"format" must be one of ${ACTIVITY_FORMATS.join(', ')}.`, 'format');
    query.format = format as ActivityFormat;
  }
  return ok(query);
}
