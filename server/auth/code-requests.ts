import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface CodeRequestLimit {
  /** Requests per window for one email. */
  max: number;
  windowMs: number;
}

/**
 * Counts one code request for `email` (kept as a hash: strangers' addresses
 * are not stored) and answers whether it is within the limit. One statement,
 * so concurrent requests on several processes count exactly. Asked before
 * anything is looked up, so it answers alike for members and strangers.
 */
export async function takeCodeRequest(
  db: Kysely<Database>,
  email: string,
  now: number,
  { max, windowMs }: CodeRequestLimit,
): Promise<boolean> {
  const key = createHash('sha256').update(`code-request:${email}`).digest('hex');
  const expired = now - windowMs;
  const { rows } = await sql<{ count: number }>`
    insert into code_requests (key, count, window_start) values (${key}, 1, ${now})
    on conflict (key) do update set
      count = case when code_requests.window_start <= ${expired} then 1 else code_requests.count + 1 end,
      window_start = case when code_requests.window_start <= ${expired} then ${now} else code_requests.window_start end
    returning count`.execute(db);
  // Past windows count for nothing: the table holds at most one window of requests.
  await db.deleteFrom('code_requests').where('window_start', '<=', expired).execute();
  return rows[0]!.count <= max;
}
