import { fold } from './fold.ts';
import type { InviteInput } from '../domain/member.ts';
import type { CsvRow } from './parse.ts';

/** The CSV columns that can feed an invitation. Names come as one full-name column, or as first and last name. */
export const COLUMN_FIELDS = ['fullName', 'firstName', 'lastName', 'email', 'role', 'teams'] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

/** How the file holds names: "Full name", or "First name" + "Last name" (what most exports have). */
export type NameLayout = 'full' | 'split';

/** For each field, the index of the CSV column that feeds it (undefined: not in the file), and how names are held. */
export type ColumnMapping = { names: NameLayout } & Record<ColumnField, number | undefined>;

export const NO_MAPPING: ColumnMapping = {
  names: 'full',
  fullName: undefined,
  firstName: undefined,
  lastName: undefined,
  email: undefined,
  role: undefined,
  teams: undefined,
};

/** The fields the page asks for with this name layout, in order. */
export const fieldsFor = (names: NameLayout): readonly ColumnField[] =>
  names === 'full' ? ['fullName', 'email', 'role', 'teams'] : ['firstName', 'lastName', 'email', 'role', 'teams'];

export const isRequired = (field: ColumnField): boolean => field !== 'role' && field !== 'teams';

export type MappingProblem =
  { code: 'field-unmapped'; field: ColumnField } | { code: 'column-twice'; field: ColumnField; column: number };

/** The name column(s) and Email must each have a column, and one column feeds at most one field. */
export function checkMapping(mapping: ColumnMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Set<number>();
  for (const field of fieldsFor(mapping.names)) {
    const column = mapping[field];
    if (column === undefined) {
      if (isRequired(field)) problems.push({ code: 'field-unmapped', field });
      continue;
    }
    if (seen.has(column)) problems.push({ code: 'column-twice', field, column });
    seen.add(column);
  }
  return problems;
}

// The words people (and HR exports) use for the two roles, English and French.
const ADMIN_WORDS = new Set(['admin', 'admins', 'administrator', 'administrateur', 'administratrice']);
const USER_WORDS = new Set([
  'user',
  'users',
  'utilisateur',
  'utilisatrice',
  'rep',
  'salesrep',
  'member',
  'membre',
  'commercial',
  'commerciale',
]);

/**
 * A role cell as the domain reads it: "Administrateur" is "admin", "Sales rep"
 * is "user", empty is no role (the default); anything else is passed through
 * so the row is refused with its own words in the message.
 */
export function roleFromCell(cell: string): string | undefined {
  const word = fold(cell);
  if (word === '') return undefined;
  if (ADMIN_WORDS.has(word)) return 'admin';
  if (USER_WORDS.has(word)) return 'user';
  return cell.trim();
}

// Languages that write the family name first (Japanese, Chinese, Korean, Hungarian, Vietnamese).
const FAMILY_NAME_FIRST = new Set(['ja', 'zh', 'ko', 'hu', 'vi']);

/** First and last name as one name, in the order the locale writes them; either may be empty. */
export function joinName(first: string, last: string, locale: string): string {
  const parts = FAMILY_NAME_FIRST.has(locale.toLowerCase().split('-')[0] ?? '') ? [last, first] : [first, last];
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(' ');
}

/** A row's cells as the file wrote them, for the fields mapped: what a refused row shows, labelled as such. */
export interface RawCells {
  name: string;
  email: string;
  role: string;
  teams: string;
}

/** One CSV row as an invitation, with its row number kept for the report, and the file's own words. */
export interface MappedRow {
  row: number;
  input: InviteInput;
  cells?: RawCells;
}

/** The rows as invitations; checking them is planInvites' job. */
export function mapRows(rows: readonly CsvRow[], mapping: ColumnMapping, locale = 'en'): MappedRow[] {
  const cell = (cells: readonly string[], field: ColumnField) => {
    const column = mapping[field];
    return column === undefined ? '' : (cells[column] ?? '');
  };
  return rows.map(({ row, cells }) => {
    const roleCell = cell(cells, 'role');
    const role = roleFromCell(roleCell);
    const teams = cell(cells, 'teams').trim();
    const name =
      mapping.names === 'full'
        ? cell(cells, 'fullName')
        : joinName(cell(cells, 'firstName'), cell(cells, 'lastName'), locale);
    const input: InviteInput = { name, email: cell(cells, 'email') };
    if (role !== undefined) input.role = role;
    // parseTeams splits "EMEA; Sales" itself; an empty cell means the default team.
    if (teams !== '') input.teams = teams;
    return { row, input, cells: { name, email: input.email as string, role: roleCell, teams: cell(cells, 'teams') } };
  });
}
