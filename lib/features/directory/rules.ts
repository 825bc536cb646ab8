import {
  MAX_DIRECTORY_TOKENS,
  parseTokenName,
  type DirectoryTeam,
  type DirectoryToken,
} from '../../domain/directory.ts';
import { parseEmail } from '../../domain/email.ts';
import {
  DEFAULT_TEAM,
  MAX_SEATS,
  MAX_TEAMS,
  parseName,
  parseTeams,
  seatsTaken,
  TEAMS_FULL,
  teamsInUse,
  type Member,
} from '../../domain/member.ts';
import { connectionOf, type OrgConnectionState } from '../../domain/org-connection.ts';
import { fail, ok, type Result } from '../../domain/result.ts';

/**
 * The company directory's decisions (SCIM 2.0 provisioning), pure: who it
 * may create, change, deactivate or remove, and what its teams (SCIM groups)
 * do to members. The SCIM endpoint translates requests into these commands'
 * inputs; every refusal here is a 4xx there.
 */

/** A person's name as the directory sends it; the SCIM endpoint passes what it got. */
export interface DirectoryName {
  givenName?: string | undefined;
  familyName?: string | undefined;
  formatted?: string | undefined;
  displayName?: string | undefined;
}

/** What the directory says of a person: their work email, name, its own id, and whether they are on. */
export interface DirectoryPerson {
  email?: string | undefined;
  name?: DirectoryName | undefined;
  externalId?: string | undefined;
  active?: boolean | undefined;
}

const SEATS_FULL = () =>
  fail(
    'seats-full',
    `All ${MAX_SEATS} seats are taken: deactivate or remove a member in your directory before assigning another.`,
  );
const gone = () => fail('member-unknown', 'That member is not in this org.');
const isOwner = (org: OrgConnectionState, memberId: string) => connectionOf(org)?.ownerId === memberId;

/** The member's name: given and family name, else the formatted name, else the display name. */
export function directoryName(name: DirectoryName | undefined): Result<string> {
  const parts = [name?.givenName, name?.familyName].filter((p) => typeof p === 'string' && p.trim() !== '');
  const chosen = parts.length > 0 ? parts.join(' ') : (name?.formatted ?? name?.displayName);
  return parseName(chosen);
}

/**
 * A person the directory assigns to the app: a new member, invited (or
 * deactivated if it says so), needing a free seat unless deactivated; an
 * email already in the org is a duplicate (the directory then finds and links
 * the member by filtering on userName).
 */
export function planDirectoryMember(
  person: DirectoryPerson,
  members: readonly Member[],
): Result<Omit<Member, 'id' | 'invitedAt'>> {
  const email = parseEmail(person.email);
  if (!email.ok) return email;
  const name = directoryName(person.name);
  if (!name.ok) return name;
  if (members.some((m) => m.email === email.value))
    return fail('email-duplicate', `${email.value} is already a member of the org.`, 'userName');
  const active = person.active !== false;
  if (active && seatsTaken(members) >= MAX_SEATS) return SEATS_FULL();
  return ok({
    name: name.value,
    email: email.value,
    role: 'user',
    teams: [DEFAULT_TEAM],
    status: active ? 'invited' : 'deactivated',
    source: 'directory',
    ...(person.externalId !== undefined && { externalId: person.externalId }),
  });
}

/** What a directory change does besides the member's fields: their access goes when they are turned off. */
export type Turn = 'deactivate' | 'reactivate' | undefined;

/**
 * A change from the directory: name, email, its id, on or off. The owner is
 * never turned off; turning someone back on needs a free seat and restores
 * the member (invited again: their sessions ended), not their Marketo access.
 * The member is the directory's from then on.
 */
export function decideDirectoryChange(
  member: Member | undefined,
  person: DirectoryPerson,
  org: OrgConnectionState,
  members: readonly Member[],
): Result<{ member: Member; turn: Turn }> {
  if (!member) return gone();
  let updated: Member = { ...member, source: 'directory' };
  if (person.email !== undefined) {
    const email = parseEmail(person.email);
    if (!email.ok) return email;
    if (members.some((m) => m.id !== member.id && m.email === email.value))
      return fail('email-duplicate', `${email.value} is already a member of the org.`, 'userName');
    updated = { ...updated, email: email.value };
  }
  if (person.name !== undefined) {
    const name = directoryName(person.name);
    if (!name.ok) return name;
    updated = { ...updated, name: name.value };
  }
  if (person.externalId !== undefined) updated = { ...updated, externalId: person.externalId };
  let turn: Turn;
  if (person.active === false && member.status !== 'deactivated') {
    if (isOwner(org, member.id))
      return fail(
        'directory-owner',
        `${member.name} owns the org's Marketo connection and cannot be deactivated by the directory.`,
        'active',
      );
    updated = { ...updated, status: 'deactivated' };
    turn = 'deactivate';
  } else if (person.active === true && member.status === 'deactivated') {
    if (seatsTaken(members) >= MAX_SEATS) return SEATS_FULL();
    updated = { ...updated, status: 'invited' };
    turn = 'reactivate';
  }
  return ok({ member: updated, turn });
}

/** The directory removes a member (a SCIM DELETE): anyone but the owner. */
export function decideDirectoryRemoval(member: Member | undefined, org: OrgConnectionState): Result<Member> {
  if (!member) return gone();
  if (isOwner(org, member.id))
    return fail(
      'directory-owner',
      `${member.name} owns the org's Marketo connection and cannot be removed by the directory.`,
    );
  return ok(member);
}

