import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * On a server with no org yet: a fresh one-time claim token (only its hash is
 * kept; earlier unused ones are dropped, since nobody can print them again).
 * Answers the token to print in the claim link, or undefined once an org exists.
 * The link is used by the claimOrg command (lib/features/org/commands.ts).
 */
export async function issueClaimIfEmpty(db: Kysely<Database>, now: number): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const anyOrg = await trx.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
    if (anyOrg) return undefined;
    await trx.deleteFrom('owner_claims').where('used_at', 'is', null).execute();
    const token = randomBytes(32).toString('base64url');
    await trx
      .insertInto('owner_claims')
      .values({ token_hash: hashToken(token), created_at: now })
      .execute();
    return token;
  });
}
