import type { Member } from '../../domain/member.ts';
import { connectionOf, type OrgConnection, type OrgConnectionState } from '../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../domain/result.ts';

/**
 * Nobody removes their own access: an admin who could would then be free to
 * connect the org themselves and take it over. In a handover it is the
 * owner who removes the new admin's access (docs/RULES.md, rule 8).
 */
export function decideAccessRemoval(actor: Member, memberIds: readonly string[]): Result<void> {
  if (memberIds.includes(actor.id))
    return fail('remove-own-access', 'You cannot remove your own access: ask the owner of the org connection.');
  return ok(undefined);
}

/**
 * When the owner removes an admin's access, that admin may connect the org
 * next (the handover's first step). Answers the connection to store, or
 * undefined when nothing about the handover changed.
 */
export function handoverAfterRemoval(
  actor: Member,
  removed: readonly string[],
  members: readonly Member[],
  org: OrgConnectionState,
): OrgConnection | undefined {
  const connection = connectionOf(org);
  if (!connection || connection.ownerId !== actor.id) return undefined;
  const admins = new Set(members.filter((m) => m.role === 'admin').map((m) => m.id));
  const opened = removed.filter((id) => admins.has(id) && !connection.handoverTo?.includes(id));
  if (opened.length === 0) return undefined;
  return { ...connection, handoverTo: [...(connection.handoverTo ?? []), ...opened] };
}
