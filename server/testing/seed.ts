import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { aMember } from '../../tests/fixtures/domain.ts';
import type { Member } from '../../lib/domain/member.ts';
import type { OrgConnectionState } from '../../lib/domain/org-connection.ts';
import type { Database } from '../db/schema.ts';
import { memberRow } from '../store/rows.ts';

export interface SeedOrg {
  name?: string;
  members: Member[];
  org?: OrgConnectionState;
  /** As stored (already sealed). */
  sealed?: unknown;
}

/** Writes an org straight into the database, as a claim and invitations would have. Answers its id. */
export async function seedOrg(db: Kysely<Database>, seed: SeedOrg, now = Date.now()): Promise<string> {
  const orgId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('orgs')
      .values({ id: orgId, name: seed.name ?? 'Acme', created_at: now })
      .execute();
    if (seed.members.length > 0)
      await trx
        .insertInto('members')
        .values(seed.members.map((m) => memberRow(orgId, m)))
        .execute();
    if (seed.org)
      await trx
        .insertInto('org_connection')
        .values({ org_id: orgId, state: JSON.stringify(seed.org) })
        .execute();
    if (seed.sealed !== undefined)
      await trx
        .insertInto('org_secret')
        .values({ org_id: orgId, sealed: JSON.stringify(seed.sealed) })
        .execute();
  });
  return orgId;
}

/** The org's owner as the server tests seed it: an active admin, invited a day before `now`. */
export const seededOwner = (now: number): Member =>
  aMember({
    id: 'owner',
    name: 'Olivia Owner',
    email: 'owner@example.com',
    role: 'admin',
    status: 'active',
    invitedAt: now - 86_400_000,
  });
