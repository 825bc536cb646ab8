import { MAX_SEATS, MAX_TEAMS, teamsInUse, type Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';

/** The instance's limits at a glance: 100 seats, 20 teams. */
export function SeatsSummary({ members }: { members: readonly Member[] }) {
  return (
    <p class="members-summary">
      <span data-testid="seats-used">{t('members_seatsUsed', members.length, MAX_SEATS)}</span>
      <span data-testid="teams-used">{t('members_teamsUsed', teamsInUse(members).size, MAX_TEAMS)}</span>
    </p>
  );
}
