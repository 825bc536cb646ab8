import type { Kysely } from 'kysely';
import { LAST_USE_PRECISION_MS } from '../../lib/domain/directory.ts';
import { hashToken } from '../claim/owner-claim.ts';
import type { Database } from '../db/schema.ts';
import type { DirectoryCallerRef } from '../store/store-access.ts';

/** Longest bearer read: a token is ~50 characters; anything far longer is not one. */
const MAX_BEARER_LENGTH = 500;

/**
 * The org a SCIM request's bearer token belongs to: found by the token's
 * hash among tokens not revoked, so the org comes from the token alone (one
 * URL for every org). Its last use is written at most once a minute, outside
 * any command: it is a note for the owner's token list, not org data, so it
 * does not move the org's version (open pages are not told each minute a
 * directory syncs).
 */
export async function directoryCallerOf(
  db: Kysely<Database>,
  authorization: string | undefined,
  now: number,
): Promise<DirectoryCallerRef | undefined> {
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? '');
  const secret = match?.[1];
  if (!secret || secret.length > MAX_BEARER_LENGTH) return undefined;
  const row = await db
    .selectFrom('directory_tokens')
    .select(['org_id', 'id', 'last_used_at'])
    .where('secret_hash', '=', hashToken(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.last_used_at === null || now - row.last_used_at >= LAST_USE_PRECISION_MS)
    await db
      .updateTable('directory_tokens')
      .set({ last_used_at: now })
      .where('org_id', '=', row.org_id)
      .where('id', '=', row.id)
      .execute();
  return { orgId: row.org_id, tokenId: row.id };
}
