import { sql, type Kysely } from 'kysely';
import type { MemberStatus } from '../../lib/domain/member.ts';
import { maySignIn } from '../../lib/features/session/rules.ts';
import type { Database } from '../db/schema.ts';

/**
 * A person (better-auth's user: one per email) and their memberships: one
 * member row per org that invited that email (migration 0005). Every
 * session speaks for exactly one of them.
 */
export interface Membership {
  orgId: string;
  memberId: string;
}

/** Sent with a sign-in or an org switch: the org the person chose (the extension remembers it per server). */
export const ORG_HEADER = 'x-marketo-access-org';

/**
 * The person's memberships a session may be issued for, oldest org first (the one a sign-in without a
 * choice lands in): a member the company directory deactivated is signed in nowhere.
 */
export async function membershipsOf(db: Kysely<Database>, userId: string): Promise<Membership[]> {
  const { rows } = await sql<{ org_id: string; id: string; status: MemberStatus }>`
    select m.org_id, m.id, m.status from "user" u
      join members m on m.email = lower(u.email)
      join orgs o on o.id = m.org_id
    where u.id = ${userId}
    order by o.created_at, o.id`.execute(db);
  return rows.filter(maySignIn).map((r) => ({ orgId: r.org_id, memberId: r.id }));
}

/**
 * The membership a new session is issued for: the chosen org's, when the
 * person is a member there; else their first. Undefined for nobody's email:
 * a removed person's code or passkey signs nobody in.
 */
export function chooseMembership(memberships: readonly Membership[], chosen: string | null | undefined) {
  return memberships.find((m) => m.orgId === chosen) ?? memberships[0];
}
