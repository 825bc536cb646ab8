import { browser } from 'wxt/browser';
import { t } from '../../lib/ui/i18n.ts';

/**
 * WebAuthn runs in a tab of its own: the popup closes as soon as the
 * browser's passkey dialog takes the focus, and the worker has no WebAuthn.
 */
const openPasskeyTab = (mode: 'sign-in' | 'register') =>
  void browser.tabs.create({ url: browser.runtime.getURL(`/passkey.html#${mode}`) });

export function PasskeySignInButton() {
  return (
    <button type="button" class="secondary" onClick={() => openPasskeyTab('sign-in')}>
      {t('server_passkeySignIn')}
    </button>
  );
}

export function AddPasskeyButton() {
  return (
    <button type="button" class="link" onClick={() => openPasskeyTab('register')}>
      {t('server_addPasskey')}
    </button>
  );
}
