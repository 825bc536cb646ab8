import type { InviteReport } from '../features/members/commands.ts';
import { parseEmail } from '../domain/email.ts';
import type { InviteDraft, InviteInput, Member } from '../domain/member.ts';
import type { Problem } from '../domain/result.ts';
import { checkInvite, planInvites } from '../features/members/rules.ts';
import type { MappedRow, RawCells } from './mapping.ts';

/** A row refused because an earlier row of the same file has its email, with the same details: that row's number. */
export interface RepeatedRow {
  row: number;
}

/**
 * Rows of the file that give one email different details (name, role or
 * teams): none is invited until the admin picks one in the preview, so the
 * import never chooses for them. `chosen` is the kept row, or 'neither'.
 */
export interface RowConflict {
  email: string;
  rows: number[];
  chosen?: number | 'neither';
}

/** The admin's pick for each conflicting email: the file row to invite, or 'neither'. */
export type ConflictChoices = ReadonlyMap<string, number | 'neither'>;

type Held = { outcome: 'held'; draft: InviteDraft; conflict: RowConflict };

/** A file row before import: what it says, and whether it will be invited (as the domain reads it), held, or why not. */
export type PreviewRow = { row: number; input: InviteInput; cells?: RawCells; repeats?: RepeatedRow } & (
  { outcome: 'invite'; draft: InviteDraft; conflict?: RowConflict } | { outcome: 'reject'; problems: Problem[] } | Held
);

/** The earlier row of the file that already took this row's email, if the duplicate is within the file. */
function repeatedRow(input: InviteInput, earlier: readonly PreviewRow[]): RepeatedRow | undefined {
  const email = parseEmail(input.email);
  if (!email.ok) return undefined;
  const first = earlier.find((p) => p.outcome === 'invite' && p.draft.email === email.value);
  return first && { row: first.row };
}

const sameDetails = (a: InviteDraft, b: InviteDraft) =>
  a.name === b.name && a.role === b.role && [...a.teams].sort().join('\n') === [...b.teams].sort().join('\n');

/**
 * The emails that rows of the file give different details: each row read on
 * its own (against no team), and only rows that read well take part.
 */
function findConflicts(mapped: readonly MappedRow[]): Map<number, { conflict: RowConflict; draft: InviteDraft }> {
  const byEmail = new Map<string, { row: number; draft: InviteDraft }[]>();
  for (const { row, input } of mapped) {
    const alone = checkInvite(input, []);
    if (!alone.ok) continue;
    byEmail.set(alone.value.email, [...(byEmail.get(alone.value.email) ?? []), { row, draft: alone.value }]);
  }
  const found = new Map<number, { conflict: RowConflict; draft: InviteDraft }>();
  for (const [email, rows] of byEmail) {
    if (rows.every((r) => sameDetails(r.draft, rows[0]!.draft))) continue;
    const conflict: RowConflict = { email, rows: rows.map((r) => r.row) };
    for (const { row, draft } of rows) found.set(row, { conflict, draft });
  }
  return found;
}

/**
 * The import as it would go against the members as they are now: the same
 * planInvites the worker runs, so the preview and the result agree unless
 * someone changes the members in between (the final report then tells). Rows in
 * conflict are held out of the plan, except the one the admin picked.
 */
export function previewImport(
  mapped: readonly MappedRow[],
  members: readonly Member[],
  choices: ConflictChoices = new Map(),
): PreviewRow[] {
  const conflicts = findConflicts(mapped);
  const held = new Map<number, Held>();
  for (const [row, { conflict, draft }] of conflicts) {
    const chosen = choices.get(conflict.email);
    const known = chosen === 'neither' || (chosen !== undefined && conflict.rows.includes(chosen));
    const withChoice = known ? { ...conflict, chosen } : conflict;
    if (!known || chosen !== row) held.set(row, { outcome: 'held', draft, conflict: withChoice });
  }
  const planned = mapped.filter(({ row }) => !held.has(row));
  const plan = planInvites(
    planned.map((m) => m.input),
    members,
  );
  const outcomes = new Map(plan.map((entry, index) => [planned[index]!.row, entry]));
  const preview: PreviewRow[] = [];
  for (const { row, input, cells: raw } of mapped) {
    const cells = raw && { cells: raw };
    const hold = held.get(row);
    if (hold) {
      preview.push({ row, input, ...cells, ...hold });
      continue;
    }
    const entry = outcomes.get(row)!;
    if (entry.outcome === 'invite') {
      const conflict = conflicts.get(row)?.conflict;
      const chosen = conflict && choices.get(conflict.email);
      preview.push({
        row,
        input,
        ...cells,
        outcome: 'invite',
        draft: entry.draft,
        ...(conflict && { conflict: { ...conflict, chosen } }),
      });
      continue;
    }
    // "Someone on the team already has it" is untrue when the someone is an earlier row of this file.
    const repeats = entry.problems.some((p) => p.code === 'email-duplicate') ? repeatedRow(input, preview) : undefined;
    preview.push({ row, input, ...cells, outcome: 'reject', problems: entry.problems, ...(repeats && { repeats }) });
  }
  return preview;
}

/** The conflicts the admin has yet to settle, once each, in file order: while any is left, nothing is imported. */
export function openConflicts(preview: readonly PreviewRow[]): RowConflict[] {
  const open = new Map<string, RowConflict>();
  for (const p of preview)
    if (p.outcome === 'held' && p.conflict.chosen === undefined) open.set(p.conflict.email, p.conflict);
  return [...open.values()];
}

/** What inviteMembers is sent: only the rows that will be invited, in file order, and their file row numbers. */
export function rowsToSend(preview: readonly PreviewRow[]): { rows: InviteDraft[]; fileRows: number[] } {
  const invited = preview.filter((p): p is Extract<PreviewRow, { outcome: 'invite' }> => p.outcome === 'invite');
  return { rows: invited.map((p) => p.draft), fileRows: invited.map((p) => p.row) };
}

export type ReportRow = { row: number; input: InviteInput; cells?: RawCells; repeats?: RepeatedRow } & (
  { outcome: 'invited'; member: Member } | { outcome: 'rejected'; problems: Problem[] } | Held
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
  return preview.map(({ row, input, cells: raw, repeats, ...planned }): ReportRow => {
    const cells = raw && { cells: raw };
    if (planned.outcome === 'held') return { row, input, ...cells, ...planned };
    const verdict = verdicts.get(row);
    if (verdict) return { row, input, ...cells, ...verdict };
    // Sent but absent from the worker's answer should not happen; say it was not invited rather than guess.
    if (planned.outcome === 'invite')
      return {
        row,
        input,
        ...cells,
        outcome: 'rejected',
        problems: [{ code: 'row-unreported', message: 'The worker did not report on this row.' }],
      };
    return { row, input, ...cells, outcome: 'rejected', problems: planned.problems, ...(repeats && { repeats }) };
  });
}
