import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/** The hosts of a team server started on this machine for development (`npm start`, `npm run server:dev`). */
const LOOPBACK_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];
const sandboxBuild = () => process.env.MARKETO_SANDBOX === '1';

/**
 * Each page's HTML names every chunk its script imports statically, so the browser asks for them all at
 * once instead of one import level after another (Vite's own modulepreload would also add a helper to
 * every lazy import).
 */
function preloadStaticImports(): Plugin {
  return {
    name: 'marketo-access:preload-static-imports',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk }) {
        if (!bundle || !chunk) return;
        const files = new Set<string>();
        const visit = (file: string) => {
          const output = bundle[file];
          for (const imported of output?.type === 'chunk' ? output.imports : []) {
            if (files.has(imported)) continue;
            files.add(imported);
            visit(imported);
          }
        };
        visit(chunk.fileName);
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

/**
 * What the popup's first paint needs, in one chunk (`start`): the popup's own graph, with the trial store's
 * reader of the first rows (the options and passkey pages share it). Only for the pages' ES modules: the
 * background is one classic script.
 */
function firstPaintChunk(): Plugin {
  return {
    name: 'marketo-access:first-paint-chunk',
    apply: 'build',
    outputOptions(options) {
      if (options.format !== 'es') return;
      return {
        ...options,
        codeSplitting: {
          groups: [
            {
              name: 'start',
              test: /entrypoints\/popup\/App\.tsx|wxt-html-plugins/,
            },
          ],
        },
      };
    },
  };
}

// Explicit imports everywhere, the polyfill as `browser`, least permissions,
// Marketo hosts asked for at run time (README.md, "How it is built").
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact(), firstPaintChunk(), preloadStaticImports()],
    // The popup's start is budgeted (20 KB of JavaScript) and timed (its first 100 rows against a static
    // page, `npm run bench`). Extension pages load each file from disk one import level after another: the
    // first paint's code is one chunk (firstPaintChunk), which the HTML names beside the page's script
    // (preloadStaticImports), and no modulepreload helper in the code; one stylesheet for every page, so
    // the parts loaded when shown (sign-in, first run, a tab) carry no stylesheet of their own.
    build: {
      modulePreload: false,
      // Terser's two passes: some 120 bytes fewer at the popup's start than the default minifier.
      minify: 'terser',
      terserOptions: { compress: { passes: 2 } },
      cssCodeSplit: false,
      sourcemap: process.env.SOURCEMAP === '1',
    },
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
    // Firefox refuses `identity` among optional permissions: its build holds it from install (no prompt either way).
    permissions: ['storage', 'alarms', ...(browser === 'firefox' ? ['identity'] : [])],
    // Asked for one host at a time, inside a click: a Marketo instance (Connect;
    // the loopback sandbox needs none, it answers CORS for extension origins),
    // or the org's team server, whose address only the person (or their IT
    // admin's policy) knows, hence any https host, and loopback for a
    // development server.
    optional_host_permissions: ['https://*.mktorest.com/*', 'https://*/*', ...LOOPBACK_HOSTS],
    // Optional: asked in the Connect click, to say when the ten-minute wait is over.
    // Without it the badge's done mark and the popup say it. `identity`: asked in the
    // "Sign in with …" click, for the company sign-in's window (launchWebAuthFlow).
    optional_permissions: ['notifications', ...(browser === 'firefox' ? [] : ['identity'])],
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
