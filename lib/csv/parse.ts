import Papa from 'papaparse';
import { parseEmail } from '../domain/email.ts';
import { MAX_IMPORT_ROWS } from '../domain/member.ts';
import { csvFail, type CsvResult } from './problems.ts';

/** One data row: its number as a spreadsheet shows it (the header is row 1), and its cells. */
export interface CsvRow {
  row: number;
  cells: string[];
}

export interface CsvTable {
  /** Header cells, trimmed; a blank one stays '' (the page calls it "Column N"). */
  headers: string[];
  rows: CsvRow[];
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Reads CSV text with a header row. The delimiter (`,` `;` tab `|`) is
 * papaparse's guess; blank lines are skipped but still counted, so a row
 * number in a message is the one the admin sees in their spreadsheet.
 */
export function parseCsvText(raw: string): CsvResult<CsvTable> {
  // A byte-order mark (Excel's "CSV UTF-8") would otherwise stick to the first header.
  const text = raw.replace(/^\uFEFF/, '');
  if (text.trim() === '') return csvFail('csv-empty', 'The file is empty.');

  // Two passes: papaparse guesses the delimiter well only when blank lines are
  // skipped, but skipping them loses the row numbers; so guess first, then read every line.
  const { delimiter } = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', preview: 20 }).meta;
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });

  const quotes = parsed.errors.find((error) => error.type === 'Quotes');
  if (quotes) {
    const row = (quotes.row ?? 0) + 1;
    return csvFail('csv-bad-quotes', `Row ${row} has a quote (") that is not closed or is misplaced.`, row);
  }

  const lines = parsed.data.map((cells, index) => ({ row: index + 1, cells }));
  const headerIndex = lines.findIndex((line) => !isBlank(line.cells));
  const header = lines[headerIndex];
  if (!header) return csvFail('csv-empty', 'The file is empty.');
  const headers = header.cells.map((cell) => cell.trim());
  if (headers.some((cell) => parseEmail(cell).ok)) {
    return csvFail(
      'csv-header-is-data',
      'The first row holds an email address: add a header row with column names (Name, Email, …).',
    );
  }

  const rows = lines.slice(headerIndex + 1).filter((line) => !isBlank(line.cells));
  if (rows.length === 0) return csvFail('csv-no-rows', 'The file has column names but no rows.');
  if (rows.length > MAX_IMPORT_ROWS) {
    return csvFail(
      'csv-too-many-rows',
      `The file has ${rows.length} rows; an import takes at most ${MAX_IMPORT_ROWS}.`,
      rows.length,
      MAX_IMPORT_ROWS,
    );
  }
  return { ok: true, value: { headers, rows } };
}
