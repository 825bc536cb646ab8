import 'fake-indexeddb/auto';
import fc from 'fast-check';

import { beforeEach } from 'vitest';
import { useLocale } from './use-locale.ts';

// fakeBrowser does not implement i18n: serve the real English messages, with
// Chrome's $1…$9 substitutions, so component tests read what a person reads.
// A test may switch to French with useLocale('fr'); each test starts in English.
useLocale('en');
beforeEach(() => useLocale('en'));

// Property tests run the same cases on every run, so CI is deterministic;
// FC_SEED=n explores other cases (a failure prints its seed to reproduce).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261130) });
