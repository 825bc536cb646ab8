import { useEffect, useRef, useState } from 'preact/hooks';
import { fromDirectory, type Member, type Role } from '../../lib/domain/member.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { translated } from '../../lib/ui/problem-text.ts';
import { TeamsPicker } from './TeamsPicker.tsx';
import { teamsOf, type TeamsChoice } from './teams-choice.ts';

interface Props {
  member: Member;
  isMe: boolean;
  others: readonly Member[];
  onDone: () => void;
}

/** Change one member's role and teams (updateMember). Escape or Cancel leaves them as they were. */
export function EditMemberForm({ member, isMe, others, onDone }: Props) {
  const [role, setRole] = useState<Role>(member.role);
  const [teams, setTeams] = useState<TeamsChoice>({ chosen: member.teams, added: '' });
  const { run, busy, problem } = useCommand('updateMember');
  const first = useRef<HTMLSelectElement | null>(null);
  useEffect(() => first.current?.focus(), []);
  const titleId = `edit-title-${member.id}`;

  return (
    <form
      class="card"
      aria-labelledby={titleId}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await run({ memberId: member.id, role, teams: teamsOf(teams) })) onDone();
      }}
    >
      <h3 id={titleId}>{t('members_editTitle', member.name)}</h3>
      {fromDirectory(member) && <p class="hint">{t('members_directoryNameHint')}</p>}
      <label>
        {t('members_fieldRole')}
        <select
          ref={first}
          value={role}
          disabled={isMe}
          aria-describedby={isMe ? `${titleId}-self` : undefined}
          onChange={(e) => setRole(e.currentTarget.value as Role)}
        >
          <option value="user">{t('members_roleUser')}</option>
          <option value="admin">{t('members_roleAdmin')}</option>
        </select>
      </label>
      {isMe && <small id={`${titleId}-self`}>{t('members_ownRoleHint')}</small>}
      <TeamsPicker id={`edit-teams-${member.id}`} value={teams} onChange={setTeams} others={others} />
      <ProblemMessage problem={translated(problem)} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('members_saving') : t('members_save')}
        </button>
        <button type="button" class="secondary" onClick={onDone}>
          {t('members_cancel')}
        </button>
      </div>
    </form>
  );
}
