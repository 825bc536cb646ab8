import { browser } from 'wxt/browser';
import { readOrgLocation, writeOrgLocation, type ServerLocation } from './settings.ts';

// The team server's side of where the org lives: the bearer session. Apart
// from settings.ts, which every page reads at start.

/** What a session is, beside its token: the membership's org, the person's orgs, whether to ask which. */
export type SessionOf = Pick<ServerLocation, 'orgId' | 'orgs' | 'choose'>;

/**
 * Keeps (or, with undefined, forgets) the bearer session of the server the
 * org lives on, with what is known of it; a session's org and the person's
 * orgs go with the token they came with.
 */
export async function setServerToken(token: string | undefined, session: SessionOf = {}): Promise<void> {
  const location = await readOrgLocation();
  if (location?.mode !== 'server') return;
  const { serverUrl } = location;
  await writeOrgLocation(
    token === undefined ? { mode: 'server', serverUrl } : { mode: 'server', serverUrl, token, ...session },
  );
}

/** The session of `token` ended: forgotten, unless this browser holds another by now (an org switch). */
export async function forgetServerToken(token: string | undefined): Promise<void> {
  if (token !== undefined && (await readServerToken()) === token) await setServerToken(undefined);
}

/** The token to send, when the org lives on a server and this browser is signed in. */
export async function readServerToken(): Promise<string | undefined> {
  const location = await readOrgLocation();
  return location?.mode === 'server' ? location.token : undefined;
}

const CHOICES_KEY = 'orgChoices';

/** The org this browser last chose on each server (by address): a person in several orgs chooses once. */
async function readChoices(): Promise<Record<string, string>> {
  const stored = (await browser.storage.local.get(CHOICES_KEY))[CHOICES_KEY];
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
  return Object.fromEntries(
    Object.entries(stored as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length <= 200,
    ),
  );
}

export async function readOrgChoice(serverUrl: string): Promise<string | undefined> {
  return (await readChoices())[serverUrl];
}

export async function rememberOrgChoice(serverUrl: string, orgId: string): Promise<void> {
  await browser.storage.local.set({ [CHOICES_KEY]: { ...(await readChoices()), [serverUrl]: orgId } });
}
