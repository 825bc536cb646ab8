import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { readOrgLocation, type OrgLocation } from '../../lib/backend/settings.ts';
import { chosenOrg, keepSignedIn } from '../../lib/ui/server-sign-in.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import { serverPasskeys } from '../../lib/ui/passkey-client.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

type Server = Extract<OrgLocation, { mode: 'server' }>;

/**
 * The passkey tab: signs in with a passkey, or adds one to the signed-in
 * member. The ceremony starts on the person's click (some browsers require
 * it); on success the session is kept and the other pages follow.
 */
export function PasskeyPage({ mode }: { mode: 'sign-in' | 'register' }) {
  const [server, setServer] = useState<Server | undefined | 'loading'>('loading');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [done, setDone] = useState(false);
  useEffect(() => void readOrgLocation().then((l) => setServer(l?.mode === 'server' ? l : undefined)), []);

  if (server === 'loading') return <p class="loading">{t('common_loading')}</p>;
  const settings = (
    <a href={browser.runtime.getURL('/options.html')} data-testid="open-settings">
      {t('passkey_openSettings')}
    </a>
  );
  const title = <h1>{mode === 'register' ? t('passkey_registerTitle') : t('passkey_signInTitle')}</h1>;
  if (!server || (mode === 'register' && !server.token)) {
    return (
      <main>
        {title}
        <p>{t('passkey_needsServer')}</p>
        {settings}
      </main>
    );
  }
  if (done) {
    return (
      <main>
        {title}
        <p role="status">{mode === 'register' ? t('passkey_registered') : t('passkey_signedIn')}</p>
        {settings}
      </main>
    );
  }

  const start = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const passkeys = serverPasskeys(server.serverUrl);
      if (mode === 'register') {
        const added = await passkeys.register(server.token!);
        if (!added.ok) return setProblem(added.problem);
      } else {
        const signedIn = await passkeys.signIn(await chosenOrg(server.serverUrl));
        if (!signedIn.ok) return setProblem(signedIn.problem);
        await keepSignedIn(server.serverUrl, signedIn.value);
      }
      setDone(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      {title}
      <p>{mode === 'register' ? t('passkey_registerHint') : t('passkey_signInHint', server.serverUrl)}</p>
      <ProblemMessage problem={problem} />
      <button type="button" disabled={busy} onClick={() => void start()}>
        {mode === 'register' ? t('passkey_registerButton') : t('passkey_signInButton')}
      </button>
    </main>
  );
}
