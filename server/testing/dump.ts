import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface OrgDump {
  org: { id: string; name: string; version: number } | undefined;
  members: unknown[];
  grants: unknown[];
  connection: unknown;
  secret: unknown;
  activity: unknown[];
  idempotency: unknown[];
  directoryTokens: unknown[];
  directoryTeams: unknown[];
  identity: unknown;
  ssoSignIns: unknown[];
  ssoLogins: unknown[];
}

/** Every row of one org as stored, in a stable order. */
export async function dumpOrg(db: Kysely<Database>, orgId: string): Promise<OrgDump> {
  const [
    org,
    members,
    grants,
    connection,
    secret,
    activity,
    idempotency,
    directoryTokens,
    directoryTeams,
    identity,
    ssoSignIns,
    ssoLogins,
  ] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'name', 'version']).where('id', '=', orgId).executeTakeFirst(),
    db.selectFrom('members').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    db.selectFrom('grants').selectAll().where('org_id', '=', orgId).orderBy('member_id').execute(),
    db.selectFrom('org_connection').select('state').where('org_id', '=', orgId).executeTakeFirst(),
    db.selectFrom('org_secret').select('sealed').where('org_id', '=', orgId).executeTakeFirst(),
    db.selectFrom('activity').selectAll().where('org_id', '=', orgId).orderBy('seq').execute(),
    db
      .selectFrom('idempotency')
      .select(['key', 'command', 'response'])
      .where('org_id', '=', orgId)
      .orderBy('key')
      .execute(),
    db.selectFrom('directory_tokens').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    db.selectFrom('directory_teams').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    db.selectFrom('org_identity').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    db.selectFrom('sso_sign_ins').selectAll().where('org_id', '=', orgId).orderBy('member_id').execute(),
    db.selectFrom('sso_logins').selectAll().where('org_id', '=', orgId).orderBy('state_hash').execute(),
  ]);
  return {
    org,
    members,
    grants,
    connection: connection?.state,
    secret: secret?.sealed,
    activity,
    idempotency,
    directoryTokens,
    directoryTeams,
    identity,
    ssoSignIns,
    ssoLogins,
  };
}
