import type { InviteReport } from '../features/members/commands.ts';
import { planInvites } from '../domain/invite-batch.ts';
import { parseEmail } from '../domain/email.ts';
import { parseRole, type InviteDraft, type InviteInput, type Member, type Role } from '../domain/member.ts';
import type { Problem } from '../domain/result.ts';
import type { MappedRow } from './mapping.ts';

/**
 * A row refused because an earlier row of the same file has its email: that
 * row's number, and both roles when they differ (the admin must pick one).
 */
export interface RepeatedRow {
  row: number;
  roles?: { there: Role; here: Role };
}

/** A file row before import: what it says, and whether it will be invited (as the domain reads it) or why not. */
export type PreviewRow = { row: number; input: InviteInput; repeats?: RepeatedRow } & (
  { outcome: 'invite'; draft: InviteDraft } | { outcome: 'reject'; problems: Problem[] }
);

/** The earlier row of the file that already took this row's email, if the duplicate is within the file. */
function repeatedRow(input: InviteInput, earlier: readonly PreviewRow[]): RepeatedRow | undefined {
  const email = parseEmail(input.email);
  if (!email.ok) return undefined;
  const first = earlier.find(
    (p): p is Extract<PreviewRow, { outcome: 'invite' }> => p.outcome === 'invite' && p.draft.email === email.value,
  );
  if (!first) return undefined;
  const here = parseRole(input.role);
  return here.ok && here.value !== first.draft.role
    ? { row: first.row, roles: { there: first.draft.role, here: here.value } }
    : { row: first.row };
}

/**
 * The import as it would go against the members as they are now: the same
 * planInvites the worker runs, so the preview and the result agree unless
 * someone changes the members in between (the final report then tells).
 */
export function previewImport(mapped: readonly MappedRow[], members: readonly Member[]): PreviewRow[] {
  const plan = planInvites(
    mapped.map((m) => m.input),
    members,
  );
  const preview: PreviewRow[] = [];
  for (const [index, entry] of plan.entries()) {
    const { row, input } = mapped[index]!;
    if (entry.outcome === 'invite') {
      preview.push({ row, input, outcome: 'invite', draft: entry.draft });
      continue;
    }
    // "Someone on the team already has it" is untrue when the someone is an earlier row of this file.
    const repeats = entry.problems.some((p) => p.code === 'email-duplicate') ? repeatedRow(input, preview) : undefined;
    preview.push({ row, input, outcome: 'reject', problems: entry.problems, ...(repeats && { repeats }) });
  }
  return preview;
}

/** What inviteMembers is sent: only the rows that will be invited, in file order, and their file row numbers. */
export function rowsToSend(preview: readonly PreviewRow[]): { rows: InviteDraft[]; fileRows: number[] } {
  const invited = preview.filter((p): p is Extract<PreviewRow, { outcome: 'invite' }> => p.outcome === 'invite');
  return { rows: invited.map((p) => p.draft), fileRows: invited.map((p) => p.row) };
}

export type ReportRow = { row: number; input: InviteInput; repeats?: RepeatedRow } & (
  { outcome: 'invited'; member: Member } | { outcome: 'rejected'; problems: Problem[] }
);

/**
 * The final per-row report, in file order: the worker's verdict for each row
 * sent (its `row` is the index in what was sent), and the preview's for rows
 * that were never sent.
 */
export function importReport(
  preview: readonly PreviewRow[],
  fileRows: readonly number[],
  report: InviteReport,
): ReportRow[] {
  const verdicts = new Map<
    number,
    { outcome: 'invited'; member: Member } | { outcome: 'rejected'; problems: Problem[] }
  >();
  for (const { row, member } of report.invited) {
    const fileRow = fileRows[row];
    if (fileRow !== undefined) verdicts.set(fileRow, { outcome: 'invited', member });
  }
  for (const { row, problems } of report.rejected) {
    const fileRow = fileRows[row];
    if (fileRow !== undefined) verdicts.set(fileRow, { outcome: 'rejected', problems });
  }
  return preview.map(({ row, input, repeats, ...planned }) => {
    const verdict = verdicts.get(row);
    if (verdict) return { row, input, ...verdict };
    // Sent but absent from the worker's answer should not happen; say it was not invited rather than guess.
    if (planned.outcome === 'invite')
      return {
        row,
        input,
        outcome: 'rejected',
        problems: [{ code: 'row-unreported', message: 'The worker did not report on this row.' }],
      };
    return { row, input, outcome: 'rejected', problems: planned.problems, ...(repeats && { repeats }) };
  });
}
