/**
 * Fuzzed CSV import: bytes to text, text to a table, the table through column
 * guessing and mapping to a preview, and what the preview sends through the
 * worker's inviteMembers. Nothing throws; a refused file or row says why with
 * a code and a message; a well-formed file reads back cell for cell; and the
 * rows the preview sends are accepted by the protocol and invited exactly,
 * when the members have not changed in between.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { guessMapping } from '../../lib/csv/guess-columns.ts';
import { importReport, previewImport, rowsToSend } from '../../lib/csv/import-plan.ts';
import { checkMapping, mapRows } from '../../lib/csv/mapping.ts';
import { parseCsvText } from '../../lib/csv/parse.ts';
import { MAX_CSV_ROWS } from '../../lib/csv/problems.ts';
import { decodeCsvBytes } from '../../lib/csv/read-file.ts';
import { CHANNEL, parseCommandMessage } from '../../lib/messaging/protocol.ts';
import { freshDbName, manualClock, startWorker } from '../fixtures/worker-harness.ts';
import { nearEmail, RUNS, TEAM_POOL, text, trickyString } from './arbitraries.ts';
import { rawDump, restore, snapshot, type RawDump } from './support.ts';

const CSV_CODES = [
  'csv-not-csv',
  'csv-spreadsheet',
  'csv-empty',
  'csv-too-big',
  'csv-too-many-rows',
  'csv-no-rows',
  'csv-bad-quotes',
  'csv-header-is-data',
];

function expectReadableCsvProblem(problem: { code: string; message: string; values: unknown[] }) {
  expect(CSV_CODES).toContain(problem.code);
  expect(problem.message.trim().length).toBeGreaterThan(5);
  expect(Array.isArray(problem.values)).toBe(true);
}

// ---- Generators ---------------------------------------------------------------

const HEADERS = [
  'Name',
  'Email',
  'Role',
  'Teams',
  'Nom',
  'Courriel',
  'Rôle',
  'Équipes',
  'Full name',
  'E-mail',
  'Work email address',
  'Team name',
  'ID',
  'Phone',
  '',
  'Name of manager',
];
const ROLE_CELLS = ['', 'admin', 'Admin', 'Administrateur', 'user', 'Sales rep', 'Utilisateur', 'owner', ' USER '];
const cell = fc.oneof(
  { weight: 3, arbitrary: nearEmail },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Ana López',
      'Bo',
      '  Cy  ',
      'Dee, Jr.',
      'O"Neil',
      'multi\nline',
      ...ROLE_CELLS,
      'EMEA; Sales',
      TEAM_POOL.join(','),
    ),
  },
  { weight: 2, arbitrary: text },
  { weight: 1, arbitrary: trickyString },
);

/** A cell written as a spreadsheet would: quoted when it must be (or just because), quotes doubled. */
function writeCell(value: string, delimiter: string, quoteAnyway: boolean): string {
  const needs =
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes('\n') ||
    value.includes('\r') ||
    value !== value.trim();
  return needs || quoteAnyway ? `"${value.replaceAll('"', '""')}"` : value;
}

interface Sheet {
  headers: string[];
  rows: string[][];
  delimiter: string;
  newline: string;
  bom: boolean;
}

const sheet: fc.Arbitrary<Sheet> = fc.integer({ min: 2, max: 6 }).chain((columns) =>
  fc.record({
    headers: fc.array(fc.oneof(fc.constantFrom(...HEADERS), fc.string({ maxLength: 12 })), {
      minLength: columns,
      maxLength: columns,
    }),
    rows: fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 12 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
  }),
);

function writeSheet(s: Sheet, quoteAnyway: boolean, blankLines: readonly number[] = []): string {
  const lines = [s.headers, ...s.rows].map((cells) =>
    cells.map((c) => writeCell(c, s.delimiter, quoteAnyway)).join(s.delimiter),
  );
  for (const at of blankLines) lines.splice(Math.min(at, lines.length), 0, '');
  return `${s.bom ? '\uFEFF' : ''}${lines.join(s.newline)}${s.newline}`;
}

/** CSV-ish text: written sheets, then cut, spliced with stray quotes, or plain noise. */
const csvText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(sheet, fc.boolean(), fc.array(fc.nat({ max: 14 }), { maxLength: 3 }))
      .map(([s, q, blanks]) => writeSheet(s, q, blanks)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(sheet, fc.nat(), fc.constantFrom('"', '""', '\n', '\r', ',', ';', '\u0000', '\uFEFF', ''))
      .map(([s, at, splice]) => {
        const written = writeSheet(s, false);
        const i = at % (written.length + 1);
        return written.slice(0, i) + splice + written.slice(i + (splice === '' ? Math.min(5, written.length - i) : 0));
      }),
  },
  { weight: 1, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '\uFEFF',
      '\n\n\n',
      'Name,Email',
      'Name,Email\n',
      'ana@example.com,Ana\n',
      '"unclosed,Email\nAna,a@example.com',
      `Name,Email\n${'Ana,a@example.com\n'.repeat(MAX_CSV_ROWS + 1)}`,
    ),
  },
);

// ---- Bytes and text -------------------------------------------------------------

