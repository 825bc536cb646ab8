import { APIError } from 'better-auth/api';
import type { Kysely } from 'kysely';
import type { SignInMethod } from '../../lib/domain/identity-provider.ts';
import type { OrgConnectionState } from '../../lib/domain/org-connection.ts';
import { decideSignInMethod } from '../../lib/features/identity/rules.ts';
import { maySignIn } from '../../lib/features/session/rules.ts';
import type { Database } from '../db/schema.ts';
import { identityFrom } from '../store/identity-store.ts';
import { chooseMembership, membershipsOf, type Membership } from './memberships.ts';

export type { Membership } from './memberships.ts';

/** Which sign-in made a session, by the better-auth route that makes it (the only ones the server lets through). */
export function signInMethodOf(path: string | undefined): SignInMethod | undefined {
  if (path === '/sign-in/email-otp') return 'code';
  if (path === '/passkey/verify-authentication') return 'passkey';
  if (path === '/sso/session') return 'sso';
  return undefined;
}

/**
 * The membership a new session is issued for, and whether that org's login
 * policy lets it be made this way. An SSO sign-in names its membership (the
 * member of the org whose provider was used, found by the email that
 * provider verified); it must still be one of that person's. Otherwise the
 * org the request chose (ORG_HEADER: the person's remembered choice, or an
 * org switch) when the person is a member there; with no choice, the
 * person's first org whose policy lets them in this way. No membership, no
 * session: a removed or deactivated person's code or passkey signs nobody in.
 */
export async function bindSession(
  db: Kysely<Database>,
  session: { userId: string; orgId?: unknown; memberId?: unknown },
  method: SignInMethod | undefined,
  chosenOrg: string | null | undefined,
): Promise<Membership> {
  const memberships = await membershipsOf(db, session.userId);
  const named = typeof session.orgId === 'string' && typeof session.memberId === 'string';
  const chosen = named
    ? memberships.find((m) => m.orgId === session.orgId && m.memberId === session.memberId)
    : memberships.find((m) => m.orgId === chosenOrg);
  if (named && !chosen) throw notInvited();
  if (chosen) {
    await checkPolicy(db, chosen, method);
    return chosen;
  }
  for (const membership of memberships)
    if ((await policyAllows(db, membership, method ?? 'code')).ok) return membership;
  // None lets the person in this way: the first org's refusal says why.
  const first = chooseMembership(memberships, undefined);
  if (!first) throw notInvited();
  await checkPolicy(db, first, method);
  return first;
}

const notInvited = () =>
  new APIError('FORBIDDEN', { code: 'NOT_INVITED', message: 'No org on this server has this member.' });

/** The org's login policy, for this member and this way of signing in (lib/features/identity/rules.ts decides). */
async function policyAllows(db: Kysely<Database>, { orgId, memberId }: Membership, method: SignInMethod) {
  const [identity, connection] = await Promise.all([
    db.selectFrom('org_identity').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    db.selectFrom('org_connection').select('state').where('org_id', '=', orgId).executeTakeFirst(),
  ]);
  const org = (connection?.state as OrgConnectionState | undefined) ?? { status: 'not-connected' };
  return decideSignInMethod(identityFrom(identity), org, memberId, method);
}

async function checkPolicy(db: Kysely<Database>, membership: Membership, method: SignInMethod | undefined) {
  // A session made by a route this list does not know is judged as the weakest way in: a code.
  const decided = await policyAllows(db, membership, method ?? 'code');
  if (!decided.ok)
    throw new APIError('FORBIDDEN', {
      code: decided.problem.code.toUpperCase().replaceAll('-', '_'),
      message: decided.problem.message,
    });
}

/**
 * Whether a sign-in code may be mailed to this email: one of the person's
 * memberships may sign in (not deactivated) and its org's policy lets that
 * member sign in with a code. Asked out of band (the answer to the request
 * is the same for everyone).
 */
export async function mayReceiveCode(db: Kysely<Database>, email: string): Promise<boolean> {
  const members = await db
    .selectFrom('members')
    .select(['org_id', 'id', 'status'])
    .where('email', '=', email)
    .execute();
  for (const member of members.filter(maySignIn))
    if ((await policyAllows(db, { orgId: member.org_id, memberId: member.id }, 'code')).ok) return true;
  return false;
}
