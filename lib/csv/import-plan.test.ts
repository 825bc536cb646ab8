import { describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { MAX_SEATS } from '../domain/member.ts';
import { importReport, openConflicts, previewImport, rowsToSend } from './import-plan.ts';
import type { InviteReport } from '../features/members/commands.ts';

const mapped = [
  { row: 2, input: { name: 'Ana', email: 'ana@example.com' } },
  { row: 3, input: { name: 'Bad', email: 'not-an-email' } },
  { row: 5, input: { name: 'Bo', email: 'BO@example.com', role: 'admin', teams: 'EMEA; Sales' } },
  { row: 6, input: { name: 'Existing', email: 'm0@example.com' } },
];
const summary = (rows: { row: number; outcome: string; problems?: { code: string }[] }[]) =>
  rows.map((r) => `${r.row}:${r.outcome}${r.problems ? `:${r.problems.map((p) => p.code).join('+')}` : ''}`);

describe('previewImport', () => {
  it('plans each row against the members, keeping the file row numbers', () => {
    const preview = previewImport(mapped, [aMember({ id: 'm0' })]);
    expect(summary(preview)).toEqual(['2:invite', '3:reject:email-at-sign', '5:invite', '6:reject:email-duplicate']);
    expect(preview[2]).toMatchObject({
      draft: { name: 'Bo', email: 'bo@example.com', role: 'admin', teams: ['EMEA', 'Sales'] },
    });
  });

  it('a repeat with the same details names the row it repeats; the first is invited once', () => {
    const rows = [
      { row: 2, input: { name: 'Ana', email: 'ana@example.com', role: 'admin' } },
      { row: 3, input: { name: 'Ana', email: 'ANA@example.com', role: 'Admin' } },
      { row: 5, input: { name: 'Existing', email: 'm0@example.com' } },
    ];
    const preview = previewImport(rows, [aMember({ id: 'm0' })]);
    expect(preview.map((p) => [p.row, p.outcome, p.repeats])).toEqual([
      [2, 'invite', undefined],
      [3, 'reject', { row: 2 }],
      // Already a member, not in the file: no row to point at.
      [5, 'reject', undefined],
    ]);
    const { fileRows } = rowsToSend(preview);
    expect(
      importReport(preview, fileRows, { invited: [{ row: 0, member: aMember({ id: 'a' }) }], rejected: [] })[1],
    ).toMatchObject({ row: 3, repeats: { row: 2 } });
  });

  describe('rows that give one email different details (a conflict)', () => {
    const rows = [
      { row: 2, input: { name: 'Ana', email: 'ana@example.com', role: 'admin' } },
      { row: 3, input: { name: 'Bo', email: 'bo@example.com' } },
      { row: 4, input: { name: 'Ana', email: 'ANA@example.com', role: 'user' } },
    ];

    it.each([
      ['a role', { name: 'Ana', role: 'user' }],
      ['a name', { name: 'Ana Lopez', role: 'admin' }],
      ['teams', { name: 'Ana', role: 'admin', teams: 'EMEA' }],
    ])('differing by %s: both rows are held, nothing of the pair is sent, and the admin is asked', (_, other) => {
      const file = [rows[0]!, { row: 4, input: { email: 'ana@example.com', ...other } }];
      const preview = previewImport(file, []);
      expect(preview.map((p) => p.outcome)).toEqual(['held', 'held']);
      expect(rowsToSend(preview).rows).toEqual([]);
      expect(openConflicts(preview)).toEqual([{ email: 'ana@example.com', rows: [2, 4] }]);
    });

    it('the row the admin picks is invited; the other is held, saying which was picked', () => {
      const preview = previewImport(rows, [], new Map([['ana@example.com', 4]]));
      expect(summary(preview)).toEqual(['2:held', '3:invite', '4:invite']);
      expect(preview[0]).toMatchObject({ conflict: { rows: [2, 4], chosen: 4 } });
      expect(openConflicts(preview)).toEqual([]);
      const sent = rowsToSend(preview);
      expect(sent.fileRows).toEqual([3, 4]);
      expect(sent.rows.find((r) => r.email === 'ana@example.com')?.role).toBe('user');
      const report = importReport(preview, sent.fileRows, {
        invited: [
          { row: 0, member: aMember({ id: 'b' }) },
          { row: 1, member: aMember({ id: 'a' }) },
        ],
        rejected: [],
      });
      expect(summary(report)).toEqual(['2:held', '3:invited', '4:invited']);
    });

    it('"neither" invites no row of the pair and settles the question', () => {
      const preview = previewImport(rows, [], new Map([['ana@example.com', 'neither']]));
      expect(summary(preview)).toEqual(['2:held', '3:invite', '4:held']);
      expect(rowsToSend(preview).fileRows).toEqual([3]);
      expect(openConflicts(preview)).toEqual([]);
    });

    it('a pick that is not one of the rows leaves the conflict open', () => {
      const preview = previewImport(rows, [], new Map([['ana@example.com', 3]]));
      expect(summary(preview)).toEqual(['2:held', '3:invite', '4:held']);
      expect(openConflicts(preview)).toHaveLength(1);
    });
  });

  it('counts the seats the rows before take', () => {
    const members = Array.from({ length: MAX_SEATS - 1 }, (_, i) => aMember({ id: `x${i}` }));
    expect(summary(previewImport(mapped, members))).toEqual([
      '2:invite',
      '3:reject:email-at-sign+seats-full',
      '5:reject:seats-full',
      '6:reject:seats-full',
    ]);
  });
});

describe('rowsToSend', () => {
  it('sends only the rows to invite, as drafts, with their file rows', () => {
    const sent = rowsToSend(previewImport(mapped, [aMember({ id: 'm0' })]));
    expect(sent.fileRows).toEqual([2, 5]);
    expect(sent.rows.map((r) => r.email)).toEqual(['ana@example.com', 'bo@example.com']);
  });
});

describe('importReport', () => {
  const preview = previewImport(mapped, [aMember({ id: 'm0' })]);
  const { fileRows } = rowsToSend(preview);

  it.each<[string, InviteReport, string[]]>([
    [
      'the worker invites every row sent',
      {
        invited: [
          { row: 0, member: aMember({ id: 'a' }) },
          { row: 1, member: aMember({ id: 'b' }) },
        ],
        rejected: [],
      },
      ['2:invited', '3:rejected:email-at-sign', '5:invited', '6:rejected:email-duplicate'],
    ],
    [
      'the members changed in between: the worker refuses a row the preview accepted',
      {
        invited: [{ row: 1, member: aMember({ id: 'b' }) }],
        rejected: [{ row: 0, problems: [{ code: 'email-duplicate', message: '…' }] }],
      },
      ['2:rejected:email-duplicate', '3:rejected:email-at-sign', '5:invited', '6:rejected:email-duplicate'],
    ],
    [
      'the worker says nothing about a row',
      { invited: [{ row: 1, member: aMember({ id: 'b' }) }], rejected: [] },
      ['2:rejected:row-unreported', '3:rejected:email-at-sign', '5:invited', '6:rejected:email-duplicate'],
    ],
  ])('%s', (_case, report, expected) => {
    expect(summary(importReport(preview, fileRows, report))).toEqual(expected);
  });
});
