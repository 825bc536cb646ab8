import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_TEAM, type Member, type Role } from '../../lib/domain/member.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { checkInvite } from '../../lib/features/members/rules.ts';
import { t } from '../../lib/ui/i18n.ts';
import { useCommand } from '../../lib/ui/use-command.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { problemText, translated } from '../../lib/ui/problem-text.ts';
import { TeamsPicker } from './TeamsPicker.tsx';
import { teamsOf, type TeamsChoice } from './teams-choice.ts';

const NEW_CHOICE: TeamsChoice = { chosen: [DEFAULT_TEAM], added: '' };

/**
 * Team Management: invite one member. The same rules the worker applies are
 * checked here first (checkInvite against the members as shown), so every
 * mistake is listed at once, in the page's language; the worker still decides.
 */
export function InviteForm({ members = [], outcomeKey = 0 }: { members?: readonly Member[]; outcomeKey?: number }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [teams, setTeams] = useState<TeamsChoice>(NEW_CHOICE);
  const [problems, setProblems] = useState<Problem[]>([]);
  /** Who the last submit invited: the form empties, so this line says it worked. */
  const [invited, setInvited] = useState<{ name: string; email: string } | undefined>(undefined);
  const { run, busy, problem } = useCommand('inviteMember');
  // Another way of inviting was used since (a CSV file): this form's last line is no longer the latest news.
  useEffect(() => setInvited(undefined), [outcomeKey]);
  const invalid = (field: string) => problems.some((p) => p.field === field) || undefined;

  const submit = async (event: Event) => {
    event.preventDefault();
    const checked = checkInvite({ name, email, role, teams: teamsOf(teams) }, members);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    setInvited(undefined);
    if (await run(checked.value)) {
      setInvited({ name: checked.value.name, email: checked.value.email });
      setName('');
      setEmail('');
      setRole('user');
      setTeams(NEW_CHOICE);
    }
  };

  return (
    <form class="card" aria-labelledby="invite-title" noValidate onSubmit={submit}>
      <h2 id="invite-title">{t('members_inviteTitle')}</h2>
      <label>
        {t('members_fieldName')}
        <input
          name="name"
          autocomplete="off"
          value={name}
          aria-invalid={invalid('name')}
          onInput={(e) => setName(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        {t('members_fieldEmail')}
        <input
          name="email"
          type="email"
          autocomplete="off"
          value={email}
          aria-invalid={invalid('email')}
          onInput={(e) => setEmail(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        {t('members_fieldRole')}
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          <option value="user">{t('members_roleUser')}</option>
          <option value="admin">{t('members_roleAdmin')}</option>
        </select>
      </label>
      <TeamsPicker id="invite-teams" value={teams} onChange={setTeams} others={members} />
      {problems.length > 0 && (
        <ul class="problem" role="alert">
          {problems.map((p) => (
            <li key={p.code}>{problemText(p)}</li>
          ))}
        </ul>
      )}
      <ProblemMessage problem={translated(problem)} />
      {invited && (
        <p role="status" data-testid="invite-outcome">
          {t('members_invitedOutcome', invited.name, invited.email)}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('members_inviting') : t('members_invite')}
      </button>
    </form>
  );
}
