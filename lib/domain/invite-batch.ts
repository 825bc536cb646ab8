import { checkInvite, type InviteDraft, type InviteInput, type Member } from './member.ts';
import type { Problem } from './result.ts';

export type InviteRowOutcome =
  { row: number; outcome: 'invite'; draft: InviteDraft } | { row: number; outcome: 'reject'; problems: Problem[] };

/**
 * Checks a batch of invitations (a CSV import) row by row, in order: each
 * accepted row takes a seat and its email, so a file cannot overfill the
 * org's seats or invite one person twice. `row` is the input's index.
 */
export function planInvites(rows: readonly InviteInput[], members: readonly Member[]): InviteRowOutcome[] {
  const planned: Member[] = [...members];
  return rows.map((input, row) => {
    const checked = checkInvite(input, planned);
    if (!checked.ok) return { row, outcome: 'reject', problems: checked.problems };
    // A placeholder member: only its email, teams and seat matter to the rows after it.
    planned.push({ id: `row-${row}`, ...checked.value, status: 'invited', invitedAt: 0 });
    return { row, outcome: 'invite', draft: checked.value };
  });
}
