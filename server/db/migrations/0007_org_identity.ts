import { sql, type Kysely } from 'kysely';

/**
 * Single sign-on per org (issue 17): the org's OpenID provider and login
 * policy (`org_identity`: the client secret sealed by the vault, as
 * `org_secret` holds Marketo's), when each member last signed in through it
 * (`sso_sign_ins`: "company sign-in only" needs the owner's first), and the
 * sign-ins under way (`sso_logins`: state, nonce and PKCE verifier of one
 * attempt, then its one-time result for the extension; minutes long).
 * Existing orgs keep emailed codes and passkeys: no row means that policy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('org_identity')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('orgs.id').onDelete('cascade'))
    .addColumn('policy', 'text', (c) =>
      c
        .notNull()
        .defaultTo('codes-and-passkeys')
        .check(sql`policy in ('codes-and-passkeys', 'sso-only')`),
    )
    .addColumn('policy_set_by', 'text')
    .addColumn('provider_id', 'text', (c) => c.unique())
    .addColumn('provider_name', 'text')
    .addColumn('issuer', 'text')
    .addColumn('client_id', 'text')
    .addColumn('domains', 'jsonb')
    .addColumn('sealed_secret', 'jsonb')
    .addColumn('provider_updated_at', 'bigint')
    // A provider is whole or absent; "company sign-in only" needs one.
    .addCheckConstraint(
      'org_identity_provider_whole',
      sql`(provider_id is null) = (issuer is null) and (issuer is null) = (client_id is null)
        and (client_id is null) = (domains is null) and (domains is null) = (sealed_secret is null)
        and (sealed_secret is null) = (provider_updated_at is null) and (provider_name is null) = (issuer is null)`,
    )
    .addCheckConstraint('org_identity_sso_only_has_provider', sql`policy <> 'sso-only' or issuer is not null`)
    .execute();
  await sql`create index org_identity_domains on org_identity using gin (domains)`.execute(db);

  await db.schema
    .createTable('sso_sign_ins')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_sign_ins_pk', ['org_id', 'member_id'])
    .addForeignKeyConstraint('sso_sign_ins_member', ['org_id', 'member_id'], 'members', ['org_id', 'id'], (f) =>
      f.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('sso_logins')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id').onDelete('cascade'))
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('handoff_challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    // Set once the provider's answer passed every check: the one-time result the extension exchanges.
    .addColumn('handoff_hash', 'text', (c) => c.unique())
    .addColumn('member_id', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sso_logins').execute();
  await db.schema.dropTable('sso_sign_ins').execute();
  await db.schema.dropTable('org_identity').execute();
}