describe('CSV files, fuzzed', () => {
  it('decodeCsvBytes never throws: text, or a readable refusal (zip, binary)', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s)),
      fc.uint8Array({ maxLength: 50 }).map((rest) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...rest])),
      fc.uint8Array({ maxLength: 50 }).map((rest) => Uint8Array.from([0xef, 0xbb, 0xbf, ...rest])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const result = decodeCsvBytes(b, 'team.csv');
        if (!result.ok) return expectReadableCsvProblem(result.problem);
        expect(typeof result.value).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it('UTF-8 text (with or without a BOM) decodes to itself', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')),
        (s) => {
          const result = decodeCsvBytes(new TextEncoder().encode(s));
          // TextDecoder drops one leading byte-order mark, as a spreadsheet would.
          expect(result).toEqual({ ok: true, value: s.startsWith('\uFEFF') ? s.slice(1) : s });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('parseCsvText never throws; a table has trimmed headers and numbered, non-blank rows; a refusal is readable', () => {
    fc.assert(
      fc.property(csvText, (raw) => {
        const result = parseCsvText(raw);
        if (!result.ok) return expectReadableCsvProblem(result.problem);
        const { headers, rows } = result.value;
        for (const h of headers) expect(h).toBe(h.trim());
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.length).toBeLessThanOrEqual(MAX_CSV_ROWS);
        let last = 1;
        for (const row of rows) {
          expect(row.row).toBeGreaterThan(last);
          last = row.row;
          expect(row.cells.every((c) => typeof c === 'string')).toBe(true);
          expect(row.cells.some((c) => c.trim() !== '')).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a well-formed member file reads back cell for cell, whatever the delimiter, quoting, line ends and BOM', () => {
    // What member lists hold: names (some with a comma, a quote or a line break), emails, roles, teams
    // ("EMEA; Sales"), blanks. Arbitrary cells made only of delimiters are left to the property above:
    // papaparse's delimiter guess is a heuristic (a tab inside a quoted cell can win it, see the report).
    const plain = fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 .'@+-]{0,20}$/);
    const realistic = fc.oneof(
      plain,
      nearEmail.filter((e) => !/[\t,;|"]/.test(e)),
      fc.constantFrom('Dupont, Jean', 'EMEA; Sales', 'O"Neil', 'two\nlines', ...ROLE_CELLS, ''),
    );
    const teamSheet = fc.integer({ min: 2, max: 5 }).chain((columns) =>
      fc.record({
        headers: fc.array(fc.constantFrom(...HEADERS.filter((h) => h !== '')), {
          minLength: columns,
          maxLength: columns,
        }),
        rows: fc.array(fc.array(realistic, { minLength: columns, maxLength: columns }), {
          minLength: 1,
          maxLength: 12,
        }),
        delimiter: fc.constantFrom(',', ';', '\t', '|'),
        newline: fc.constantFrom('\n', '\r\n'),
        bom: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(
        teamSheet.filter((t) => t.rows.some((r) => r.some((c) => c.trim() !== ''))),
        fc.boolean(),
        (t, quoteAnyway) => {
          const result = parseCsvText(writeSheet(t, quoteAnyway));
          expect(result.ok, JSON.stringify(result.ok ? '' : result.problem)).toBe(true);
          if (!result.ok) return;
          expect(result.value.headers).toEqual(t.headers);
          const expected = t.rows
            .map((cells, i) => ({ row: i + 2, cells }))
            .filter((r) => r.cells.some((c) => c.trim() !== ''));
          expect(result.value.rows).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---- The import, end to end through the worker ------------------------------------

describe('a CSV import, fuzzed from text to the worker', () => {
  let w: ReturnType<typeof startWorker>;
  let baseline: RawDump;
  let baselineText: string;

  beforeAll(async () => {
    fakeBrowser.reset();
    w = startWorker({ dbName: freshDbName(), now: manualClock(Date.UTC(2026, 10, 30)).now });
    await w.must('signIn', { name: 'Olivia Owner', email: 'olivia@example.com' });
    await w.must('inviteMembers', {
      rows: ['m1', 'm2', 'm3'].map((m) => ({ name: m, email: `${m}@example.com`, teams: ['EMEA'] })),
    });
    baseline = await rawDump(await w.db());
    baselineText = await snapshot(await w.db());
  });

  afterAll(async () => {
    await w.close();
  });

  it('the preview never throws, explains every refused row, and what it sends is invited exactly', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, async (raw) => {
        const table = parseCsvText(raw);
        if (!table.ok) return;
        const mapping = guessMapping(table.value.headers);
        const mapped = mapRows(table.value.rows, mapping);
        const db = await w.db();
        const members = await db.getAll('members');
        const preview = previewImport(mapped, members);
        expect(preview.map((p) => p.row)).toEqual(table.value.rows.map((r) => r.row));
        for (const p of preview) {
          if (p.outcome === 'reject') {
            expect(p.problems.length).toBeGreaterThan(0);
            for (const problem of p.problems) {
              expect(problem.code).toMatch(/\S/);
              expect(problem.message).toMatch(/\S/);
            }
          }
        }
        const sent = rowsToSend(preview);
        // A file whose name or email column was not found invites nobody.
        if (checkMapping(mapping).length > 0)
          expect(sent.rows.every((r) => r.name !== '' && r.email !== '')).toBe(true);
        if (sent.rows.length === 0) return;
        // What the page sends passes the worker's schema…
        const message = { channel: CHANNEL, command: 'inviteMembers', input: { rows: sent.rows } };
        const parsed = parseCommandMessage(message);
        expect(parsed.ok, JSON.stringify(parsed.ok ? '' : parsed.error)).toBe(true);
        // …and the worker invites exactly those rows, as the preview said.
        const response = await w.send('inviteMembers', { rows: sent.rows });
        expect(response.ok).toBe(true);
        if (!response.ok) return;
        expect(response.value.rejected).toEqual([]);
        expect(response.value.invited.map((i) => i.member.email)).toEqual(sent.rows.map((r) => r.email));
        const report = importReport(preview, sent.fileRows, response.value);
        expect(report.filter((r) => r.outcome === 'invited').map((r) => r.row)).toEqual(sent.fileRows);
        await restore(db, baseline);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot(await w.db())).toBe(baselineText);
  });
});
