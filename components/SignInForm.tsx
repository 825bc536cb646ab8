import { useState } from 'preact/hooks';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';

/** First run: who are you? The first person becomes the org's owner admin. */
export function SignInForm({ firstRun }: { firstRun: boolean }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const { run, busy, problem } = useCommand('signIn');
  return (
    <form
      class="card"
      onSubmit={(event) => {
        event.preventDefault();
        void run({ name, email });
      }}
    >
      <h2>{firstRun ? 'Set up Marketo Access' : 'Sign in'}</h2>
      <p>{firstRun ? 'You will be the admin of this org.' : 'Use the email your admin invited.'}</p>
      {firstRun && (
        <label>
          Name
          <input name="name" autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} required />
        </label>
      )}
      <label>
        Work email
        <input name="email" type="email" autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required />
      </label>
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : firstRun ? 'Start' : 'Sign in'}
      </button>
    </form>
  );
}
