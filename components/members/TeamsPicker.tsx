import type { Member } from '../../lib/domain/member.ts';
import { MAX_TEAMS } from '../../lib/domain/member.ts';
import { t, tp, uiLocale } from '../../lib/ui/i18n.ts';
import { teamLabel } from './labels.ts';
import { orgTeams, teamCountWith, teamsOf, type TeamsChoice } from './teams-choice.ts';

interface Props {
  /** Unique in the page: ids of the hint and inputs derive from it. */
  id: string;
  value: TeamsChoice;
  onChange: (next: TeamsChoice) => void;
  /** The other members, to list their teams and count the org's total with this choice. */
  others: readonly Member[];
}

/** Teams for one member: tick the org's teams, or type new ones; the org's count (at most 20) shows as you go. */
export function TeamsPicker({ id, value, onChange, others }: Props) {
  const teams = orgTeams(others, uiLocale());
  const { count, over } = teamCountWith(others, teamsOf(value));
  const toggle = (team: string) =>
    onChange({
      ...value,
      chosen: value.chosen.includes(team) ? value.chosen.filter((x) => x !== team) : [...value.chosen, team],
    });
  return (
    <fieldset aria-describedby={`${id}-count`}>
      <legend>{t('members_teamsLegend')}</legend>
      {teams.map((team) => (
        <label key={team} class="inline">
          <input type="checkbox" checked={value.chosen.includes(team)} onChange={() => toggle(team)} />
          {teamLabel(team)}
        </label>
      ))}
      <label>
        {t('members_newTeams')}
        <input
          value={value.added}
          aria-describedby={`${id}-new-hint`}
          onInput={(e) => onChange({ ...value, added: e.currentTarget.value })}
        />
      </label>
      <small id={`${id}-new-hint`}>{t('members_newTeamsHint')}</small>
      <p id={`${id}-count`} class={over ? 'problem' : 'hint'} aria-live="polite">
        {over ? t('members_teamsOver', count, MAX_TEAMS) : tp('members_teamsCount', count, count, MAX_TEAMS)}
      </p>
    </fieldset>
  );
}
