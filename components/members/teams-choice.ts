import { DEFAULT_TEAM, distinctTeamNames, MAX_TEAMS, teamsInUse, type Member } from '../../lib/domain/member.ts';

/** Teams as a form holds them: existing teams ticked, and new names typed (comma- or semicolon-separated). */
export interface TeamsChoice {
  chosen: string[];
  added: string;
}

/** The chosen teams, then the new ones, once each (case-insensitively, as the domain counts them). */
export const teamsOf = (choice: TeamsChoice): string[] =>
  distinctTeamNames([...choice.chosen, ...choice.added.split(/[;,]/)]);

/** The org's teams for the checkboxes: Everyone first, then by name. */
export function orgTeams(members: readonly Pick<Member, 'teams'>[], locale: string): string[] {
  const others = [...teamsInUse(members)].filter((team) => team !== DEFAULT_TEAM);
  return [DEFAULT_TEAM, ...others.sort(new Intl.Collator(locale, { sensitivity: 'base' }).compare)];
}

/** How many teams the org would have with this choice; over MAX_TEAMS the worker refuses it. */
export function teamCountWith(
  others: readonly Pick<Member, 'teams'>[],
  teams: readonly string[],
): { count: number; over: boolean } {
  const count = teamsInUse([...others, { teams: [...teams] }]).size;
  return { count, over: count > MAX_TEAMS };
}
