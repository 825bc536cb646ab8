import { useState } from 'preact/hooks';
import { t } from '../lib/ui/i18n.ts';
import { useCommand } from '../lib/ui/use-command.ts';
import { ProblemMessage } from './ProblemMessage.tsx';
import { WorkEmailField } from './WorkEmailField.tsx';

/** Who are you? On a new org the first person becomes its first admin; afterwards invited members sign in by email. */
export function SignInForm({ firstRun }: { firstRun: boolean }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const { run, busy, problem } = useCommand('signIn');
  return (
    <form
      class="card"
      aria-labelledby="sign-in-title"
      onSubmit={(event) => {
        event.preventDefault();
        void run({ name, email });
      }}
    >
      <h2 id="sign-in-title">{firstRun ? t('signin_firstRunTitle') : t('signin_title')}</h2>
      <p>{firstRun ? t('signin_firstRunHint') : t('signin_hint')}</p>
      {firstRun && (
        <label>
          {t('common_name')}
          <input
            name="name"
            autoComplete="name"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            required
          />
        </label>
      )}
      <WorkEmailField value={email} onInput={setEmail} />
      <ProblemMessage problem={problem} />
      <button type="submit" disabled={busy}>
        {busy ? t('signin_busy') : firstRun ? t('signin_start') : t('signin_submit')}
      </button>
    </form>
  );
}
