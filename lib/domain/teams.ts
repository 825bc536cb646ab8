/** Every member is in this team at least. */
export const DEFAULT_TEAM = 'Everyone';

/**
 * The org's distinct teams, with the new ones a draft would add. Its own
 * file: the pages' member lists use it without the member rules' parsing.
 */
export function teamsInUse(members: readonly { teams: readonly string[] }[]): Set<string> {
  const teams = new Set<string>([DEFAULT_TEAM]);
  for (const member of members) for (const team of member.teams) teams.add(team);
  return teams;
}
