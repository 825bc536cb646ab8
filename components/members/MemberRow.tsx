import { fromDirectory, type Member } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { roleLabel, statusLabel, teamLabel } from './labels.ts';

interface Props {
  member: Member;
  isMe: boolean;
  onEdit: () => void;
  onRemove: () => void;
}

/**
 * One member: who, their role, teams and invitation status, and what an
 * admin may change. A member from the company directory says so (their name
 * and email are the directory's to change); a deactivated one stays listed.
 */
export function MemberRow({ member, isMe, onEdit, onRemove }: Props) {
  const deactivated = member.status === 'deactivated';
  return (
    <tr data-testid="members-table-row" class={deactivated ? 'member-deactivated' : undefined}>
      <th scope="row">
        {member.name}
        {isMe && <span class="hint"> {t('members_you')}</span>}
        {fromDirectory(member) && (
          <span class="directory-mark" data-testid="directory-mark">
            {' '}
            {t('members_fromDirectory')}
          </span>
        )}
      </th>
      <td>{member.email}</td>
      <td>{roleLabel(member.role)}</td>
      <td>{member.teams.map(teamLabel).join(', ')}</td>
      <td>
        <span class={`status status-${member.status}`}>{statusLabel(member.status)}</span>
      </td>
      <td class="row-actions">
        <button
          type="button"
          class="link"
          id={`edit-${member.id}`}
          aria-label={t('members_editMember', member.name)}
          onClick={onEdit}
        >
          {t('members_edit')}
        </button>
        {/* Nobody removes themselves (the worker refuses it too): another admin does. */}
        {!isMe && (
          <button
            type="button"
            class="link danger"
            aria-label={t('members_removeMember', member.name)}
            onClick={onRemove}
          >
            {t('members_remove')}
          </button>
        )}
      </td>
    </tr>
  );
}
