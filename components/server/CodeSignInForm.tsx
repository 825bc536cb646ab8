import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import type { SsoProvider } from '../../lib/backend/team-server/page/sso.ts';
import { serverAuth, ssoSignIn } from '../../lib/ui/server-clients.ts';
import { chosenOrg, keepSignedIn } from '../../lib/ui/server-sign-in.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';
import { WorkEmailField } from '../WorkEmailField.tsx';
import { CompanySignIn } from './CompanySignIn.tsx';

/**
 * Signing in to the team server: the work email, then the code the server
 * emails. The session token is kept for the worker and the pages; the code
 * and the token are never shown or logged.
 */
export function CodeSignInForm({ serverUrl, sentTo }: { serverUrl: string; sentTo?: string }) {
  const [email, setEmail] = useState(sentTo ?? '');
  const [codeFor, setCodeFor] = useState<string | undefined>(sentTo);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [offered, setOffered] = useState<SsoProvider[]>([]);
  const auth = serverAuth(serverUrl);
  const codeInput = useRef<HTMLInputElement | null>(null);
  // Each time a code is sent, the cursor waits in the code field.
  useEffect(() => codeInput.current?.focus(), [codeFor]);

  const step = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const sendCode = () =>
    step(async () => {
      // The company sign-ins for this email's domain, asked beside the code: offered on the code step.
      const [sent, providers] = await Promise.all([auth.requestCode(email), ssoSignIn(serverUrl).providersFor(email)]);
      setOffered(providers.ok ? providers.value : []);
      if (!sent.ok) return setProblem(sent.problem);
      setCode('');
      setCodeFor(sent.value);
    });
  const verify = () =>
    step(async () => {
      const signedIn = await auth.verifyCode(codeFor!, code, await chosenOrg(serverUrl));
      if (!signedIn.ok) return setProblem(signedIn.problem);
      await keepSignedIn(serverUrl, signedIn.value);
    });

  if (codeFor === undefined) {
    return (
      <form
        aria-labelledby="code-email-title"
        onSubmit={(e) => {
          e.preventDefault();
          void sendCode();
        }}
      >
        <h3 id="code-email-title">{t('server_emailStep')}</h3>
        <WorkEmailField value={email} onInput={setEmail} invalid={problem?.field === 'email'} />
        <ProblemMessage problem={problem} />
        <button type="submit" disabled={busy}>
          {busy ? t('signin_busy') : t('server_sendCode')}
        </button>
        {/* The same email finds the company sign-in, where the org has one for its domain. */}
        <CompanySignIn serverUrl={serverUrl} email={email} />
      </form>
    );
  }
  return (
    <form
      aria-labelledby="code-title"
      onSubmit={(e) => {
        e.preventDefault();
        void verify();
      }}
    >
      <h3 id="code-title">{t('server_codeStep')}</h3>
      <p role="status">{t('server_codeSent', codeFor)}</p>
      <label>
        {t('server_code')}
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          aria-invalid={problem?.field === 'code'}
          onInput={(e) => setCode(e.currentTarget.value)}
          required
          ref={codeInput}
        />
      </label>
      <ProblemMessage problem={problem} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? t('signin_busy') : t('signin_submit')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => void sendCode()}>
          {t('server_sendNewCode')}
        </button>
        <button type="button" class="link" disabled={busy} onClick={() => setCodeFor(undefined)}>
          {t('server_otherEmail')}
        </button>
      </div>
      {/* Its own instance (a key): the email step's, which found nothing yet, is not reused. */}
      {offered.length > 0 && <CompanySignIn key="code-step" serverUrl={serverUrl} email={codeFor} offered={offered} />}
    </form>
  );
}
