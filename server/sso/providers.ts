import { sql, type Kysely } from 'kysely';
import { emailDomain, type IdentityProvider, type IdentitySettings } from '../../lib/domain/identity-provider.ts';
import type { Database } from '../db/schema.ts';
import { identityFrom } from '../store/identity-store.ts';

/** The providers people may be offered for an email: those whose org said they vouch for its domain, and whether that org requires it. */
export async function providersForEmail(
  db: Kysely<Database>,
  email: string,
): Promise<{ id: string; name: string; required: boolean }[]> {
  const { rows } = await sql<{ id: string; name: string; required: boolean }>`
    select provider_id as id, provider_name as name, policy = 'sso-only' as required from org_identity
    where provider_id is not null and domains @> ${JSON.stringify([emailDomain(email)])}::jsonb
    order by provider_name, provider_id limit 10`.execute(db);
  return rows;
}

export interface RegisteredProvider {
  orgId: string;
  providerId: string;
  provider: IdentityProvider;
  settings: IdentitySettings;
  sealedSecret: unknown;
}

/** One provider by its id, with its org and sealed secret (for the server's own use, never a page's). */
export async function providerById(db: Kysely<Database>, providerId: string): Promise<RegisteredProvider | undefined> {
  const row = await db.selectFrom('org_identity').selectAll().where('provider_id', '=', providerId).executeTakeFirst();
  const settings = identityFrom(row);
  if (!row || !settings.provider) return undefined;
  return { orgId: row.org_id, providerId, provider: settings.provider, settings, sealedSecret: row.sealed_secret };
}
