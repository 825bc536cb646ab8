import { parseCsvText, type CsvTable } from './parse.ts';
import { csvFail, MAX_CSV_BYTES, type CsvResult } from './problems.ts';

/** What a file input or a drop gives us, before reading it. */
export interface ChosenFile {
  name: string;
  type: string;
  size: number;
}

// The name decides: browsers report a .csv's type inconsistently (Windows with
// Excel says application/vnd.ms-excel, some systems say nothing at all).
// Binary content renamed .csv is caught when the bytes are read.
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/x-csv']);
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

/** Refuses what cannot be a member list before reading a byte: not a .csv, empty, too large. */
export function checkCsvFile(file: ChosenFile): CsvResult<ChosenFile> {
  if (SPREADSHEET.test(file.name)) {
    return csvFail(
      'csv-spreadsheet',
      `${file.name} is a spreadsheet: save it as CSV first (File > Save as > CSV).`,
      file.name,
    );
  }
  if (!/\.csv$/i.test(file.name) && !CSV_TYPES.has(file.type)) {
    return csvFail('csv-not-csv', `${file.name} is not a CSV file.`, file.name);
  }
  if (file.size === 0) return csvFail('csv-empty', 'The file is empty.');
  if (file.size > MAX_CSV_BYTES) {
    return csvFail('csv-too-big', `${file.name} is larger than 1 MB.`, file.name, '1 MB');
  }
  return { ok: true, value: file };
}

/**
 * Bytes to text. UTF-8 first (with or without a byte-order mark); a file that
 * is not valid UTF-8 is most likely an older Excel export in Windows-1252, so
 * "Équipe" still reads right. Binary content (a workbook renamed .csv) is refused.
 */
export function decodeCsvBytes(bytes: Uint8Array, name = 'The file'): CsvResult<string> {
  // Every .xlsx/.ods is a zip archive: "PK\x03\x04".
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return csvFail('csv-spreadsheet', `${name} is a spreadsheet: save it as CSV first (File > Save as > CSV).`, name);
  }
  if (bytes.includes(0)) return csvFail('csv-not-csv', `${name} is not a CSV file.`, name);
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: true, value: new TextDecoder('windows-1252').decode(bytes) };
  }
}

/** A chosen file, checked, read and parsed: the table, or why it was refused. */
export async function readCsvFile(file: ChosenFile & Pick<Blob, 'arrayBuffer'>): Promise<CsvResult<CsvTable>> {
  const checked = checkCsvFile(file);
  if (!checked.ok) return checked;
  const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  if (!text.ok) return text;
  return parseCsvText(text.value);
}
