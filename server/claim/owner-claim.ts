import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseEmail } from '../../lib/domain/email.ts';
import { DEFAULT_TEAM, parseName, type Member } from '../../lib/domain/member.ts';
import { fail, ok, type Result } from '../../lib/domain/result.ts';
import type { Database } from '../db/schema.ts';
import { withNamedActivity } from '../../lib/features/named-activity.ts';
import { kyselyOrgStore } from '../store/org-store.ts';
import { memberRow } from '../store/rows.ts';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * On a server with no org yet: a fresh one-time claim token (only its hash is
 * kept; earlier unused ones are dropped, since nobody can print them again).
 * Answers the token to print in the claim link, or undefined once an org exists.
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

export interface ClaimInput {
  token: string;
  orgName: string;
  name: string;
  email: string;
}

export interface Claimed {
  orgId: string;
  member: Member;
}

const MAX_ORG_NAME = 100;

/** Uses the token once: creates the org and its first admin, who then signs in with an emailed code. */
export async function claimOrg(db: Kysely<Database>, input: ClaimInput, now: number): Promise<Result<Claimed>> {
  const orgName = input.orgName.trim().replace(/\s+/g, ' ');
  if (orgName === '' || orgName.length > MAX_ORG_NAME)
    return fail('bad-input', `The org name must be 1 to ${MAX_ORG_NAME} characters.`, 'orgName');
  const name = parseName(input.name);
  if (!name.ok) return name;
  const email = parseEmail(input.email);
  if (!email.ok) return email;
  return db.transaction().execute(async (trx) => {
    const claim = await trx
      .selectFrom('owner_claims')
      .select('used_at')
      .where('token_hash', '=', hashToken(input.token))
      .forUpdate()
      .executeTakeFirst();
    if (!claim || claim.used_at !== null)
      return fail<Claimed>('not-invited', 'This claim link is unknown or was already used.');
    const taken = await trx.selectFrom('members').select('id').where('email', '=', email.value).executeTakeFirst();
    if (taken)
      return fail<Claimed>('email-duplicate', `${email.value} is already a member of an org on this server.`, 'email');
    const orgId = randomUUID();
    const member: Member = {
      id: randomUUID(),
      name: name.value,
      email: email.value,
      role: 'admin',
      teams: [DEFAULT_TEAM],
      status: 'invited',
      invitedAt: now,
    };
    await trx
      .updateTable('owner_claims')
      .set({ used_at: now })
      .where('token_hash', '=', hashToken(input.token))
      .execute();
    await trx.insertInto('orgs').values({ id: orgId, name: orgName, created_at: now }).execute();
    await trx.insertInto('members').values(memberRow(orgId, member)).execute();
    await withNamedActivity(kyselyOrgStore(trx, orgId)).activity.add({
      at: now,
      actorId: member.id,
      kind: 'org-created',
      memberId: member.id,
      details: { orgName },
    });
    return ok({ orgId, member });
  });
}
