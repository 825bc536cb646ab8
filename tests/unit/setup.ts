import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// fakeBrowser does not implement i18n: serve the real English messages, with
// Chrome's $1…$9 substitutions, so component tests read what a person reads.
type Messages = Record<string, { message: string }>;
// vitest runs from the project root (import.meta.url is not a file: URL under happy-dom).
const english = JSON.parse(readFileSync(join(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')) as Messages;

Object.assign(fakeBrowser.i18n, {
  getMessage: (key: string, substitutions?: string | string[]) => {
    const list = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return english[key]?.message.replace(/\$(\d)/g, (_m, n: string) => list[Number(n) - 1] ?? '') ?? '';
  },
  getUILanguage: () => 'en',
});

// Property tests run the same cases on every run, so CI is deterministic;
// FC_SEED=n explores other cases (a failure prints its seed to reproduce).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261130) });
