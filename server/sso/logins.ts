import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, SsoLoginsTable } from '../db/schema.ts';

/** How long a sign-in may stay at the identity provider. */
export const ATTEMPT_LIFETIME_MS = 10 * 60_000;
/** How long the extension has to exchange the result for a session. */
export const HANDOFF_LIFETIME_MS = 2 * 60_000;

const digest = (value: string) => createHash('sha256').update(value).digest('base64url');
export const hashOf = (value: string): string => digest(`sso:${value}`);
/** The extension's proof that it started the attempt: base64url(SHA-256(verifier)), as PKCE's S256. */
export const challengeOf = (verifier: string): string => digest(verifier);

/**
 * Sign-ins under way (table `sso_logins`), keyed by their state's hash (the
 * state itself is only in the provider's URL). An attempt is used once:
 * the callback takes it, and its result is taken once by the extension that
 * proves it started it (the handoff verifier, never in a URL).
 */
export function ssoLogins(db: Kysely<Database>) {
  return {
    async begin(row: Omit<SsoLoginsTable, 'state_hash' | 'handoff_hash' | 'member_id'> & { state: string }) {
      const { state, ...rest } = row;
      // Attempts past their time go with each new one: the table holds minutes of sign-ins.
      await db
        .deleteFrom('sso_logins')
        .where('expires_at', '<', row.expires_at - ATTEMPT_LIFETIME_MS)
        .execute();
      await db
        .insertInto('sso_logins')
        .values({ ...rest, state_hash: hashOf(state), handoff_hash: null, member_id: null })
        .execute();
    },

    /** The attempt this state names, taken (no state works twice); undefined if unknown, used or expired. */
    async takeAttempt(state: string, now: number): Promise<SsoLoginsTable | undefined> {
      const row = await db
        .deleteFrom('sso_logins')
        .where('state_hash', '=', hashOf(state))
        .where('handoff_hash', 'is', null)
        .returningAll()
        .executeTakeFirst();
      return row && Number(row.expires_at) >= now ? row : undefined;
    },

    /** Keeps a checked attempt's result (its member) for the extension; answers the one-time code for it. */
    async keepResult(attempt: SsoLoginsTable, memberId: string, now: number): Promise<string> {
      const code = randomBytes(32).toString('base64url');
      await db
        .insertInto('sso_logins')
        .values({
          ...attempt,
          expires_at: now + HANDOFF_LIFETIME_MS,
          handoff_hash: hashOf(code),
          member_id: memberId,
        })
        .execute();
      return code;
    },

    /** The result for this code, taken once, if `verifier` is the one whose challenge started the attempt. */
    async takeResult(
      code: string,
      verifier: string,
      now: number,
    ): Promise<{ orgId: string; memberId: string; providerId: string } | undefined> {
      const row = await db
        .deleteFrom('sso_logins')
        .where('handoff_hash', '=', hashOf(code))
        .returningAll()
        .executeTakeFirst();
      if (!row || row.member_id === null || Number(row.expires_at) < now) return undefined;
      const expected = Buffer.from(row.handoff_challenge);
      const given = Buffer.from(challengeOf(verifier));
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return { orgId: row.org_id, memberId: row.member_id, providerId: row.provider_id };
    },

    /** Rows left, for tests: nothing of a refused sign-in stays. */
    count: async () => Number((await sql<{ n: string }>`select count(*) as n from sso_logins`.execute(db)).rows[0]!.n),
  };
}
