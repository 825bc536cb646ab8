import Papa from 'papaparse';
import type { ActivityEntry } from './activity.ts';

export const ACTIVITY_CSV_COLUMNS = [
  'time',
  'actor',
  'actorId',
  'kind',
  'member',
  'memberId',
  'description',
  'details',
] as const;
export type ActivityCsvColumn = (typeof ACTIVITY_CSV_COLUMNS)[number];

export interface ActivityCsvLabels {
  /** Column titles, in the reader's language. */
  columns: Record<ActivityCsvColumn, string>;
  /** A member's name, when they are still a member. */
  nameOf: (memberId: string) => string | undefined;
  /** The entry as a sentence, as the Activity tab shows it. */
  describe: (entry: ActivityEntry) => string;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage
 * return before one) gets a leading quote, so an exported name such as
 * "=HYPERLINK(…)" stays text. papaparse's own default pattern ends in `.*$`,
 * which misses a cell whose formula is followed by a line break: hence ours.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * What gets the leading quote: formula starts, and a cell that already starts
 * with a quote, so that "'-" stays "'-" and is never read back as a guarded "-".
 */
const GUARDED = /^[=+\-@\t\r']/;

/** The activity log as CSV text (RFC 4180: CRLF, quoted when needed), one line per entry, in the order given. */
export function activityCsv(entries: readonly ActivityEntry[], labels: ActivityCsvLabels): string {
  const rows = entries.map((entry) => [
    new Date(entry.at).toISOString(),
    labels.nameOf(entry.actorId) ?? '',
    entry.actorId,
    entry.kind,
    entry.memberId === undefined ? '' : (labels.nameOf(entry.memberId) ?? ''),
    entry.memberId ?? '',
    labels.describe(entry),
    entry.details === undefined ? '' : JSON.stringify(entry.details),
  ]);
  return Papa.unparse(
    { fields: ACTIVITY_CSV_COLUMNS.map((c) => labels.columns[c]), data: rows },
    { escapeFormulae: GUARDED },
  );
}
