import { describe, expect, it } from 'vitest';
import { aMember } from '../../tests/fixtures/domain.ts';
import { MAX_SEATS } from '../domain/member.ts';
import { importReport, previewImport, rowsToSend } from './import-plan.ts';
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

  it('a repeat within the file names the row it repeats, and the role conflict between the two', () => {
    const rows = [
      { row: 2, input: { name: 'Ana', email: 'ana@example.com', role: 'admin' } },
      { row: 3, input: { name: 'Ana again', email: 'ANA@example.com', role: 'user' } },
      { row: 4, input: { name: 'Ana thrice', email: 'ana@example.com', role: 'admin' } },
      { row: 5, input: { name: 'Existing', email: 'm0@example.com' } },
    ];
    const preview = previewImport(rows, [aMember({ id: 'm0' })]);
    expect(preview.map((p) => [p.row, p.outcome, p.repeats])).toEqual([
      [2, 'invite', undefined],
      [3, 'reject', { row: 2, roles: { there: 'admin', here: 'user' } }],
      [4, 'reject', { row: 2 }],
      // Already a member, not in the file: no row to point at.
      [5, 'reject', undefined],
    ]);
    const { fileRows } = rowsToSend(preview);
    expect(
      importReport(preview, fileRows, { invited: [{ row: 0, member: aMember({ id: 'a' }) }], rejected: [] })[1],
    ).toMatchObject({ row: 3, repeats: { row: 2 } });
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
