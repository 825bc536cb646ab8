import { readOrgLocation, writeOrgLocation } from './settings.ts';

// The team server's side of where the org lives: the bearer session. Apart
// from settings.ts, which every page reads at start.

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
