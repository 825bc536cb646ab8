import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DEFAULT_LOGIN_POLICY, type IdentitySettings } from '../../lib/domain/identity-provider.ts';
import type { OrgStore } from '../../lib/features/store.ts';
import type { Database, OrgIdentityTable } from '../db/schema.ts';

type IdentityRow = Pick<
  Selectable<OrgIdentityTable>,
  'policy' | 'policy_set_by' | 'provider_name' | 'issuer' | 'client_id' | 'domains' | 'provider_updated_at'
>;

/** The settings a row holds; no row is the default policy with no provider. */
export function identityFrom(row: IdentityRow | undefined): IdentitySettings {
  if (!row) return { policy: DEFAULT_LOGIN_POLICY };
  const { policy, policy_set_by, provider_name, issuer, client_id, domains, provider_updated_at } = row;
  return {
    policy,
    ...(policy_set_by !== null && { policySetBy: policy_set_by }),
    ...(issuer !== null &&
      client_id !== null &&
      provider_updated_at !== null && {
        provider: {
          name: provider_name ?? '',
          issuer,
          clientId: client_id,
          domains: (domains as string[] | null) ?? [],
          updatedAt: Number(provider_updated_at),
        },
      }),
  };
}

/**
 * The identity part of the OrgStore port over PostgreSQL, for one org, in
 * the caller's transaction. The sealed secret is written here and read only
 * by the SSO sign-in (server/sso), never answered to a page.
 */
export function kyselyIdentityStore(db: Kysely<Database>, orgId: string): NonNullable<OrgStore['identity']> {
  const row = () => db.selectFrom('org_identity').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  return {
    get: async () => identityFrom(await row()),
    hasSecret: async () => (await row())?.sealed_secret != null,
    putProvider: async (provider, sealedSecret) => {
      const values = {
        provider_name: provider.name,
        issuer: provider.issuer,
        client_id: provider.clientId,
        domains: JSON.stringify(provider.domains),
        provider_updated_at: provider.updatedAt,
        ...(sealedSecret !== undefined && { sealed_secret: JSON.stringify(sealedSecret) }),
      };
      const current = await row();
      if (current?.provider_id) await db.updateTable('org_identity').set(values).where('org_id', '=', orgId).execute();
      else if (current)
        await db
          .updateTable('org_identity')
          .set({ ...values, provider_id: randomUUID() })
          .where('org_id', '=', orgId)
          .execute();
      else
        await db
          .insertInto('org_identity')
          .values({ org_id: orgId, provider_id: randomUUID(), sealed_secret: null, ...values })
          .execute();
    },
    deleteProvider: async () => {
      await db
        .updateTable('org_identity')
        .set({
          provider_id: null,
          provider_name: null,
          issuer: null,
          client_id: null,
          domains: null,
          sealed_secret: null,
          provider_updated_at: null,
        })
        .where('org_id', '=', orgId)
        .execute();
      // Sign-ins under way with the provider end with it.
      await db.deleteFrom('sso_logins').where('org_id', '=', orgId).execute();
    },
    setPolicy: async (policy, setBy) => {
      // Not an upsert: PostgreSQL checks the row proposed for insertion (no provider) before finding the conflict.
      const updated = await db
        .updateTable('org_identity')
        .set({ policy, policy_set_by: setBy })
        .where('org_id', '=', orgId)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n)
        await db.insertInto('org_identity').values({ org_id: orgId, policy, policy_set_by: setBy }).execute();
    },
    noteSsoSignIn: async (memberId, at) => {
      await db
        .insertInto('sso_sign_ins')
        .values({ org_id: orgId, member_id: memberId, last_at: at })
        .onConflict((oc) => oc.columns(['org_id', 'member_id']).doUpdateSet({ last_at: at }))
        .execute();
    },
    lastSsoSignIn: async (memberId) => {
      const found = await db
        .selectFrom('sso_sign_ins')
        .select('last_at')
        .where('org_id', '=', orgId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return found && Number(found.last_at);
    },
  };
}
