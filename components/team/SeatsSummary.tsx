import { MAX_SEATS, MAX_TEAMS, teamsInUse, type Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';

/** The instance's limits at a glance: 100 seats, 20 teams. */
export function SeatsSummary({ members }: { members: readonly Member[] }) {
  return (
    <p class="team-summary">
      <span data-testid="team-seats">{t('team_seatsUsed', members.length, MAX_SEATS)}</span>
      <span data-testid="team-teams">{t('team_teamsUsed', teamsInUse(members).size, MAX_TEAMS)}</span>
    </p>
  );
}
