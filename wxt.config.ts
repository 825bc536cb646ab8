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
    // Asked for one instance at a time, inside the Connect click. The loopback
    // sandbox needs none: it answers CORS for extension origins.
    optional_host_permissions: ['https://*.mktorest.com/*'],
    // Optional: asked in the Connect click, to say when the ten-minute wait is over.
    // Without it the badge's done mark and the popup say it.
    optional_permissions: ['notifications'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'marketo-access@example.org', strict_min_version: '121.0' } } }
      : {}),
  }),
});
