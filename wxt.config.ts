import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** The hosts of a team server started on this machine for development (`npm start`, `npm run server:dev`). */
const LOOPBACK_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];
const sandboxBuild = () => process.env.MARKETO_SANDBOX === '1';

// Explicit imports everywhere, the polyfill as `browser`, least permissions,
// Marketo hosts asked for at run time (README.md, "How it is built").
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // The popup's start is budgeted (20 KB of JavaScript, `npm run bench`): extension pages load their
    // chunks from disk, so no modulepreload polyfill; one stylesheet for every page (4 KB), so the
    // parts loaded when shown (sign-in, first run, a tab) carry no stylesheet of their own.
    build: { modulePreload: false, cssCodeSplit: false, sourcemap: process.env.SOURCEMAP === '1' },
    // Builds made for development and tests (npm start, the end-to-end tests) may
    // send Marketo credentials to the sandbox on loopback; `npm run build` never does.
    define: { 'import.meta.env.MARKETO_SANDBOX': JSON.stringify(sandboxBuild()) },
  }),
  manifest: ({ browser }) => ({
    // Sandbox builds (npm start, the end-to-end tests) hold loopback hosts from install: the local team server is
    // reached with no permission prompt, which a browser without a window (headless, CI) can never answer. Production
    // builds hold none: every host stays optional, asked inside the click that needs it.
    ...(sandboxBuild() && { host_permissions: LOOPBACK_HOSTS }),
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    // Asked for one host at a time, inside a click: a Marketo instance (Connect;
    // the loopback sandbox needs none, it answers CORS for extension origins),
    // or the org's team server, whose address only the person (or their IT
    // admin's policy) knows, hence any https host, and loopback for a
    // development server.
    optional_host_permissions: ['https://*.mktorest.com/*', 'https://*/*', ...LOOPBACK_HOSTS],
    // Optional: asked in the Connect click, to say when the ten-minute wait is over.
    // Without it the badge's done mark and the popup say it. `identity`: asked in the
    // "Sign in with …" click, for the company sign-in's window (launchWebAuthFlow).
    optional_permissions: ['notifications', 'identity'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'marketo-access@example.org',
              // 140 (an ESR): the first with data_collection_permissions; optional_host_permissions came in 128.
              strict_min_version: '140.0',
              // The admin's Marketo Client ID and Secret go to the org's own Marketo instance.
              data_collection_permissions: { required: ['authenticationInfo'] },
            },
            // Firefox for Android reads data_collection_permissions from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // IT admins may preset the team server's address by enterprise policy (chrome.storage.managed).
        { storage: { managed_schema: 'managed-schema.json' } }),
  }),
});
