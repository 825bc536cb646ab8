import { MAX_TEAMS, parseRole, TEAMS_FULL, parseTeams, teamsInUse, type Member } from '../../domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../domain/result.ts';

const gone = () => fail('member-unknown', 'That member is no longer on the team: refresh the page.');

/**
 * Role and teams. The owner stays an admin; nobody demotes themselves (an org
 * keeps an admin); the org keeps at most 20 teams.
 */
export function decideMemberUpdate(
  actor: Member,
  member: Member | undefined,
  changes: { role?: unknown; teams?: unknown },
  org: OrgConnectionState,
  members: readonly Member[],
): Result<Member> {
  const role = changes.role === undefined ? undefined : parseRole(changes.role);
  const teams = changes.teams === undefined ? undefined : parseTeams(changes.teams);
  if (role && !role.ok) return role;
  if (teams && !teams.ok) return teams;
  if (!member) return gone();
  if (role?.value === 'user' && member.id === actor.id)
    return fail('demote-self', 'You cannot remove your own admin role: ask another admin.', 'role');
  if (role?.value === 'user' && connectionOf(org)?.ownerId === member.id) {
    return fail('demote-owner', `${member.name} made the org's Marketo connection and must stay an admin.`, 'role');
  }
  const updated: Member = { ...member, ...(role && { role: role.value }), ...(teams && { teams: teams.value }) };
  const others = members.filter((m) => m.id !== member.id);
  if (teamsInUse([...others, updated]).size > MAX_TEAMS) {
    return { ok: false, problem: TEAMS_FULL };
  }
  return ok(updated);
}

/** Nobody removes themselves; the owner stays until another admin has connected the org. */
export function decideMemberRemoval(
  actor: Member,
  member: Member | undefined,
  org: OrgConnectionState,
): Result<Member> {
  if (member?.id === actor.id) return fail('remove-self', 'You cannot remove yourself: ask another admin.');
  if (!member) return gone();
  if (connectionOf(org)?.ownerId === member.id) {
    return fail(
      'remove-owner',
      `${member.name} made the org's Marketo connection: another admin must connect the org first, then ${member.name} can be removed.`,
    );
  }
  return ok(member);
}
