import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** NOTIFY channel: a session ended (payload: its id), so every process closes that session's open streams. */
export const SESSIONS_ENDED_CHANNEL = 'sessions_ended';

/**
 * Ends every session issued for one membership (its removal, or a new role:
 * a session speaks for the membership as it was when it was issued). Runs in
 * the caller's transaction, so the sessions end exactly when the change
 * commits, and each process hears of it then (NOTIFY is sent on commit).
 */
export async function endMemberSessions(db: Kysely<Database>, orgId: string, memberId: string): Promise<void> {
  const ended = await db
    .deleteFrom('session')
    .where('orgId', '=', orgId)
    .where('memberId', '=', memberId)
    .returning('id')
    .execute();
  if (ended.length > 0)
    await announceEnded(
      db,
      ended.map((s) => s.id),
    );
}

/** Tells every server process on this database that these sessions ended (delivered once the transaction commits). */
export async function announceEnded(db: Kysely<Database>, sessionIds: readonly string[]): Promise<void> {
  await sql`select pg_notify(${SESSIONS_ENDED_CHANNEL}, id) from unnest(${[...sessionIds]}::text[]) as id`.execute(db);
}
