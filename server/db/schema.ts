import type { ColumnType, Generated } from 'kysely';

/**
 * The team server's tables. Every row of the org's own data carries org_id,
 * and every query names it (see store/org-store.ts). Times are epoch
 * milliseconds, as in lib/domain. Better-auth's tables (migration 0002) are
 * reached through better-auth, but for the session's membership (migration
 * 0003): the store ends a membership's sessions in the same transaction as
 * its removal or role change (store/sessions.ts).
 */
type Json<T> = ColumnType<T, string, string>;

export interface OrgsTable {
  id: string;
  name: string;
  version: ColumnType<number, number | undefined, number>;
  created_at: number;
}

export interface MembersTable {
  org_id: string;
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'user';
  teams: Json<string[]>;
  status: 'invited' | 'active' | 'deactivated';
  invited_at: number;
  invited_by: string | null;
  /** Who manages the member: an admin, or the company directory (migration 0006). */
  source: ColumnType<'admin' | 'directory', 'admin' | 'directory' | undefined, 'admin' | 'directory'>;
  external_id: string | null;
}

/** The owner's tokens for the company directory (SCIM): found by the secret's hash, never the secret. */
export interface DirectoryTokensTable {
  org_id: string;
  id: string;
  name: string;
  secret_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** The teams the company directory manages (SCIM groups). */
export interface DirectoryTeamsTable {
  org_id: string;
  id: string;
  name: string;
  external_id: string | null;
  created_at: number;
}

export interface GrantsTable {
  org_id: string;
  member_id: string;
  workspace_ids: Json<number[]>;
  granted_at: number;
  granted_by: string;
}

export interface OrgConnectionTable {
  org_id: string;
  state: Json<unknown>;
}

export interface OrgSecretTable {
  org_id: string;
  sealed: Json<unknown>;
}

export interface ActivityTable {
  org_id: string;
  seq: Generated<number>;
  at: number;
  actor_id: string;
  kind: string;
  member_id: string | null;
  member_ids: Json<string[]> | null;
  details: Json<Record<string, unknown>> | null;
  /** The members the line names, as they were when it was written (migration 0004). */
  people: Json<Record<string, { name: string; email: string }>> | null;
}

export interface IdempotencyTable {
  org_id: string;
  key: string;
  command: string;
  response: Json<unknown>;
  created_at: number;
}

export interface OwnerClaimsTable {
  token_hash: string;
  created_at: number;
  used_at: number | null;
}

/** Better-auth's session, as far as this server reads it: each is bound to one membership. */
export interface SessionTable {
  id: string;
  token: string;
  userId: string;
  expiresAt: Date;
  orgId: string;
  memberId: string;
}

/** Code requests per key (a hashed email) in the current window: a limit checked before any lookup. */
export interface CodeRequestsTable {
  key: string;
  count: number;
  window_start: number;
}

/** The org's identity provider and login policy (migration 0007); no row: codes and passkeys, no provider. */
export interface OrgIdentityTable {
  org_id: string;
  policy: ColumnType<'codes-and-passkeys' | 'sso-only', 'codes-and-passkeys' | 'sso-only' | undefined>;
  policy_set_by: string | null;
  /** A random id naming the provider to the sign-in page (never the org's id). */
  provider_id: string | null;
  provider_name: string | null;
  issuer: string | null;
  client_id: string | null;
  domains: Json<string[]> | null;
  sealed_secret: Json<unknown> | null;
  provider_updated_at: number | null;
}

/** When each member last signed in through the org's provider. */
export interface SsoSignInsTable {
  org_id: string;
  member_id: string;
  last_at: number;
}

/** One SSO sign-in under way: what its callback checks, then its one-time result (hashed). */
export interface SsoLoginsTable {
  state_hash: string;
  org_id: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  handoff_challenge: string;
  expires_at: number;
  handoff_hash: string | null;
  member_id: string | null;
}

export interface Database {
  orgs: OrgsTable;
  members: MembersTable;
  grants: GrantsTable;
  org_connection: OrgConnectionTable;
  org_secret: OrgSecretTable;
  activity: ActivityTable;
  idempotency: IdempotencyTable;
  owner_claims: OwnerClaimsTable;
  session: SessionTable;
  code_requests: CodeRequestsTable;
  directory_tokens: DirectoryTokensTable;
  directory_teams: DirectoryTeamsTable;
  org_identity: OrgIdentityTable;
  sso_sign_ins: SsoSignInsTable;
  sso_logins: SsoLoginsTable;
}
