import { fold } from './fold.ts';
import type { InviteInput } from '../domain/member.ts';
import type { CsvRow } from './parse.ts';

/** Our fields a CSV column can feed, in the order the page asks for them. */
export const INVITE_FIELDS = ['name', 'email', 'role', 'teams'] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];
export const REQUIRED_FIELDS: readonly InviteField[] = ['name', 'email'];

/** For each field, the index of the CSV column that feeds it; undefined: not in the file. */
export type ColumnMapping = Record<InviteField, number | undefined>;

export const NO_MAPPING: ColumnMapping = { name: undefined, email: undefined, role: undefined, teams: undefined };

export type MappingProblem = { code: 'field-unmapped'; field: InviteField } | { code: 'column-twice'; field: InviteField; column: number };

/** Name and Email must each have a column, and one column feeds at most one field. */
export function checkMapping(mapping: ColumnMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const seen = new Set<number>();
  for (const field of INVITE_FIELDS) {
    const column = mapping[field];
    if (column === undefined) {
      if (REQUIRED_FIELDS.includes(field)) problems.push({ code: 'field-unmapped', field });
      continue;
    }
    if (seen.has(column)) problems.push({ code: 'column-twice', field, column });
    seen.add(column);
  }
  return problems;
}

// The words people (and HR exports) use for the two roles, English and French.
const ADMIN_WORDS = new Set(['admin', 'admins', 'administrator', 'administrateur', 'administratrice']);
const USER_WORDS = new Set(['user', 'users', 'utilisateur', 'utilisatrice', 'rep', 'salesrep', 'member', 'membre', 'commercial', 'commerciale']);

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

/** One CSV row as an invitation, with its row number kept for the report. */
export interface MappedRow {
  row: number;
  input: InviteInput;
}

/** The rows as invitations; checking them is planInvites' job. */
export function mapRows(rows: readonly CsvRow[], mapping: ColumnMapping): MappedRow[] {
  const cell = (cells: readonly string[], field: InviteField) => {
    const column = mapping[field];
    return column === undefined ? '' : (cells[column] ?? '');
  };
  return rows.map(({ row, cells }) => {
    const role = roleFromCell(cell(cells, 'role'));
    const teams = cell(cells, 'teams').trim();
    const input: InviteInput = { name: cell(cells, 'name'), email: cell(cells, 'email') };
    if (role !== undefined) input.role = role;
    // parseTeams splits "EMEA; Sales" itself; an empty cell means the default team.
    if (teams !== '') input.teams = teams;
    return { row, input };
  });
}
