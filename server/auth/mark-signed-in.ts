import { sql, type Kysely } from 'kysely';
import { ok } from '../../lib/domain/result.ts';
import { signedIn } from '../../lib/features/session/rules.ts';
import type { Database } from '../db/schema.ts';
import { orgStoreAccess } from '../store/store-access.ts';

/**
 * A sign-in (code or passkey) makes the member active and is logged, by the
 * session area's rule, as the trial's signIn command does; through the same
 * store and write path, so the org's version moves and open pages hear of it.
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
    const signed = signedIn(current, now);
    await store.members.put(signed.member);
    await store.activity.add(signed.activity);
    return ok(null);
  });
}
