import type { Kysely } from 'kysely';
import type { Result } from '../../lib/domain/result.ts';
import type { OrgView } from '../../lib/features/session/view.ts';
import type { Database } from '../db/schema.ts';

export const IDEMPOTENCY_KEPT_MS = 24 * 60 * 60 * 1000;

/** What a write answered: its result, the org's version after it, and the caller's view then. */
export interface Answered {
  result: Result<unknown>;
  version?: number;
  view?: OrgView;
}

export interface StoredAnswer {
  command: string;
  answered: Answered;
}

/**
 * The answer kept for an idempotency key of this org, if any: looked up
 * before a retry runs anything slow, and again under the org's lock inside
 * the write, where two copies of one request meet.
 */
export async function storedAnswer(
  db: Kysely<Database>,
  orgId: string,
  key: string,
): Promise<StoredAnswer | undefined> {
  const row = await db
    .selectFrom('idempotency')
    .select(['command', 'response'])
    .where('org_id', '=', orgId)
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  const response = row.response as Answered | Result<unknown>;
  // Rows written before answers carried a version hold the bare result.
  return { command: row.command, answered: 'ok' in response ? { result: response } : response };
}

/** Keeps a success's answer under its key, in the write's own transaction; answers older than a day go. */
export async function keepAnswer(
  trx: Kysely<Database>,
  orgId: string,
  key: string,
  command: string,
  answered: Answered,
): Promise<void> {
  // A client retries within minutes; a day of answers is plenty, and keeps the table small.
  await trx
    .deleteFrom('idempotency')
    .where('org_id', '=', orgId)
    .where('created_at', '<', Date.now() - IDEMPOTENCY_KEPT_MS)
    .execute();
  await trx
    .insertInto('idempotency')
    .values({ org_id: orgId, key, command, response: JSON.stringify(answered), created_at: Date.now() })
    .execute();
}
