import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Caller } from '../store/store-access.ts';
import type { Auth } from './auth.ts';

/**
 * Who a request is: the bearer session's email, mapped to the one member
 * that has it (emails are unique across the server). Undefined for no
 * token, an expired or unknown one, or an email no org has any more.
 */
export async function callerOf(auth: Auth, db: Kysely<Database>, headers: Headers): Promise<Caller | undefined> {
  const authorization = headers.get('authorization');
  if (!authorization?.toLowerCase().startsWith('bearer ')) return undefined;
  // Only the bearer header reaches better-auth: a stray cookie never signs anyone in here.
  const session = await auth.api
    .getSession({ headers: new Headers({ authorization }) })
    .catch(async (error: unknown) => {
      // Better-auth answers a database failure as its own 500 ("Failed to get session") and drops the cause:
      // ask the database once, so that a database that is down is reported as such (503), not as a bug.
      await sql`select 1`.execute(db);
      throw error;
    });
  if (!session) return undefined;
  const member = await db
    .selectFrom('members')
    .select(['org_id', 'id'])
    .where('email', '=', session.user.email.toLowerCase())
    .executeTakeFirst();
  return member && { orgId: member.org_id, memberId: member.id };
}
