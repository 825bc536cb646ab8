import type { Grant } from './grant.ts';
import type { Member } from './member.ts';
import type { OrgConnectionState } from './org-connection.ts';
import { fail, ok, type Result } from './result.ts';

/** Team and access pages are for admins only; reps see only their own status. */
export function requireAdmin(actor: Member | undefined): Result<Member> {
  if (!actor) return fail('not-signed-in', 'Sign in first.');
  if (actor.role !== 'admin') return fail('not-admin', 'Only an SIA admin can do this: ask an admin of your team.');
  return ok(actor);
}

/**
 * An admin who was granted access cannot make the org connection: in a
 * handover the owner first removes the new admin's access (DOMAIN rule 8).
 */
export function checkCanConnectOrg(actor: Member | undefined, actorGrant: Grant | undefined): Result<Member> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  if (actorGrant) {
    return fail(
      'connect-has-grant',
      'You were granted access to the org connection, so you cannot make it yourself: ask the owner to remove your access first.',
    );
  }
  return admin;
}

/** Only the owner (the admin who made the connection) can disconnect it. */
export function checkCanDisconnectOrg(actor: Member | undefined, org: OrgConnectionState): Result<Member> {
  const admin = requireAdmin(actor);
  if (!admin.ok) return admin;
  if (org.status !== 'connected') return fail('org-not-connected', 'The org is not connected to Marketo.');
  if (org.connection.ownerId !== admin.value.id) {
    return fail('not-owner', 'Only the admin who connected the org to Marketo can disconnect it.');
  }
  return admin;
}
