import type { Kysely } from 'kysely';
import { ok } from '../../lib/domain/result.ts';
import { signedIn } from '../../lib/features/session/rules.ts';
import { withNamedActivity } from '../../lib/features/named-activity.ts';
import type { Database } from '../db/schema.ts';
import { orgStoreAccess } from '../store/store-access.ts';
import type { SignInMethod } from '../../lib/domain/identity-provider.ts';
import type { Membership } from './auth.ts';

/**
 * A sign-in (code, passkey or SSO) makes the member active and is logged, by the
 * session area's rule, as the trial's signIn command does; through the same
 * store and write path, so the org's version moves and open pages hear of it.
 * The member is the one the new session is bound to.
 */
export async function markSignedIn(
  db: Kysely<Database>,
  membership: Membership,
  now: number,
  method?: SignInMethod,
): Promise<void> {
  await orgStoreAccess(db, membership).write(async (access) => {
    const store = withNamedActivity(access);
    const current = await store.members.get(membership.memberId);
    if (!current) return ok(null);
    const signed = signedIn(current, now);
    await store.members.put(signed.member);
    await store.activity.add(signed.activity);
    // "Company sign-in only" needs the owner's own SSO sign-in first: when each member last made one.
    if (method === 'sso') await store.identity?.noteSsoSignIn(membership.memberId, now);
    return ok(null);
  });
}
