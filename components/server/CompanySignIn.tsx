import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { writeOrgLocation } from '../../lib/backend/settings.ts';
import type { Problem } from '../../lib/domain/result.ts';
import { t } from '../../lib/ui/i18n.ts';
import type { SsoProvider } from '../../lib/backend/team-server/page/sso.ts';
import { ssoSignIn } from '../../lib/ui/server-clients.ts';
import { ProblemMessage } from '../ProblemMessage.tsx';

/** The popup closes when the provider's window takes the focus: it sends people to the options page instead. */
const inPopup = () => globalThis.location?.pathname.endsWith('/popup.html') ?? false;

/**
 * "Sign in with <provider>": the work email finds the company sign-ins that
 * vouch for its domain, and one click signs in through the provider's window.
 * The server checks everything (issuer, audience, nonce, state, expiry, the
 * verified email, the invitation); this page keeps only the session token.
 */
export function CompanySignIn({
  serverUrl,
  email,
  offered,
}: {
  serverUrl: string;
  email: string;
  /** Already found for this email (the code step): shown at once. */
  offered?: SsoProvider[];
}) {
  const [found, setFound] = useState<SsoProvider[] | undefined>(offered);
  const required = found?.find((provider) => provider.required);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const client = ssoSignIn(serverUrl);

  const find = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await client.providersFor(email);
      if (!answer.ok) return setProblem(answer.problem);
      setFound(answer.value);
      if (answer.value.length === 0)
        setProblem({ code: 'sso-not-configured', message: 'No company sign-in for this domain.' });
    } finally {
      setBusy(false);
    }
  };
  const signIn = async (providerId: string) => {
    if (inPopup()) return void browser.runtime.openOptionsPage();
    setProblem(undefined);
    // Asked first, inside the click: the identity window needs it (no prompt is shown for it). Firefox cannot
    // make it optional: there the build holds it from install.
    const held = browser.runtime.getManifest().permissions?.includes('identity');
    if (!held && !(await browser.permissions.request({ permissions: ['identity'] }).catch(() => false)))
      return setProblem({ code: 'sso-cancelled', message: 'The company sign-in needs the identity permission.' });
    setBusy(true);
    try {
      const token = await client.signIn(providerId, email);
      if (!token.ok) return setProblem(token.problem);
      await writeOrgLocation({ mode: 'server', serverUrl, token: token.value });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="company-sign-in" role="group" aria-labelledby="company-sign-in-title">
      <p id="company-sign-in-title" class="hint">
        {t('sso_companySignIn')}
      </p>
      {/* The org of this email's domain signs people in with its provider only: no code will come. */}
      {required && <p role="note">{t('sso_requiredHint', required.name)}</p>}
      <div class="actions">
        {found && found.length > 0 ? (
          found.map((provider) => (
            <button key={provider.id} type="button" disabled={busy} onClick={() => void signIn(provider.id)}>
              {busy ? t('sso_busy') : t('sso_signInWith', provider.name)}
            </button>
          ))
        ) : (
          <button type="button" class="secondary" disabled={busy || email.trim() === ''} onClick={() => void find()}>
            {t('sso_findCompanySignIn')}
          </button>
        )}
      </div>
      <ProblemMessage problem={problem} />
    </div>
  );
}
