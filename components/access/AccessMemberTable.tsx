import { useState } from 'preact/hooks';
import type { Grant } from '../../lib/domain/grant.ts';
import type { Member } from '../../lib/domain/member.ts';
import type { Workspace } from '../../lib/domain/workspace.ts';
import { t } from '../../lib/ui/i18n.ts';
import { AccessStatus, formatDate } from './AccessStatus.tsx';

const ROW_HEIGHT = 36;
const OVERSCAN = 8;

export interface MemberTableProps {
  members: readonly Member[];
  grants: ReadonlyMap<string, Grant>;
  workspaces: readonly Workspace[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, range: boolean) => void;
  onToggleAll: () => void;
  nameOf: (id: string) => string;
  /** The popup shows fewer columns. */
  compact?: boolean;
  /** False while only the first screen of many members is loaded: "all" would not be all yet. */
  canSelectAll?: boolean;
  heightPx: number;
}

/**
 * The member list, windowed: only the rows in view (plus a margin) are in the
 * DOM, so 10,000 members paint as fast as 100. Rows have a fixed height.
 */
export function AccessMemberTable({
  members,
  grants,
  workspaces,
  selected,
  onToggle,
  onToggleAll,
  nameOf,
  compact = false,
  canSelectAll = true,
  heightPx,
}: MemberTableProps) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(members.length, Math.ceil((scrollTop + heightPx) / ROW_HEIGHT) + OVERSCAN);
  const allSelected = members.length > 0 && members.every((m) => selected.has(m.id));
  return (
    <div
      class="table-scroll"
      style={{ maxHeight: `${heightPx}px` }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      data-testid="member-list"
    >
      <table aria-rowcount={members.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" class="select">
              <input
                type="checkbox"
                aria-label={t('access_selectAll')}
                checked={allSelected}
                disabled={!canSelectAll}
                onChange={onToggleAll}
              />
            </th>
            <th scope="col">{t('common_name')}</th>
            {!compact && <th scope="col">{t('common_email')}</th>}
            <th scope="col" class="access">
              {t('access_columnAccess')}
            </th>
            {!compact && <th scope="col">{t('access_columnSince')}</th>}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr aria-hidden="true" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {members.slice(first, last).map((member, i) => {
            const grant = grants.get(member.id);
            return (
              <tr
                key={member.id}
                data-testid="member-row"
                aria-rowindex={first + i + 2}
                aria-selected={selected.has(member.id)}
                style={{ height: `${ROW_HEIGHT}px` }}
              >
                <td class="select">
                  <input
                    type="checkbox"
                    aria-label={t('access_selectMember', member.name)}
                    checked={selected.has(member.id)}
                    onClick={(e) => onToggle(member.id, e.shiftKey)}
                  />
                </td>
                <td class="name" title={compact ? `${member.name} <${member.email}>` : undefined}>
                  {member.name}
                </td>
                {!compact && <td class="email">{member.email}</td>}
                <td data-testid="member-access">
                  <AccessStatus grant={grant} workspaces={workspaces} nameOf={nameOf} compact={compact} />
                </td>
                {!compact && (
                  <td>{grant ? t('access_sinceBy', formatDate(grant.grantedAt), nameOf(grant.grantedBy)) : ''}</td>
                )}
              </tr>
            );
          })}
          {last < members.length && (
            <tr aria-hidden="true" style={{ height: `${(members.length - last) * ROW_HEIGHT}px` }} />
          )}
        </tbody>
      </table>
    </div>
  );
}
