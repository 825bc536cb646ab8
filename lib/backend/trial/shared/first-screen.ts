import { browser } from 'wxt/browser';
import type { OrgView } from '../../port.ts';

/** Enough rows to fill the console's list, with a margin. */
export const FIRST_SCREEN = 40;

const KEY = 'trialFirstScreen';

/**
 * The first screen of the org kept in this browser, as the worker last wrote
 * it: after every change it commits, before it answers (trial/worker/backend.ts).
 * In `storage.session` (memory only, this extension's pages and worker), so a
 * page paints from one small read beside where the org lives, without opening
 * IndexedDB; the page then reads IndexedDB itself, as before.
 */
export async function readKeptFirstScreen(): Promise<OrgView | undefined> {
  const { [KEY]: kept } = await browser.storage.session.get(KEY);
  return Array.isArray((kept as Partial<OrgView> | undefined)?.members) ? (kept as OrgView) : undefined;
}

/** The worker's side: what the next page paints first (undefined: nothing kept, pages read IndexedDB). */
export async function keepFirstScreen(view: OrgView | undefined): Promise<void> {
  if (view) await browser.storage.session.set({ [KEY]: view });
  else await browser.storage.session.remove(KEY);
}
