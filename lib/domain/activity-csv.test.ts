import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry } from './activity.ts';
import { ACTIVITY_CSV_COLUMNS, activityCsv, FORMULA_START, type ActivityCsvLabels } from './activity-csv.ts';
import { T0 } from '../../tests/fixtures/domain.ts';

const names = new Map([
  ['owner', 'Olivia Owner'],
  ['ana', 'Ana Rep'],
]);
const labels = (overrides: Partial<ActivityCsvLabels> = {}): ActivityCsvLabels => ({
  columns: Object.fromEntries(ACTIVITY_CSV_COLUMNS.map((c) => [c, c])) as ActivityCsvLabels['columns'],
  nameOf: (id) => names.get(id),
  describe: (entry) => `did ${entry.kind}`,
  ...overrides,
});
const parse = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

describe('activityCsv', () => {
  it('writes a header and one line per entry, in order, with names and details', () => {
    const entries: ActivityEntry[] = [
      {
        seq: 2,
        at: T0 + 1000,
        actorId: 'owner',
        kind: 'member-invited',
        memberId: 'ana',
        details: { email: 'ana@example.com' },
      },
      { seq: 1, at: T0, actorId: 'owner', kind: 'signed-in', memberId: 'owner' },
      { seq: 0, at: T0, actorId: 'gone', kind: 'org-disconnected' },
    ];
    expect(parse(activityCsv(entries, labels()))).toEqual([
      ['time', 'actor', 'actorId', 'kind', 'member', 'memberId', 'description', 'details'],
      [
        '2027-01-15T08:00:01.000Z',
        'Olivia Owner',
        'owner',
        'member-invited',
        'Ana Rep',
        'ana',
        'did member-invited',
        '{"email":"ana@example.com"}',
      ],
      ['2027-01-15T08:00:00.000Z', 'Olivia Owner', 'owner', 'signed-in', 'Olivia Owner', 'owner', 'did signed-in', ''],
      ['2027-01-15T08:00:00.000Z', '', 'gone', 'org-disconnected', '', '', 'did org-disconnected', ''],
    ]);
  });

  it('names members as the line recorded them (a member removed since), before the members still there', () => {
    const entry: ActivityEntry = {
      at: T0,
      actorId: 'gone-admin',
      kind: 'member-removed',
      memberId: 'gus',
      people: {
        'gone-admin': { name: 'Gail Gone', email: 'gail@example.com' },
        gus: { name: 'Gus Gone', email: 'gus@example.com' },
      },
    };
    const [, row] = parse(activityCsv([entry], labels()));
    expect([row?.[1], row?.[4]]).toEqual(['Gail Gone', 'Gus Gone']);
  });

  it('writes only the columns it is given titles for, in the usual order (the team server leaves out the sentence)', () => {
    const { description: _sentence, ...columns } = labels().columns;
    const text = activityCsv(
      [{ at: T0, actorId: 'owner', kind: 'signed-in' }],
      labels({ columns, describe: undefined }),
    );
    expect(parse(text)).toEqual([
      ['time', 'actor', 'actorId', 'kind', 'member', 'memberId', 'details'],
      ['2027-01-15T08:00:00.000Z', 'Olivia Owner', 'owner', 'signed-in', '', '', ''],
    ]);
  });

  it('uses CRLF line ends and the column titles it is given', () => {
    const text = activityCsv(
      [{ at: T0, actorId: 'owner', kind: 'signed-in' }],
      labels({ columns: { ...labels().columns, time: 'Date et heure' } }),
    );
    expect(text.split('\r\n')[0]).toBe('Date et heure,actor,actorId,kind,member,memberId,description,details');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['=1\n=2', "'=1\n=2"],
    ['Ana = Rep', 'Ana = Rep'],
    ['Zoé, "Z"', 'Zoé, "Z"'],
    ["'-1", "''-1"],
  ])('keeps the name %j as text', (name, cell) => {
    const text = activityCsv([{ at: T0, actorId: 'x', kind: 'signed-in' }], labels({ nameOf: () => name }));
    expect(parse(text)[1]?.[1]).toBe(cell);
  });

  it('never lets a cell start like a formula, and loses nothing else (any text)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (name, description) => {
        const text = activityCsv(
          [{ at: T0, actorId: 'x', kind: 'signed-in' }],
          labels({ nameOf: () => name, describe: () => description }),
        );
        const [, row] = Papa.parse<string[]>(text, { newline: '\r\n' }).data;
        const unguard = (cell: string) =>
          cell.startsWith("'") && /^[=+\-@\t\r']/.test(cell.slice(1)) ? cell.slice(1) : cell;
        expect(row?.every((cell) => !FORMULA_START.test(cell))).toBe(true);
        expect([unguard(row![1]!), unguard(row![6]!)]).toEqual([name, description]);
      }),
    );
  });

  it('an empty log is a header line alone', () => {
    expect(parse(activityCsv([], labels()))).toEqual([[...ACTIVITY_CSV_COLUMNS]]);
  });
});
