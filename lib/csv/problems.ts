/**
 * Why a CSV file was refused, before any row is looked at. `code` is stable
 * (the page translates it); `values` are what the translation shows (a row
 * number, a limit); `message` is plain English for logs and fallbacks.
 */
export type CsvProblemCode =
  | 'csv-not-csv'
  | 'csv-spreadsheet'
  | 'csv-empty'
  | 'csv-too-big'
  | 'csv-too-many-rows'
  | 'csv-no-rows'
  | 'csv-bad-quotes'
  | 'csv-header-is-data'
  | 'csv-unreadable';

export interface CsvProblem {
  code: CsvProblemCode;
  message: string;
  values: (string | number)[];
}

export type CsvResult<T> = { ok: true; value: T } | { ok: false; problem: CsvProblem };

export const csvFail = <T = never>(
  code: CsvProblemCode,
  message: string,
  ...values: (string | number)[]
): CsvResult<T> => ({
  ok: false,
  problem: { code, message, values },
});

/** A file larger than this is not a member list: 1,000 rows of name, email, role and teams fit in far less. */
export const MAX_CSV_BYTES = 1024 * 1024;
/** The most rows one import may hold (the worker's inviteMembers takes at most this many). */
export const MAX_CSV_ROWS = 1_000;
