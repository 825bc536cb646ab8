import { browser } from 'wxt/browser';
import { parseServerUrl } from './server-url.ts';

/**
 * Where the org lives: in this browser only (trial mode, roles not protected)
 * or on a team server, with this browser's bearer session when signed in.
 * Undefined until the person chooses (first run).
 */
export type OrgLocation = { mode: 'trial' } | { mode: 'server'; serverUrl: string; token?: string };

const KEY = 'orgLocation';

const MAX_TOKEN_LENGTH = 4096;

/**
 * What storage holds is checked like any input: another version of the
 * extension, or a hand edit in the devtools, may have left anything there.
 * Checked by hand, not with valibot: this runs at every page's start, and
 * the popup's start must not carry the schema library (its budget, 20 KB).
 */
export function parseOrgLocation(value: unknown): OrgLocation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { mode, serverUrl, token } = value as Record<string, unknown>;
  // Earlier builds stored trial mode as 'local': read as trial, written the new way on the next change.
  if (mode === 'trial' || mode === 'local') return { mode: 'trial' };
  if (mode !== 'server' || typeof serverUrl !== 'string' || !parseServerUrl(serverUrl).ok) return undefined;
  if (token === undefined) return { mode, serverUrl };
  const fits = typeof token === 'string' && token.length >= 1 && token.length <= MAX_TOKEN_LENGTH;
  return fits ? { mode, serverUrl, token } : undefined;
}

export async function readOrgLocation(): Promise<OrgLocation | undefined> {
  const stored = await browser.storage.local.get(KEY);
  return parseOrgLocation(stored[KEY]);
}

export async function writeOrgLocation(location: OrgLocation): Promise<void> {
  await browser.storage.local.set({ [KEY]: location });
}

/** Forgets the choice: the first-run question is asked again. */
export async function clearOrgLocation(): Promise<void> {
  await browser.storage.local.remove(KEY);
}

/** Calls `listener` with the new location whenever it changes (another page, the worker); returns the unsubscribe. */
export function onOrgLocationChange(listener: (location: OrgLocation | undefined) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && Object.hasOwn(changes, KEY)) listener(parseOrgLocation(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
