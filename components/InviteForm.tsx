import { useState } from 'preact/hooks';
import type { Role } from '../lib/domain/member.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/** Team Management: invite one member. */
export function InviteForm() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [teams, setTeams] = useState('');
  const { run, busy, problem } = useCommand('inviteMember');
  return (
    <form
      class="card"
      aria-labelledby="invite-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const list = teams.split(/[;,]/).map((t) => t.trim()).filter(Boolean);
        const invited = await run({ name, email, role, ...(list.length > 0 && { teams: list }) });
        if (invited) {
          setName('');
          setEmail('');
          setTeams('');
        }
      }}
    >
      <h2 id="invite-title">Invite a member</h2>
      <label>
        Name
        <input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
      </label>
      <label>
        Email
        <input name="email" type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required />
      </label>
      <label>
        Role
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          <option value="user">User (sales rep)</option>
          <option value="admin">Admin</option>
        </select>
      </label>
      <label>
        Teams <small>(comma-separated; Everyone when empty)</small>
        <input name="teams" value={teams} onInput={(e) => setTeams(e.currentTarget.value)} />
      </label>
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {busy ? 'Inviting…' : 'Invite'}
      </button>
    </form>
  );
}
