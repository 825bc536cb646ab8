import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Caller } from '../store/store-access.ts';
import type { Auth } from './auth.ts';
import type { CallerCache } from './caller-cache.ts';

/** A caller proven by a bearer session, with that session (open streams end with it). */
export interface SessionCaller extends Caller {
  sessionId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** Who a request is (see `sessionCallerOf`), kept between requests by the process's caller cache. */
export type Callers = (headers: Headers) => Promise<SessionCaller | undefined>;

export function cachedCallers(auth: Auth, db: Kysely<Database>, cache: CallerCache): Callers {
  return async (headers) => {
    const authorization = headers.get('authorization');
    if (!authorization?.toLowerCase().startsWith('bearer ')) return undefined;
    const token = authorization.slice('bearer '.length).trim();
    if (!token) return undefined;
    return cache.get(token, () => sessionCallerOf(auth, db, authorization));
  };
}

/**
 * Who a request is: the membership its bearer session was issued for (one
 * member of one org). Never looked up by
 * email: a session does not follow an email into another org, nor back into
 * the same org after a new invitation. Undefined for an unsigned,
 * expired or unknown token, or a membership that is gone.
 */
async function sessionCallerOf(
  auth: Auth,
  db: Kysely<Database>,
  authorization: string,
): Promise<SessionCaller | undefined> {
  // Only the bearer header reaches better-auth: a stray cookie never signs anyone in here.
  const found = await auth.api.getSession({ headers: new Headers({ authorization }) }).catch(async (error: unknown) => {
    // Better-auth answers a database failure as its own 500 ("Failed to get session") and drops the cause:
    // ask the database once, so that a database that is down is reported as such (503), not as a bug.
    await sql`select 1`.execute(db);
    throw error;
  });
  if (!found) return undefined;
  const { orgId, memberId, id, expiresAt } = found.session;
  // The database holds both for every session (migration 0003), and a session goes with its membership (the
  // foreign key, in the same transaction): a session found is a membership that is still there.
  if (!orgId || !memberId) return undefined;
  return { orgId, memberId, sessionId: id, expiresAt: new Date(expiresAt).getTime() };
}
