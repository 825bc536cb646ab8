import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See DESIGN.md: explicit imports everywhere, the polyfill as `browser`,
// least permissions, Marketo hosts asked for at run time.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    // Asked for one host at a time, inside a click: a Marketo instance (Connect;
    // the loopback sandbox needs none, it answers CORS for extension origins),
    // or the org's team server, whose address only the person (or their IT
    // admin's policy) knows, hence any https host, and loopback for a
    // development server. The passkey's challenge cookie needs that permission.
    optional_host_permissions: ['https://*.mktorest.com/*', 'https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'marketo-access@example.org', strict_min_version: '121.0' } } }
      : // IT admins may preset the team server's address by enterprise policy (chrome.storage.managed).
        { storage: { managed_schema: 'managed-schema.json' } }),
  }),
});
