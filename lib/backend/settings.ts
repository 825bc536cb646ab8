import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { parseServerUrl } from './server-url.ts';

/**
 * Where the org lives: in this browser only (trial mode, roles not protected)
 * or on a team server, with this browser's bearer session when signed in.
 * Undefined until the person chooses (first run).
 */
export type OrgLocation = { mode: 'trial' } | { mode: 'server'; serverUrl: string; token?: string };

const KEY = 'orgLocation';

// What storage holds is checked like any input: another version of the
// extension, or a hand edit in the devtools, may have left anything there.
const serverUrl = v.pipe(
  v.string(),
  v.check((url) => parseServerUrl(url).ok),
);
const LocationSchema = v.union([
  v.object({ mode: v.literal('trial') }),
  // Earlier builds stored trial mode as 'local': read as trial, written the new way on the next change.
  v.pipe(
    v.object({ mode: v.literal('local') }),
    v.transform((): OrgLocation => ({ mode: 'trial' })),
  ),
  v.object({
    mode: v.literal('server'),
    serverUrl,
    token: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(4096))),
  }),
]);

export const parseOrgLocation = (value: unknown): OrgLocation | undefined => {
  const parsed = v.safeParse(LocationSchema, value);
  return parsed.success ? parsed.output : undefined;
};

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

/** Keeps (or, with undefined, forgets) the bearer session of the server the org lives on. */
export async function setServerToken(token: string | undefined): Promise<void> {
  const location = await readOrgLocation();
  if (location?.mode !== 'server') return;
  const { token: _old, ...rest } = location;
  await writeOrgLocation(token === undefined ? rest : { ...rest, token });
}

/** The token to send, when the org lives on a server and this browser is signed in. */
export async function readServerToken(): Promise<string | undefined> {
  const location = await readOrgLocation();
  return location?.mode === 'server' ? location.token : undefined;
}

/** Calls `listener` with the new location whenever it changes (another page, the worker); returns the unsubscribe. */
export function onOrgLocationChange(listener: (location: OrgLocation | undefined) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && Object.hasOwn(changes, KEY)) listener(parseOrgLocation(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

/**
 * The server address an IT admin set by enterprise policy
 * (public/managed-schema.json), if any and if valid. Browsers without a
 * policy, or without managed storage (Firefox without one), answer nothing.
 */
export async function readPolicyServerUrl(): Promise<string | undefined> {
  try {
    const stored = await browser.storage.managed.get('serverUrl');
    const value = stored.serverUrl;
    if (typeof value !== 'string') return undefined;
    const parsed = parseServerUrl(value);
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}
