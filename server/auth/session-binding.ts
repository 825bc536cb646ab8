import { APIError } from 'better-auth/api';
import { sql, type Kysely } from 'kysely';
import type { SignInMethod } from '../../lib/domain/identity-provider.ts';
import type { OrgConnectionState } from '../../lib/domain/org-connection.ts';
import { decideSignInMethod } from '../../lib/features/identity/rules.ts';
import type { Database } from '../db/schema.ts';
import { identityFrom } from '../store/identity-store.ts';

/** The membership a session speaks for: one member of one org. */
export interface Membership {
  orgId: string;
  memberId: string;
}

/** Which sign-in made a session, by the better-auth route that makes it (the only ones the server lets through). */
export function signInMethodOf(path: string | undefined): SignInMethod | undefined {
  if (path === '/sign-in/email-otp') return 'code';
  if (path === '/passkey/verify-authentication') return 'passkey';
  if (path === '/sso/session') return 'sso';
  return undefined;
}

/**
 * The membership a new session is issued for, and whether the org's login
 * policy lets it be made this way. An SSO sign-in names its membership (the
 * member of the org whose provider was used, found by the email that
 * provider verified); it must still be that person's. Otherwise, today, the
 * one member with the person's email (emails are unique across the server).
 * No member, no session: a removed person's code or passkey signs nobody in.
 */
export async function bindSession(
  db: Kysely<Database>,
  session: { userId: string; orgId?: unknown; memberId?: unknown },
  method: SignInMethod | undefined,
): Promise<Membership> {
  const named = typeof session.orgId === 'string' && typeof session.memberId === 'string';
  const { rows } = await sql<{ org_id: string; id: string }>`
    select m.org_id, m.id from "user" u join members m on m.email = lower(u.email)
    where u.id = ${session.userId}
      and (${!named} or (m.org_id = ${named ? session.orgId : null} and m.id = ${named ? session.memberId : null}))`.execute(
    db,
  );
  const row = rows[0];
  if (!row) throw new APIError('FORBIDDEN', { code: 'NOT_INVITED', message: 'No org on this server has this member.' });
  const membership = { orgId: row.org_id, memberId: row.id };
  await checkPolicy(db, membership, method);
  return membership;
}

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
 * Whether a sign-in code may be mailed to this email: some org has it as a
 * member and its policy lets that member sign in with a code. Asked out of
 * band (the answer to the request is the same for everyone).
 */
export async function mayReceiveCode(db: Kysely<Database>, email: string): Promise<boolean> {
  const members = await db.selectFrom('members').select(['org_id', 'id']).where('email', '=', email).execute();
  for (const { org_id, id } of members)
    if ((await policyAllows(db, { orgId: org_id, memberId: id }, 'code')).ok) return true;
  return false;
}
