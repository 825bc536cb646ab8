import Papa from 'papaparse';
import { recordedName, type ActivityEntry } from './activity.ts';

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
  /** Column titles, in the reader's language; only the columns given are written (in the order above). */
  columns: Partial<Record<ActivityCsvColumn, string>>;
  /** A member's name, when they are still a member: for lines written before lines kept names. */
  nameOf: (memberId: string) => string | undefined;
  /** The entry as a sentence, as the Activity tab shows it (the description column). */
  describe?: (entry: ActivityEntry) => string;
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

const columnsOf = (labels: ActivityCsvLabels) => ACTIVITY_CSV_COLUMNS.filter((c) => labels.columns[c] !== undefined);

function cell(column: ActivityCsvColumn, entry: ActivityEntry, labels: ActivityCsvLabels): string {
  const name = (id: string) => recordedName(entry, id) ?? labels.nameOf(id) ?? '';
  switch (column) {
    case 'time':
      return new Date(entry.at).toISOString();
    case 'actor':
      return name(entry.actorId);
    case 'actorId':
      return entry.actorId;
    case 'kind':
      return entry.kind;
    case 'member':
      return entry.memberId === undefined ? '' : name(entry.memberId);
    case 'memberId':
      return entry.memberId ?? '';
    case 'description':
      return labels.describe?.(entry) ?? '';
    case 'details':
      return entry.details === undefined ? '' : JSON.stringify(entry.details);
  }
}

/** The header line alone, no line end: a streamed export writes it first, then `'\r\n' + activityCsvLines(batch)`. */
export const activityCsvHeader = (labels: ActivityCsvLabels): string =>
  Papa.unparse([columnsOf(labels).map((c) => labels.columns[c]!)], { escapeFormulae: GUARDED, header: false });

/** One CSV line per entry, CRLF between them and none after (RFC 4180, quoted when needed, formulas guarded). */
export function activityCsvLines(entries: readonly ActivityEntry[], labels: ActivityCsvLabels): string {
  const columns = columnsOf(labels);
  const rows = entries.map((entry) => columns.map((column) => cell(column, entry, labels)));
  return Papa.unparse(rows, { escapeFormulae: GUARDED, header: false });
}

/** The activity log as CSV text: a header, then one line per entry, in the order given. */
export function activityCsv(entries: readonly ActivityEntry[], labels: ActivityCsvLabels): string {
  const header = activityCsvHeader(labels);
  return entries.length === 0 ? header : `${header}\r\n${activityCsvLines(entries, labels)}`;
}
