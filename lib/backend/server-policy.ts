import { browser } from 'wxt/browser';
import { parseServerUrl } from './server-url.ts';

// Read after the first paint (lib/ui/org-location.ts loads it): only a lock, a rare case, changes what a page shows.

/**
 * What an IT admin set by enterprise policy (public/managed-schema.json):
 * the team server's address, and whether people may use another place.
 * Chromium reads it from its managed policy, Firefox from policies.json's
 * `3rdparty` section; a browser without a policy (or without managed storage)
 * answers none. An address that is not a team server's is ignored, and a lock
 * without an address locks nothing.
 */
export interface ServerPolicy {
  serverUrl?: string;
  locked: boolean;
}

export async function readServerPolicy(): Promise<ServerPolicy> {
  try {
    const stored = await browser.storage.managed.get(['serverUrl', 'lockServerUrl']);
    const parsed = typeof stored.serverUrl === 'string' ? parseServerUrl(stored.serverUrl) : undefined;
    if (!parsed?.ok) return { locked: false };
    return { serverUrl: parsed.value, locked: stored.lockServerUrl === true };
  } catch {
    return { locked: false };
  }
}

/**
 * Calls `listener` with the policy whenever IT changes it while the browser
 * runs (Chromium re-reads its policy files and reports `managed` changes).
 * Nothing else changes: a person signed in stays signed in.
 */
export function onServerPolicyChange(listener: (policy: ServerPolicy) => void): () => void {
  const handler = (_changes: Record<string, unknown>, area: string) => {
    if (area === 'managed') void readServerPolicy().then(listener);
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
