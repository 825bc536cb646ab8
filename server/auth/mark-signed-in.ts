import type { Kysely } from 'kysely';
import { ok } from '../../lib/domain/result.ts';
import { withNamedActivity } from '../../lib/features/named-activity.ts';
import type { Database } from '../db/schema.ts';
import { orgStoreAccess } from '../store/store-access.ts';
import type { Membership } from './auth.ts';

/**
 * A member's first sign-in makes them active, and every sign-in is logged,
 * as the trial org's signIn command does; through the same store and
 * write path, so the org's version moves and open pages hear of it. The
 * member is the one the new session is bound to.
 */
export async function markSignedIn(db: Kysely<Database>, membership: Membership, now: number): Promise<void> {
  await orgStoreAccess(db, membership).write(async (access) => {
    const store = withNamedActivity(access);
    const current = await store.members.get(membership.memberId);
    if (!current) return ok(null);
    if (current.status !== 'active') await store.members.put({ ...current, status: 'active' });
    await store.activity.add({ at: now, actorId: current.id, kind: 'signed-in', memberId: current.id });
    return ok(null);
  });
}
