import { fold } from './fold.ts';
import { INVITE_FIELDS, NO_MAPPING, type ColumnMapping, type InviteField } from './mapping.ts';

/**
 * Header words for each field, folded (lower case, no accents, letters only):
 * English and French, and what HR tools and SIA's own export call them.
 */
const SYNONYMS: Record<InviteField, string[]> = {
  name: ['name', 'fullname', 'membername', 'displayname', 'nom', 'nomcomplet', 'prenomnom', 'nometprenom', 'prenometnom'],
  email: ['email', 'emails', 'mail', 'emailaddress', 'workemail', 'courriel', 'adressecourriel', 'adresseemail', 'adressemail', 'adresseelectronique'],
  role: ['role', 'roles', 'userrole', 'memberrole', 'permission', 'permissions', 'profil', 'profile'],
  teams: ['team', 'teams', 'teamname', 'teamnames', 'group', 'groups', 'equipe', 'equipes', 'groupe', 'groupes'],
};
/** On a tie, the more specific field wins: "Team name" is a team, not a name. */
const PRIORITY: InviteField[] = ['email', 'teams', 'role', 'name'];

/** How well a header names a field: an exact synonym beats one found inside a longer header, longer beats shorter. */
function score(header: string, field: InviteField): number {
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
 * change every choice. Best matches are taken first, and a column feeds one field.
 */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const candidates = INVITE_FIELDS.flatMap((field) => headers.map((header, column) => ({ field, column, score: score(header, field) }))).filter((c) => c.score > 0);
  candidates.sort((a, b) => b.score - a.score || PRIORITY.indexOf(a.field) - PRIORITY.indexOf(b.field) || a.column - b.column);
  const mapping: ColumnMapping = { ...NO_MAPPING };
  const taken = new Set<number>();
  for (const { field, column } of candidates) {
    if (mapping[field] !== undefined || taken.has(column)) continue;
    mapping[field] = column;
    taken.add(column);
  }
  return mapping;
}
