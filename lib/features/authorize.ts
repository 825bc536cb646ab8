import type { DirectoryCaller } from '../domain/directory.ts';
import type { Member } from '../domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../domain/org-connection.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { Permission } from './command.ts';

/** Whether `actor` (the caller's member, if signed in) has the permission a command declares; the refusal says who may. */
export function authorize(
  who: Permission,
  actor: Member | undefined,
  org: OrgConnectionState,
): Result<Member | undefined> {
  if (who === 'anyone') return ok(actor);
  // A member, even the owner, is never the directory: its commands are the SCIM endpoint's alone.
  if (who === 'directory') return fail('not-directory', 'Only your company directory can do this, with a SCIM token.');
  if (!actor) return fail('not-signed-in', 'Sign in first.');
  if (who === 'member') return ok(actor);
  if (actor.role !== 'admin') return fail('not-admin', 'Only an SIA admin can do this: ask an admin of your team.');
  if (who === 'admin') return ok(actor);
  if (connectionOf(org)?.ownerId !== actor.id)
    return fail('not-owner', 'Only the admin who connected the org to Marketo can do this.');
  return ok(actor);
}

/** Whether the org's directory (one of its tokens, as the backend proved it) is calling. */
export function authorizeDirectory(caller: DirectoryCaller | undefined): Result<DirectoryCaller> {
  return caller ? ok(caller) : fail('not-directory', 'Only your company directory can do this, with a SCIM token.');
}
