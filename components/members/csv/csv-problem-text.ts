import type { CsvProblem } from '../../../lib/csv/problems.ts';
import type { RepeatedRow } from '../../../lib/csv/import-plan.ts';
import type { ColumnField, MappingProblem } from '../../../lib/csv/mapping.ts';
import type { Problem } from '../../../lib/domain/result.ts';
import { problemText } from '../../../lib/ui/problem-text.ts';
import { t, uiLocale } from '../../../lib/ui/i18n.ts';

/** Why a file was refused, in the page's language. */
export function csvProblemText({ code, values }: CsvProblem): string {
  // Numbers as the reader writes them: "1,001" in English, "1 001" in French.
  const [first = '', second = ''] = values.map((v) => (typeof v === 'number' ? v.toLocaleString(uiLocale()) : v));
  switch (code) {
    case 'csv-not-csv':
      return t('csv_problemNotCsv', first);
    case 'csv-spreadsheet':
      return t('csv_problemSpreadsheet', first);
    case 'csv-empty':
      return t('csv_problemEmpty');
    case 'csv-too-big':
      return t('csv_problemTooBig', first, second);
    case 'csv-too-many-rows':
      return t('csv_problemTooManyRows', first, second);
    case 'csv-no-rows':
      return t('csv_problemNoRows');
    case 'csv-bad-quotes':
      return t('csv_problemBadQuotes', first);
    case 'csv-header-is-data':
      return t('csv_problemHeaderIsData');
    case 'csv-unreadable':
      return t('csv_problemUnreadable', first);
  }
}

export function fieldLabel(field: ColumnField): string {
  switch (field) {
    case 'fullName':
      return t('csv_fieldFullName');
    case 'firstName':
      return t('csv_fieldFirstName');
    case 'lastName':
      return t('csv_fieldLastName');
    case 'email':
      return t('csv_fieldEmail');
    case 'role':
      return t('csv_fieldRole');
    case 'teams':
      return t('csv_fieldTeams');
  }
}

export function mappingProblemText(problem: MappingProblem, columnName: (column: number) => string): string {
  if (problem.code === 'column-twice')
    return t('csv_problemColumnTwice', columnName(problem.column), fieldLabel(problem.field));
  switch (problem.field) {
    case 'firstName':
      return t('csv_problemFirstNameUnmapped');
    case 'lastName':
      return t('csv_problemLastNameUnmapped');
    case 'email':
      return t('csv_problemEmailUnmapped');
    default:
      return t('csv_problemNameUnmapped');
  }
}

/** Why a row is refused: a repeat within the file names the row it repeats, not "someone on the team". */
export function rowProblemText(problem: Problem, repeats: RepeatedRow | undefined): string {
  if (problem.code !== 'email-duplicate' || !repeats) return problemText(problem);
  return t('csv_problemRepeatsRow', repeats.row);
}
