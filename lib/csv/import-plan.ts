import type { InviteReport } from '../features/team/commands.ts';
import { planInvites } from '../domain/invite-batch.ts';
import type { InviteDraft, InviteInput, Member } from '../domain/member.ts';
import type { Problem } from '../domain/result.ts';
import type { MappedRow } from './mapping.ts';

/** A file row before import: what it says, and whether it will be invited (as the domain reads it) or why not. */
export type PreviewRow = { row: number; input: InviteInput } & ({ outcome: 'invite'; draft: InviteDraft } | { outcome: 'reject'; problems: Problem[] });

/**
 * The import as it would go against the team as it is now: the same
 * planInvites the worker runs, so the preview and the result agree unless
 * someone changes the team in between (the final report then tells).
 */
export function previewImport(mapped: readonly MappedRow[], members: readonly Member[]): PreviewRow[] {
  const plan = planInvites(
    mapped.map((m) => m.input),
    members,
  );
  return plan.map((entry, index) => {
    const { row, input } = mapped[index]!;
    return entry.outcome === 'invite' ? { row, input, outcome: 'invite', draft: entry.draft } : { row, input, outcome: 'reject', problems: entry.problems };
  });
}

/** What inviteMembers is sent: only the rows that will be invited, in file order, and their file row numbers. */
export function rowsToSend(preview: readonly PreviewRow[]): { rows: InviteDraft[]; fileRows: number[] } {
  const invited = preview.filter((p): p is Extract<PreviewRow, { outcome: 'invite' }> => p.outcome === 'invite');
  return { rows: invited.map((p) => p.draft), fileRows: invited.map((p) => p.row) };
}

export type ReportRow = { row: number; input: InviteInput } & ({ outcome: 'invited'; member: Member } | { outcome: 'rejected'; problems: Problem[] });

/**
 * The final per-row report, in file order: the worker's verdict for each row
 * sent (its `row` is the index in what was sent), and the preview's for rows
 * that were never sent.
 */
export function importReport(preview: readonly PreviewRow[], fileRows: readonly number[], report: InviteReport): ReportRow[] {
  const verdicts = new Map<number, { outcome: 'invited'; member: Member } | { outcome: 'rejected'; problems: Problem[] }>();
  for (const { row, member } of report.invited) {
    const fileRow = fileRows[row];
    if (fileRow !== undefined) verdicts.set(fileRow, { outcome: 'invited', member });
  }
  for (const { row, problems } of report.rejected) {
    const fileRow = fileRows[row];
    if (fileRow !== undefined) verdicts.set(fileRow, { outcome: 'rejected', problems });
  }
  return preview.map(({ row, input, ...planned }) => {
    const verdict = verdicts.get(row);
    if (verdict) return { row, input, ...verdict };
    // Sent but absent from the worker's answer should not happen; say it was not invited rather than guess.
    if (planned.outcome === 'invite') return { row, input, outcome: 'rejected', problems: [{ code: 'row-unreported', message: 'The worker did not report on this row.' }] };
    return { row, input, outcome: 'rejected', problems: planned.problems };
  });
}
