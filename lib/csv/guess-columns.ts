import { fold } from './fold.ts';
import { NO_MAPPING, type ColumnField, type ColumnMapping } from './mapping.ts';

/**
 * Header words for each field, folded (lower case, no accents, letters only):
 * English and French, and what HR tools, CRMs and SIA's own export call them.
 * "Nom" is a last name beside "Prénom", and a full name on its own.
 */
const SYNONYMS: Record<ColumnField, string[]> = {
  fullName: [
    'name',
    'fullname',
    'membername',
    'displayname',
    'nomcomplet',
    'prenomnom',
    'nometprenom',
    'prenometnom',
    'nomprenom',
  ],
  firstName: ['firstname', 'givenname', 'forename', 'prenom', 'prenomusuel'],
  lastName: ['lastname', 'surname', 'familyname', 'nom', 'nomdefamille', 'nomdusage'],
  email: [
    'email',
    'emails',
    'mail',
    'emailaddress',
    'workemail',
    'courriel',
    'adressecourriel',
    'adresseemail',
    'adressemail',
    'adresseelectronique',
  ],
  role: ['role', 'roles', 'userrole', 'memberrole', 'permission', 'permissions', 'profil', 'profile'],
  teams: ['team', 'teams', 'teamname', 'teamnames', 'group', 'groups', 'equipe', 'equipes', 'groupe', 'groupes'],
};
/** On a tie, the more specific field wins: "Team name" is a team, not a name; "Nom" is first tried as a last name. */
const PRIORITY: ColumnField[] = ['email', 'teams', 'role', 'firstName', 'lastName', 'fullName'];

/** How well a header names a field: an exact synonym beats one found inside a longer header, longer beats shorter. */
function score(header: string, field: ColumnField): number {
  const folded = fold(header);
  if (folded === '') return 0;
  let best = 0;
  for (const word of SYNONYMS[field]) {
    if (folded === word) return 1000;
    if (folded.includes(word)) best = Math.max(best, word.length);
  }
  return best;
}

/**
 * Pre-selects a column for each field from the header names; the admin can
 * change every choice. Best matches are taken first, and a column feeds one
 * field. A first-name column means names are split; otherwise one column
 * holds the full name (a lone "Nom" or "Last name" included).
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const candidates = PRIORITY.flatMap((field) =>
    headers.map((header, column) => ({ field, column, score: score(header, field) })),
  ).filter((c) => c.score > 0);
  candidates.sort(
    (a, b) => b.score - a.score || PRIORITY.indexOf(a.field) - PRIORITY.indexOf(b.field) || a.column - b.column,
  );
  const mapping: ColumnMapping = { ...NO_MAPPING };
  const taken = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined || taken.has(column)) continue;
    mapping[field] = column;
    taken.add(column);
  }
  if (mapping.firstName !== undefined) {
    // "Prénom" + "Name": the other name column is the last name.
    if (mapping.lastName === undefined) [mapping.lastName, mapping.fullName] = [mapping.fullName, undefined];
    return { ...mapping, names: 'split' };
  }
  if (mapping.fullName === undefined) [mapping.fullName, mapping.lastName] = [mapping.lastName, undefined];
  return { ...mapping, names: 'full' };
}
