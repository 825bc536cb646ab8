import { mixedScriptWord } from './name-scripts.ts';
import { fail, ok, type Problem, type Result } from './result.ts';
import { DEFAULT_TEAM, teamsInUse } from './teams.ts';

// Kept here too: the team rules read with the member's.
export { DEFAULT_TEAM, teamsInUse };

export type Role = 'admin' | 'user';
/**
 * Invited: the invitation is sent. Active: the member signed in to SIA at
 * least once. Deactivated: the company directory turned them off (SCIM
 * `active: false`): no Marketo access, no seat, no sign-in, kept to be restored.
 */
export type MemberStatus = 'invited' | 'active' | 'deactivated';
export const MEMBER_STATUSES = ['invited', 'active', 'deactivated'] as const satisfies readonly MemberStatus[];
/** Who manages the member: an admin of the org, or the company directory over SCIM (names read-only). */
export type MemberSource = 'admin' | 'directory';
export const MEMBER_SOURCES = ['admin', 'directory'] as const satisfies readonly MemberSource[];

export interface Member {
  id: string;
  name: string;
  email: string;
  role: Role;
  teams: string[];
  status: MemberStatus;
  invitedAt: number;
  /** Member id of the admin who invited; absent for the org's first admin. */
  invitedBy?: string;
  /** Absent: invited by an admin. `directory`: provisioned or adopted by the org's directory (SCIM). */
  source?: MemberSource;
  /** The directory's own id for this member (SCIM `externalId`), when it sent one. */
  externalId?: string;
}

/** Whether a member holds one of the org's seats: a deactivated member frees theirs. */
export const holdsSeat = (member: Pick<Member, 'status'>): boolean => member.status !== 'deactivated';

/** Seats taken: every member but the deactivated. */
export const seatsTaken = (members: readonly Pick<Member, 'status'>[]): number => members.filter(holdsSeat).length;

/** Whether the company directory manages this member (their name is then read-only in the extension). */
export const fromDirectory = (member: Pick<Member, 'source'>): boolean => member.source === 'directory';

export const MAX_SEATS = 100;
export const MAX_TEAMS = 20;
export const MAX_NAME_LENGTH = 100;
export const MAX_TEAM_NAME_LENGTH = 50;
/** The most rows one import may hold: a CSV can hold more rows than seats, and the report then says which rows found no seat. */
export const MAX_IMPORT_ROWS = 1_000;
/** The most members one bulk command may name: an org's seats, and a margin for trial orgs that hold more. */
export const MAX_SELECTION = 10_000;
/** Longest member id a command accepts (ids are UUIDs, or shorter in the trial). */
export const MAX_MEMBER_ID_LENGTH = 100;
/** Longest directory id (SCIM `externalId`) kept for a member or a team. */
export const MAX_EXTERNAL_ID_LENGTH = 200;

/**
 * Invisible and direction-changing characters (zero-width, bidi overrides and
 * isolates, other format characters): a name holding them can pass for
 * another on screen, or reorder the text around it.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses.
export const INVISIBLE_CHARACTERS = /[\p{Cf}\u2028\u2029\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

export interface InviteInput {
  name: unknown;
  email: unknown;
  role?: unknown;
  teams?: unknown;
}

export interface InviteDraft {
  name: string;
  email: string;
  role: Role;
  teams: string[];
}

export function parseName(raw: unknown): Result<string> {
  // Checked before spaces are folded: some invisible characters count as spaces.
  const typed = typeof raw === 'string' ? raw.trim() : '';
  const name = typed.replace(/\s+/g, ' ');
  if (name === '') return fail('name-missing', 'Enter the member’s name.', 'name');
  if (INVISIBLE_CHARACTERS.test(typed)) {
    return fail(
      'name-invisible-characters',
      'The name holds invisible or direction-changing characters: type it again.',
      'name',
    );
  }
  if (name.length > MAX_NAME_LENGTH)
    return fail('name-too-long', `The name is longer than ${MAX_NAME_LENGTH} characters.`, 'name');
  // A look-alike ("Вob" with a Cyrillic В) would pass for another member on every list.
  const mixed = mixedScriptWord(name);
  if (mixed !== undefined)
    return fail(
      'name-mixed-scripts',
      `“${mixed}” mixes letters of different alphabets (such as a Cyrillic letter in a Latin name), so it can pass for another name: type it again in one alphabet.`,
      'name',
    );
  return ok(name);
}

/** Team names trimmed, empty ones dropped, each once (case-insensitively, the first spelling kept). */
export function distinctTeamNames(names: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const team of names) {
    const name = team.trim();
    if (name !== '' && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

/** Teams default to "Everyone"; names are trimmed and de-duplicated (case-insensitively). */
export function parseTeams(raw: unknown): Result<string[]> {
  if (raw === undefined || raw === null) return ok([DEFAULT_TEAM]);
  // Array.from turns holes of a sparse array into undefined, which `some` would skip.
  const list: unknown[] | undefined = Array.isArray(raw)
    ? Array.from(raw as unknown[])
    : typeof raw === 'string'
      ? raw.split(/[;,]/)
      : undefined;
  if (!list || list.some((t) => typeof t !== 'string')) {
    return fail('teams-shape', 'Teams must be a list of team names.', 'teams');
  }
  const teams = distinctTeamNames(list as string[]);
  if (teams.some((name) => INVISIBLE_CHARACTERS.test(name))) {
    return fail('teams-shape', 'A team name holds invisible or direction-changing characters: type it again.', 'teams');
  }
  const tooLong = teams.find((name) => name.length > MAX_TEAM_NAME_LENGTH);
  if (tooLong !== undefined) {
    return fail(
      'team-name-too-long',
      `The team name "${tooLong.slice(0, 20)}…" is longer than ${MAX_TEAM_NAME_LENGTH} characters.`,
      'teams',
    );
  }
  return ok(teams.length === 0 ? [DEFAULT_TEAM] : teams);
}

export function parseRole(raw: unknown): Result<Role> {
  if (raw === undefined || raw === null || raw === '') return ok('user');
  if (typeof raw === 'string') {
    const role = raw.trim().toLowerCase();
    if (role === 'admin' || role === 'user') return ok(role);
  }
  // Never String(raw): an object's own toString may throw.
  const shown = typeof raw === 'string' ? raw.slice(0, 40) : typeof raw;
  return fail('role-unknown', `The role must be "admin" or "user", not "${shown}".`, 'role');
}

export const TEAMS_FULL: Problem = {
  code: 'teams-full',
  message: `An org has at most ${MAX_TEAMS} teams: pick existing teams instead of new ones.`,
  field: 'teams',
};
