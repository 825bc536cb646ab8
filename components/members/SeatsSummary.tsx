import { MAX_SEATS, MAX_TEAMS, seatsTaken, teamsInUse, type Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';

/** The instance's limits at a glance: 100 seats (a deactivated member holds none), 20 teams. */
export function SeatsSummary({ members }: { members: readonly Member[] }) {
  return (
    <p class="members-summary">
      <span data-testid="seats-used">{t('members_seatsUsed', seatsTaken(members), MAX_SEATS)}</span>
      <span data-testid="teams-used">{t('members_teamsUsed', teamsInUse(members).size, MAX_TEAMS)}</span>
    </p>
  );
}
