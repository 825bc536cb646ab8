import { useMemo, useState } from 'preact/hooks';
import type { OrgView } from '../../lib/backend/port.ts';
import { teamsInUse } from '../../lib/domain/member.ts';
import { connectionOf } from '../../lib/domain/org-connection.ts';
import { t, tp, uiLocale } from '../../lib/ui/i18n.ts';
import { EMPTY_QUERY, queryMembers } from '../../lib/ui/member-query.ts';
import { useSelection } from '../../lib/ui/use-selection.ts';
import { WaitingPeriod } from '../WaitingPeriod.tsx';
import { MemberFilters } from './MemberFilters.tsx';
import { AccessMemberTable } from './AccessMemberTable.tsx';
import { SelectionActions } from './SelectionActions.tsx';

/** Marketo > User Access: only invited members; find them, select them, grant them access. */
export function UserAccessTab({ view, compact = false }: { view: OrgView; compact?: boolean }) {
  const [query, setQuery] = useState(EMPTY_QUERY);
  const grants = useMemo(() => new Map(view.grants.map((g) => [g.memberId, g])), [view.grants]);
  const members = useMemo(() => new Map(view.members.map((m) => [m.id, m])), [view.members]);
  const shown = useMemo(() => queryMembers(view.members, grants, query, uiLocale()), [view.members, grants, query]);
  const teams = useMemo(() => [...teamsInUse(view.members)].sort(), [view.members]);
  const { selected, toggle, toggleAll, clear } = useSelection(shown);
  const connection = connectionOf(view.org);
  const nameOf = (id: string) => members.get(id)?.name ?? t('common_formerMember');

  return (
    <div class="user-access">
      <h2>{t('access_title')}</h2>
      {!connection && <p class="banner">{t('access_noOrgConnection')}</p>}
      {/* The popup shows the org's status, with this banner, just above. */}
      {connection && !compact && <WaitingPeriod readyAt={connection.readyAt} />}
      {view.members.length === 0 ? (
        <p>{t('access_noMembers')}</p>
      ) : (
        <>
          {!compact && <MemberFilters query={query} onChange={setQuery} teams={teams} />}
          <p class="hint" aria-live="polite">
            {view.membersTotal === undefined
              ? `${tp('access_counts', view.members.length, view.members.length, shown.length)}, ${tp('access_selectedCount', selected.size, selected.size)}`
              : tp('access_loadingAll', view.membersTotal, view.membersTotal)}
          </p>
          {shown.length === 0 ? (
            <p>{t('access_noMatch')}</p>
          ) : (
            <AccessMemberTable
              members={shown}
              grants={grants}
              workspaces={connection?.workspaces ?? []}
              selected={selected}
              onToggle={toggle}
              onToggleAll={toggleAll}
              canSelectAll={view.membersTotal === undefined}
              nameOf={nameOf}
              compact={compact}
              heightPx={compact ? 216 : 432}
            />
          )}
          <SelectionActions
            view={view}
            members={members}
            grants={grants}
            selected={selected}
            onDone={clear}
            nameOf={nameOf}
            compact={compact}
          />
        </>
      )}
    </div>
  );
}
