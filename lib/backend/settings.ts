import { browser } from 'wxt/browser';
import { parseServerUrl } from './server-url.ts';

/**
 * Where the org lives: in this browser only (trial mode, roles not protected)
 * or on a team server, with this browser's bearer session when signed in.
 * Undefined until the person chooses (first run).
 */
export type OrgLocation = { mode: 'trial' } | ServerLocation;

/** One of the signed-in person's memberships on the server: an org and their role there. */
export interface OrgChoice {
  orgId: string;
  orgName: string;
  role: 'admin' | 'user';
}

export interface ServerLocation {
  mode: 'server';
  serverUrl: string;
  token?: string;
  /** The org the token's membership is in (each session speaks for one membership). */
  orgId?: string;
  /** The person's memberships on this server, as the server listed them at sign-in (shown by the org switch). */
  orgs?: OrgChoice[];
  /** The person is to choose an org (signed in to several with none remembered, or asked to switch). */
  choose?: true;
}

const KEY = 'orgLocation';

const MAX_TOKEN_LENGTH = 4096;
const MAX_ORGS = 1_000;
const MAX_ORG_TEXT = 200;

const shortText = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && value.length <= MAX_ORG_TEXT;

/** The memberships stored beside a session: each field checked, any bad entry drops the whole list. */
function parseOrgChoices(value: unknown): OrgChoice[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_ORGS) return undefined;
  const choices: OrgChoice[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { orgId, orgName, role } = entry as Record<string, unknown>;
    if (!shortText(orgId) || !shortText(orgName) || (role !== 'admin' && role !== 'user')) return undefined;
    choices.push({ orgId, orgName, role });
  }
  return choices;
}

/**
 * What storage holds is checked like any input: another version of the
 * extension, or a hand edit in the devtools, may have left anything there.
 * Checked by hand, not with valibot: this runs at every page's start, and
 * the popup's start must not carry the schema library (its budget, 20 KB).
 */
export function parseOrgLocation(value: unknown): OrgLocation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { mode, serverUrl, token, orgId, orgs, choose } = value as Record<string, unknown>;
  // Earlier builds stored trial mode as 'local': read as trial, written the new way on the next change.
  if (mode === 'trial' || mode === 'local') return { mode: 'trial' };
  if (mode !== 'server' || typeof serverUrl !== 'string' || !parseServerUrl(serverUrl).ok) return undefined;
  // Which org, among which, and whether to ask: extras of a session; a bad one is dropped, the session kept.
  const choices = parseOrgChoices(orgs);
  const session = {
    ...(shortText(orgId) && { orgId }),
    ...(choices && { orgs: choices }),
    ...(choose === true && { choose: true as const }),
  };
  if (token === undefined) return { mode, serverUrl };
  const fits = typeof token === 'string' && token.length >= 1 && token.length <= MAX_TOKEN_LENGTH;
  return fits ? { mode, serverUrl, token, ...session } : undefined;
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
