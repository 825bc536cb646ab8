import { render } from 'preact';
import '../../components/page.css';
import { PasskeyPage } from '../../components/server/PasskeyPage.tsx';
import { t, uiLocale } from '../../lib/ui/i18n.ts';
import '../options/options.css';

// A tab of its own for WebAuthn: the popup would close when the passkey dialog takes the focus.
document.documentElement.lang = uiLocale();
document.title = t('passkey_pageTitle');
render(
  <PasskeyPage mode={window.location.hash === '#register' ? 'register' : 'sign-in'} />,
  document.getElementById('app')!,
);
