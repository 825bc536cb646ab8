import type { ComponentChildren } from 'preact';
import type { AccessFilter, MemberQuery, MemberSort } from '../../lib/ui/member-query.ts';
import { teamLabel } from '../members/labels.ts';
import { t } from '../../lib/ui/i18n.ts';

// Label beside its control (not around it), so a select's name is its label alone, not its options too.
function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

/** Search, filter by access and team, sort. */
export function MemberFilters({
  query,
  onChange,
  teams,
}: {
  query: MemberQuery;
  onChange: (q: MemberQuery) => void;
  teams: readonly string[];
}) {
  return (
    <div class="filters" role="search">
      <Field id="filter-search" label={t('access_search')}>
        <input
          id="filter-search"
          type="search"
          value={query.search}
          placeholder={t('access_searchPlaceholder')}
          onInput={(e) => onChange({ ...query, search: e.currentTarget.value })}
        />
      </Field>
      <Field id="filter-access" label={t('access_filterAccess')}>
        <select
          id="filter-access"
          value={query.access}
          onChange={(e) => onChange({ ...query, access: e.currentTarget.value as AccessFilter })}
        >
          <option value="all">{t('access_filterAll')}</option>
          <option value="granted">{t('access_filterGranted')}</option>
          <option value="not-granted">{t('access_filterNotGranted')}</option>
        </select>
      </Field>
      <Field id="filter-team" label={t('access_filterTeam')}>
        <select
          id="filter-team"
          value={query.team}
          onChange={(e) => onChange({ ...query, team: e.currentTarget.value })}
        >
          <option value="">{t('access_filterAllTeams')}</option>
          {teams.map((team) => (
            <option key={team} value={team}>
              {teamLabel(team)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="filter-sort" label={t('access_sort')}>
        <select
          id="filter-sort"
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.currentTarget.value as MemberSort })}
        >
          <option value="name">{t('access_sortName')}</option>
          <option value="email">{t('access_sortEmail')}</option>
          <option value="access">{t('access_sortAccess')}</option>
        </select>
      </Field>
    </div>
  );
}