/** A team's name as the directory sends it (a group's displayName): one team name. */
function teamName(raw: unknown): Result<string> {
  if (typeof raw !== 'string' || raw.trim() === '')
    return fail('teams-shape', 'A group needs a displayName: its team name.', 'displayName');
  const parsed = parseTeams([raw]);
  if (!parsed.ok) return parsed;
  return ok(parsed.value[0]!);
}

/** Members of a team after the directory set who is in it: each changed member, with their new teams. */
function withTeamMembers(
  members: readonly Member[],
  name: string,
  memberIds: readonly string[] | undefined,
  oldName?: string,
): Member[] {
  const wanted = memberIds && new Set(memberIds);
  const folded = name.toLowerCase();
  const old = (oldName ?? name).toLowerCase();
  const changed: Member[] = [];
  for (const member of members) {
    const others = member.teams.filter((t) => t.toLowerCase() !== old && t.toLowerCase() !== folded);
    const had = member.teams.some((t) => t.toLowerCase() === old);
    const inTeam = wanted ? wanted.has(member.id) : had;
    const teams = inTeam ? [...others, name] : others;
    const next = teams.length === 0 ? [DEFAULT_TEAM] : teams;
    if (next.join('\u0000') !== member.teams.join('\u0000')) changed.push({ ...member, teams: next });
  }
  return changed;
}

const teamsAfter = (members: readonly Member[], changed: readonly Member[], teams: readonly DirectoryTeam[]) => {
  const byId = new Map(changed.map((m) => [m.id, m]));
  const all = teamsInUse(members.map((m) => byId.get(m.id) ?? m));
  for (const team of teams) all.add(team.name);
  return all;
};

export interface TeamPlan {
  team: DirectoryTeam;
  /** Members whose teams change, as they will be. */
  changed: Member[];
}

/**
 * A group the directory pushes becomes a team (or takes over the team of
 * that name admins already use), with the members it lists; the org keeps
 * at most 20 teams, and one directory group per team.
 */
export function planDirectoryTeam(
  input: { name: unknown; externalId?: string | undefined; memberIds?: readonly string[] | undefined },
  id: string,
  now: number,
  teams: readonly DirectoryTeam[],
  members: readonly Member[],
): Result<TeamPlan> {
  const name = teamName(input.name);
  if (!name.ok) return name;
  if (teams.some((t) => t.name.toLowerCase() === name.value.toLowerCase()))
    return fail('team-duplicate', `The directory already manages the team “${name.value}”.`, 'displayName');
  const unknown = input.memberIds?.find((memberId) => !members.some((m) => m.id === memberId));
  if (unknown !== undefined)
    return fail('member-unknown', `No member of this org has the id “${unknown.slice(0, 60)}”.`, 'members');
  const team: DirectoryTeam = {
    id,
    name: name.value,
    createdAt: now,
    ...(input.externalId !== undefined && { externalId: input.externalId }),
  };
  const changed = withTeamMembers(members, name.value, input.memberIds ?? []);
  if (teamsAfter(members, changed, [...teams, team]).size > MAX_TEAMS) return { ok: false, problem: TEAMS_FULL };
  return ok({ team, changed });
}

/** The directory renames a team or sets who is in it (a group's PUT or PATCH). */
export function decideTeamChange(
  team: DirectoryTeam | undefined,
  input: { name?: unknown; externalId?: string | undefined; memberIds?: readonly string[] | undefined },
  teams: readonly DirectoryTeam[],
  members: readonly Member[],
): Result<TeamPlan> {
  if (!team) return fail('team-unknown', 'That team is not managed by this org’s directory.');
  const name = input.name === undefined ? ok(team.name) : teamName(input.name);
  if (!name.ok) return name;
  if (teams.some((t) => t.id !== team.id && t.name.toLowerCase() === name.value.toLowerCase()))
    return fail('team-duplicate', `The directory already manages the team “${name.value}”.`, 'displayName');
  const unknown = input.memberIds?.find((memberId) => !members.some((m) => m.id === memberId));
  if (unknown !== undefined)
    return fail('member-unknown', `No member of this org has the id “${unknown.slice(0, 60)}”.`, 'members');
  const renamed: DirectoryTeam = {
    ...team,
    name: name.value,
    ...(input.externalId !== undefined && { externalId: input.externalId }),
  };
  const changed = withTeamMembers(members, name.value, input.memberIds, team.name);
  const others = teams.filter((t) => t.id !== team.id);
  if (teamsAfter(members, changed, [...others, renamed]).size > MAX_TEAMS) return { ok: false, problem: TEAMS_FULL };
  return ok({ team: renamed, changed });
}

/** The directory deletes a group: the team leaves every member (who keeps "Everyone" if it was their last). */
export function decideTeamRemoval(team: DirectoryTeam | undefined, members: readonly Member[]): Result<TeamPlan> {
  if (!team) return fail('team-unknown', 'That team is not managed by this org’s directory.');
  return ok({ team, changed: withTeamMembers(members, team.name, []) });
}

/** A new token for the directory: a name no other token of the org has, and room for it. */
export function checkNewToken(rawName: unknown, tokens: readonly DirectoryToken[]): Result<string> {
  const name = parseTokenName(rawName);
  if (!name.ok) return name;
  if (tokens.some((t) => t.name.toLowerCase() === name.value.toLowerCase()))
    return fail('token-name-duplicate', `A token is already named “${name.value}”.`, 'name');
  if (tokens.length >= MAX_DIRECTORY_TOKENS)
    return fail('tokens-full', `An org holds at most ${MAX_DIRECTORY_TOKENS} SCIM tokens: revoke one first.`);
  return ok(name.value);
}
