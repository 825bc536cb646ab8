import { clearOrgLocation } from '../../lib/backend/settings.ts';
import { t } from '../../lib/ui/i18n.ts';
import { serverPolicy } from '../../lib/ui/org-location.ts';
import { CodeSignInForm } from './CodeSignInForm.tsx';
import { PasskeySignInButton } from './PasskeyButtons.tsx';

/** The team server's sign-in: an emailed code, a passkey, or the company sign-in; and a way back to the first-run choice. */
export function ServerSignIn({ serverUrl, sentTo }: { serverUrl: string; sentTo?: string }) {
  return (
    <section class="card" aria-labelledby="server-sign-in-title">
      <h2 id="server-sign-in-title">{t('server_signInTitle')}</h2>
      <p class="hint">{t('server_signInHint', serverUrl)}</p>
      <CodeSignInForm serverUrl={serverUrl} {...(sentTo === undefined ? {} : { sentTo })} />
      <p>
        <PasskeySignInButton />
      </p>
      {/* IT locked this server by policy: there is nowhere else to go. */}
      {!(serverPolicy.value.locked && serverPolicy.value.serverUrl === serverUrl) && (
        <p>
          <button type="button" class="link" onClick={() => void clearOrgLocation()}>
            {t('server_changeLocation')}
          </button>
        </p>
      )}
    </section>
  );
}
