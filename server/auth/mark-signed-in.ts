import { sql, type Kysely } from 'kysely';
import { ok } from '../../lib/domain/result.ts';
import type { Database } from '../db/schema.ts';
import { orgStoreAccess } from '../store/store-access.ts';

/**
 * A member's first sign-in makes them active, and every sign-in is logged,
 * as the trial org's signIn command does; through the same store and
 * write path, so the org's version moves and open pages hear of it.
 */
export async function markSignedIn(db: Kysely<Database>, userId: string, now: number): Promise<void> {
  const user = await sql<{ email: string }>`select "email" from "user" where "id" = ${userId}`.execute(db);
  const email = user.rows[0]?.email.toLowerCase();
  if (!email) return;
  const member = await db.selectFrom('members').select(['org_id', 'id']).where('email', '=', email).executeTakeFirst();
  if (!member) return;
  await orgStoreAccess(db, { orgId: member.org_id, memberId: member.id }).write(async (store) => {
    const current = await store.members.get(member.id);
    if (!current) return ok(null);
    if (current.status !== 'active') await store.members.put({ ...current, status: 'active' });
    await store.activity.add({ at: now, actorId: current.id, kind: 'signed-in', memberId: current.id });
    return ok(null);
  });
}
