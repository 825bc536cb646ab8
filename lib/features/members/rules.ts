import { parseEmail } from '../../domain/email.ts';
import {
  MAX_SEATS,
  MAX_TEAMS,
  parseName,
  parseRole,
  TEAMS_FULL,
  parseTeams,
  seatsTaken,
  teamsInUse,
  type InviteDraft,
  type InviteInput,
  type Member,
} from '../../domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../../domain/org-connection.ts';
import { fail, ok, type Problem, type Result } from '../../domain/result.ts';

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
  /** Teams the company directory manages, which may have no member yet (a team server's). */
  directoryTeams: readonly string[] = [],
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
  const all = teamsInUse([...others, updated]);
  for (const team of directoryTeams) all.add(team);
  if (all.size > MAX_TEAMS) {
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

/**
 * Checks one invitation against the org as it is: a valid name and email, no
 * member with that email yet, a free seat, and at most 20 teams in the org.
 */
export function checkInvite(
  input: InviteInput,
  members: readonly Member[],
  /** Teams the company directory manages, which may have no member yet (a team server's). */
  directoryTeams: readonly string[] = [],
): { ok: true; value: InviteDraft } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = parseName(input.name);
  const email = parseEmail(input.email);
  const role = parseRole(input.role);
  const teams = parseTeams(input.teams);
  for (const r of [name, email, role, teams]) if (!r.ok) problems.push(r.problem);

  if (email.ok && members.some((m) => m.email === email.value)) {
    problems.push({
      code: 'email-duplicate',
      message: `${email.value} is already a member of the team.`,
      field: 'email',
    });
  }
  if (seatsTaken(members) >= MAX_SEATS) {
    problems.push({
      code: 'seats-full',
      message: `All ${MAX_SEATS} seats are taken: remove a member before inviting another.`,
    });
  }
  if (teams.ok) {
    const all = teamsInUse(members);
    for (const team of [...directoryTeams, ...teams.value]) all.add(team);
    if (all.size > MAX_TEAMS) {
      problems.push(TEAMS_FULL);
    }
  }
  if (!name.ok || !email.ok || !role.ok || !teams.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { name: name.value, email: email.value, role: role.value, teams: teams.value } };
}

export type InviteRowOutcome =
  { row: number; outcome: 'invite'; draft: InviteDraft } | { row: number; outcome: 'reject'; problems: Problem[] };

/**
 * Checks a batch of invitations (a CSV import) row by row, in order: each
 * accepted row takes a seat and its email, so a file cannot overfill the
 * org's seats or invite one person twice. `row` is the input's index.
 */
export function planInvites(
  rows: readonly InviteInput[],
  members: readonly Member[],
  directoryTeams: readonly string[] = [],
): InviteRowOutcome[] {
  const planned: Member[] = [...members];
  return rows.map((input, row) => {
    const checked = checkInvite(input, planned, directoryTeams);
    if (!checked.ok) return { row, outcome: 'reject', problems: checked.problems };
    // A placeholder member: only its email, teams and seat matter to the rows after it.
    planned.push({ id: `row-${row}`, ...checked.value, status: 'invited', invitedAt: 0 });
    return { row, outcome: 'invite', draft: checked.value };
  });
}
